package vn.izone.registry.project;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import vn.izone.registry.api.Actor;
import vn.izone.registry.api.ProvinceOf;
import vn.izone.registry.api.ProvinceScoped;
import vn.izone.registry.api.IdempotencyKeys;
import vn.izone.registry.api.Revisions;
import vn.izone.registry.api.WriteAccess;
import vn.izone.registry.batch.Batch;
import vn.izone.registry.batch.Batches;
import vn.izone.registry.zone.ZoneProvince;
import vn.izone.registry.zone.ZoneService;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/** The projects of one zone: register one or a batch, list them. */
@Path("/api/v1/zones/{zoneId}/projects")
@ProvinceScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ZoneProjectsResource {
    @Inject
    WriteAccess access;
    @Inject
    Batches batches;
    private final ProjectService projects;
    private final ZoneService zones;
    private final IdempotencyKeys idempotency;

    public ZoneProjectsResource(ProjectService projects, ZoneService zones, IdempotencyKeys idempotency) {
        this.projects = projects;
        this.zones = zones;
        this.idempotency = idempotency;
    }

    @POST
    @Transactional
    @RolesAllowed({WriteAccess.REGISTRAR, WriteAccess.DEPARTMENT})
    @Operation(summary = "Register a secondary investment project in a zone")
    public Response register(@PathParam("zoneId") @ProvinceOf(value = ZoneProvince.class, field = "zoneId") UUID zoneId,
                             ProjectRequest request,
                             @HeaderParam("Idempotency-Key") String key, @HeaderParam(Actor.HEADER) String actor) {
        ProjectView view = idempotency.createOnce(key, "project", request, () -> projects.register(zoneId, request, access.actor(actor)),
                ProjectView::id, id -> ProjectService.view(projects.find(id)));
        return Response.created(URI.create("/api/v1/projects/" + view.id())).tag(Revisions.etag(view.revision())).entity(view).build();
    }

    @POST
    @Path("batch")
    @Transactional
    @RolesAllowed({WriteAccess.REGISTRAR, WriteAccess.DEPARTMENT})
    @Operation(summary = "Register up to 1,000 projects of a zone at once, all or none",
            description = "Body {\"items\": [project, ...]}. Each item is checked like a single registration; one bad item "
                    + "refuses the whole batch (422 naming items[i].field) and nothing is written. Every project gets its own "
                    + "project.registered event. Send an Idempotency-Key: a retry answers the same projects.")
    public Response registerBatch(@PathParam("zoneId") @ProvinceOf(value = ZoneProvince.class, field = "zoneId") UUID zoneId,
                                  Batch<ProjectRequest> batch,
                                  @HeaderParam("Idempotency-Key") String key, @HeaderParam(Actor.HEADER) String actor) {
        return batches.create("project", zoneId, batch, key, actor, projects::registerAll,
                id -> ProjectService.view(projects.find(id)));
    }

    @GET
    @Transactional
    public List<ProjectView> ofZone(@PathParam("zoneId") UUID zoneId) {
        zones.find(zoneId);
        return Project.<Project>find("zoneId = ?1 order by name, id", zoneId).stream().map(ProjectService::view).toList();
    }
}
