package vn.izone.registry.batch;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;
import vn.izone.registry.api.IdempotencyKeys;
import vn.izone.registry.api.WriteAccess;
import vn.izone.registry.report.ReportRequest;
import vn.izone.registry.report.ReportService;
import vn.izone.registry.report.ReportView;

import java.util.List;
import java.util.UUID;

/** Submits many periodic reports of one zone in one request (docs/registry-api.md, "Batch writes"); its resource method is on the zone's reports resource. */
@ApplicationScoped
public class ReportBatches {
    @Inject
    WriteAccess access;
    private final ReportService reports;
    private final IdempotencyKeys idempotency;
    private final BatchItems items;

    public ReportBatches(ReportService reports, IdempotencyKeys idempotency, BatchItems items) {
        this.reports = reports;
        this.idempotency = idempotency;
        this.items = items;
    }

    /** What an Idempotency-Key stands for: the items and the zone they are sent to. */
    record Submission(UUID zoneId, List<ReportRequest> items) {
    }

    /** Validates, authorises and creates the batch, or answers the records a retried key created. */
    @Transactional
    public Response submit(UUID zoneId, Batch<ReportRequest> batch, String key, String actor) {
        items.validate(batch);
        access.requireWriter();
        String by = access.actor(actor);
        UUID batchId = idempotency.createOnce(key, "report-batch", new Submission(zoneId, batch.items()), () -> {
            UUID id = UUID.randomUUID();
            reports.submitAll(zoneId, batch.items(), BatchItems.ids(id, batch.items().size()), by);
            return id;
        });
        List<ReportView> views = BatchItems.ids(batchId, batch.items().size()).stream()
                .map(id -> ReportService.view(reports.find(zoneId, id))).toList();
        return Response.status(Response.Status.CREATED).entity(new BatchResult<>(batchId, views.size(), views)).build();
    }
}
