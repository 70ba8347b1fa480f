package vn.izone.registry.zone;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
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
import vn.izone.registry.api.IdempotencyKeys;
import vn.izone.registry.api.Nationwide;
import vn.izone.registry.api.ProvinceOf;
import vn.izone.registry.api.ProvinceScoped;
import vn.izone.registry.api.Revisions;
import vn.izone.registry.api.WriteAccess;
import vn.izone.registry.events.EventHistory;

import java.net.URI;
import java.util.List;
import java.util.UUID;

@Path("/api/v1/zones")
@ProvinceScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ZoneResource {
    @Inject
    WriteAccess access;
    private final ZoneService zones;
    private final IdempotencyKeys idempotency;
    private final EventHistory history;
    private final ZoneImport zoneImport;

    public ZoneResource(ZoneService zones, IdempotencyKeys idempotency, EventHistory history, ZoneImport zoneImport) {
        this.zones = zones;
        this.idempotency = idempotency;
        this.history = history;
        this.zoneImport = zoneImport;
    }

    @POST
    @Transactional
    @RolesAllowed({WriteAccess.REGISTRAR, WriteAccess.DEPARTMENT})
    @Operation(summary = "Register a zone (economic zone, industrial park or cluster)",
            description = "Send an Idempotency-Key so that a retried request creates nothing twice.")
    public Response register(@ProvinceOf(value = RequestedProvince.class, field = "provinceCode") ZoneRequest request,
                             @HeaderParam("Idempotency-Key") String key, @HeaderParam(Actor.HEADER) String actor) {
        UUID id = idempotency.createOnce(key, "zone", request, () -> zones.register(request, access.actor(actor)).id());
        ZoneView view = zones.view(zones.find(id));
        return Response.created(URI.create("/api/v1/zones/" + id)).tag(Revisions.etag(view.revision())).entity(view).build();
    }

    @POST
    @Path("import")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @RolesAllowed({WriteAccess.REGISTRAR, WriteAccess.DEPARTMENT})
    @Nationwide(ZoneImport.EACH_ROW)
    @Operation(summary = "Register many zones from CSV, one per row",
            description = "A header row names the columns (the fields of a zone; nested ones with a dot, e.g. "
                    + "wastewater.centralised). Each row is its own change with its own zone.registered event; the "
                    + "answer lists every row as ACCEPTED (with the new id) or REJECTED (with the fields and reasons).")
    public ZoneImport.Result importCsv(String csv, @QueryParam("decimal") String decimal, @HeaderParam(Actor.HEADER) String actor) {
        return zoneImport.importCsv(csv, decimal, access.actor(actor));
    }

    @POST
    @Path("import")
    @Consumes(Xlsx.MEDIA_TYPE)
    @RolesAllowed({WriteAccess.REGISTRAR, WriteAccess.DEPARTMENT})
    @Nationwide(ZoneImport.EACH_ROW)
    @Operation(summary = "Register many zones from an XLSX workbook, one per row",
            description = "The first sheet, or the one named by ?sheet=; its first row names the columns, as in CSV. "
                    + "Cells are read by their type (numbers, dates, booleans, text); the same answer as for CSV.")
    public ZoneImport.Result importXlsx(byte[] xlsx, @QueryParam("sheet") String sheet, @QueryParam("decimal") String decimal,
                                        @HeaderParam(Actor.HEADER) String actor) {
        return zoneImport.importXlsx(xlsx, sheet, decimal, access.actor(actor));
    }

    @GET
    @Path("{id}")
    @Transactional
    public Response get(@PathParam("id") UUID id) {
        ZoneView view = zones.view(zones.find(id));
        return Response.ok(view).tag(Revisions.etag(view.revision())).build();
    }

    @GET
    @Transactional
    @Operation(summary = "List zones, filtered by province, former province, kind and status")
    public List<ZoneView> list(@QueryParam("provinceCode") String provinceCode,
                               @QueryParam("formerProvinceCode") String formerProvinceCode,
                               @QueryParam("kind") ZoneKind kind, @QueryParam("status") ZoneStatus status,
                               @QueryParam("page") @DefaultValue("0") int page,
                               @QueryParam("size") @DefaultValue("100") int size) {
        StringBuilder query = new StringBuilder("1 = 1");
        java.util.Map<String, Object> params = new java.util.HashMap<>();
        if (provinceCode != null) {
            query.append(" and provinceCode = :province");
            params.put("province", provinceCode);
        }
        if (formerProvinceCode != null) {
            query.append(" and formerProvinceCode = :former");
            params.put("former", formerProvinceCode);
        }
        if (kind != null) {
            query.append(" and kind = :kind");
            params.put("kind", kind);
        }
        if (status != null) {
            query.append(" and status = :status");
            params.put("status", status);
        }
        query.append(" order by name, id");
        return Zone.<Zone>find(query.toString(), params)
                .page(Math.max(page, 0), Math.min(Math.max(size, 1), 1000)).stream()
                .map(zones::view).toList();
    }

    @PUT
    @Path("{id}")
    @Transactional
    @RolesAllowed({WriteAccess.REGISTRAR, WriteAccess.DEPARTMENT})
    @Operation(summary = "Correct a zone's data", description = "Requires If-Match with the ETag last read.")
    public Response correct(@PathParam("id") @ProvinceOf(value = ZoneProvince.class, field = "provinceCode") UUID id,
                            @ProvinceOf(value = RequestedProvince.class, field = "provinceCode") ZoneRequest request,
                            @HeaderParam("If-Match") String ifMatch, @HeaderParam(Actor.HEADER) String actor) {
        ZoneView view = zones.correct(id, Revisions.required(ifMatch), request, access.actor(actor));
        return Response.ok(view).tag(Revisions.etag(view.revision())).build();
    }

    @POST
    @Path("{id}/status")
    @Transactional
    @RolesAllowed({WriteAccess.REGISTRAR, WriteAccess.DEPARTMENT})
    @Operation(summary = "Move a zone along its lifecycle", description = "Illegal moves answer 409.")
    public Response changeStatus(@PathParam("id") @ProvinceOf(value = ZoneProvince.class, field = "provinceCode") UUID id,
                                 ZoneService.StatusChange change,
                                 @HeaderParam("If-Match") String ifMatch, @HeaderParam(Actor.HEADER) String actor) {
        long expected = ifMatch == null ? -1 : Revisions.required(ifMatch);
        ZoneView view = zones.changeStatus(id, expected, change, access.actor(actor));
        return Response.ok(view).tag(Revisions.etag(view.revision())).build();
    }

    @GET
    @Path("{id}/history")
    @Transactional
    @Operation(summary = "Audit trail: every accepted change of the zone, as the events that announced it")
    public List<JsonNode> history(@PathParam("id") UUID id) {
        zones.find(id);
        return history.of(id);
    }

}
