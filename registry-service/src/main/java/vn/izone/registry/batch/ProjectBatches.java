package vn.izone.registry.batch;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;
import vn.izone.registry.api.IdempotencyKeys;
import vn.izone.registry.api.WriteAccess;
import vn.izone.registry.project.ProjectRequest;
import vn.izone.registry.project.ProjectService;
import vn.izone.registry.project.ProjectView;

import java.util.List;
import java.util.UUID;

/** Registers many projects of one zone in one request (docs/registry-api.md, "Batch writes"); its resource method is on the zone's projects resource. */
@ApplicationScoped
public class ProjectBatches {
    @Inject
    WriteAccess access;
    private final ProjectService projects;
    private final IdempotencyKeys idempotency;
    private final BatchItems items;

    public ProjectBatches(ProjectService projects, IdempotencyKeys idempotency, BatchItems items) {
        this.projects = projects;
        this.idempotency = idempotency;
        this.items = items;
    }

    /** What an Idempotency-Key stands for: the items and the zone they are sent to. */
    record Submission(UUID zoneId, List<ProjectRequest> items) {
    }

    /** Validates, authorises and creates the batch, or answers the records a retried key created. */
    @Transactional
    public Response register(UUID zoneId, Batch<ProjectRequest> batch, String key, String actor) {
        items.validate(batch);
        access.requireWriter();
        String by = access.actor(actor);
        UUID batchId = idempotency.createOnce(key, "project-batch", new Submission(zoneId, batch.items()), () -> {
            UUID id = UUID.randomUUID();
            projects.registerAll(zoneId, batch.items(), BatchItems.ids(id, batch.items().size()), by);
            return id;
        });
        List<ProjectView> views = BatchItems.ids(batchId, batch.items().size()).stream()
                .map(id -> ProjectService.view(projects.find(id))).toList();
        return Response.status(Response.Status.CREATED).entity(new BatchResult<>(batchId, views.size(), views)).build();
    }
}
