package vn.izone.registry.report;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
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
import vn.izone.registry.events.EventHistory;
import vn.izone.registry.zone.ZoneProvince;
import vn.izone.registry.zone.ZoneService;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@Path("/api/v1/zones/{zoneId}/reports")
@ProvinceScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ReportResource {
    @Inject
    WriteAccess access;
    @Inject
    Batches batches;
    private final ReportService reports;
    private final ZoneService zones;
    private final IdempotencyKeys idempotency;
    private final EventHistory history;

    public ReportResource(ReportService reports, ZoneService zones, IdempotencyKeys idempotency, EventHistory history) {
        this.reports = reports;
        this.zones = zones;
        this.idempotency = idempotency;
        this.history = history;
    }

    /** What an Idempotency-Key stands for: the body and the zone it is sent to. */
    record Submission(UUID zoneId, ReportRequest request) {
    }

    @POST
    @Transactional
    @RolesAllowed({WriteAccess.REGISTRAR, WriteAccess.DEPARTMENT})
    @Operation(summary = "Submit a periodic report of the zone (or of one of its projects, with projectId)",
            description = "A report of the same kind whose period overlaps an existing one is refused (422, field 'period'): "
                    + "correct the existing report with PUT instead. Send an Idempotency-Key to make retries safe.")
    public Response submit(@PathParam("zoneId") @ProvinceOf(value = ZoneProvince.class, field = "zoneId") UUID zoneId,
                           ReportRequest request,
                           @HeaderParam("Idempotency-Key") String key, @HeaderParam(Actor.HEADER) String actor) {
        UUID id = idempotency.createOnce(key, "report", new Submission(zoneId, request),
                () -> reports.submit(zoneId, request, access.actor(actor)).id());
        ReportView view = ReportService.view(reports.find(zoneId, id));
        return Response.created(URI.create("/api/v1/zones/" + zoneId + "/reports/" + id))
                .tag(Revisions.etag(view.revision())).entity(view).build();
    }

    @POST
    @Path("batch")
    @Transactional
    @RolesAllowed({WriteAccess.REGISTRAR, WriteAccess.DEPARTMENT})
    @Operation(summary = "Submit up to 1,000 periodic reports of a zone at once, all or none",
            description = "Body {\"items\": [report, ...]}. Each item is checked like a single submission (items of the batch "
                    + "count as existing reports for the period check); one bad item refuses the whole batch (422 naming "
                    + "items[i].field) and nothing is written. Every report gets its own report.submitted event. "
                    + "Send an Idempotency-Key: a retry answers the same reports.")
    public Response submitBatch(@PathParam("zoneId") @ProvinceOf(value = ZoneProvince.class, field = "zoneId") UUID zoneId,
                                Batch<ReportRequest> batch,
                                @HeaderParam("Idempotency-Key") String key, @HeaderParam(Actor.HEADER) String actor) {
        return batches.create("report", zoneId, batch, key, actor, reports::submitAll,
                id -> ReportService.view(reports.find(zoneId, id)));
    }

    @GET
    @Transactional
    @Operation(summary = "The zone's reports, oldest period first; filter by year, period kind or project")
    public List<ReportView> list(@PathParam("zoneId") UUID zoneId, @QueryParam("year") Integer year,
                                 @QueryParam("periodKind") PeriodKind periodKind, @QueryParam("projectId") UUID projectId) {
        zones.find(zoneId);
        StringBuilder query = new StringBuilder("zoneId = :zone");
        Map<String, Object> params = new HashMap<>();
        params.put("zone", zoneId);
        if (year != null) {
            query.append(" and year = :year");
            params.put("year", year);
        }
        if (periodKind != null) {
            query.append(" and periodKind = :kind");
            params.put("kind", periodKind);
        }
        if (projectId != null) {
            query.append(" and projectId = :project");
            params.put("project", projectId);
        }
        query.append(" order by periodStart, periodKind, id");
        return Report.<Report>find(query.toString(), params).stream().map(ReportService::view).toList();
    }

    @GET
    @Path("{id}")
    @Transactional
    public Response get(@PathParam("zoneId") UUID zoneId, @PathParam("id") UUID id) {
        ReportView view = ReportService.view(reports.find(zoneId, id));
        return Response.ok(view).tag(Revisions.etag(view.revision())).build();
    }

    @PUT
    @Path("{id}")
    @Transactional
    @RolesAllowed({WriteAccess.REGISTRAR, WriteAccess.DEPARTMENT})
    @Operation(summary = "Correct a report", description = "Requires If-Match with the ETag last read. Publishes "
            + "report.corrected; the earlier versions stay in GET …/history and on the topic.")
    public Response correct(@PathParam("zoneId") @ProvinceOf(value = ZoneProvince.class, field = "zoneId") UUID zoneId,
                            @PathParam("id") UUID id, ReportRequest request,
                            @HeaderParam("If-Match") String ifMatch, @HeaderParam(Actor.HEADER) String actor) {
        ReportView view = reports.correct(zoneId, id, Revisions.required(ifMatch), request, access.actor(actor));
        return Response.ok(view).tag(Revisions.etag(view.revision())).build();
    }

    @GET
    @Path("{id}/history")
    @Transactional
    @Operation(summary = "Every version of the report, as the events that announced them")
    public List<JsonNode> history(@PathParam("zoneId") UUID zoneId, @PathParam("id") UUID id) {
        reports.find(zoneId, id);
        return history.of(id);
    }
}
