package vn.izone.reporting.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import vn.izone.reporting.discrepancies.DiscrepancyQuery;
import vn.izone.reporting.discrepancies.DiscrepancyView;

/** Declared figures held against the register (issue #16): what a province said beside what the register counts. */
@Path("/api/v1/discrepancies")
public class DiscrepancyResource {
    private final DiscrepancyView view;

    public DiscrepancyResource(DiscrepancyView view) {
        this.view = view;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Every declared figure (as known today) with its source, beside the register's figure for the same scope, kind and date, and the difference",
            description = "province (today's province: its own, its former provinces' and its zones' declarations), scopeType + scopeCode, "
                    + "kind, conflicting=true. The register figure is metrics-service's indicator as of the declaration's validOn. "
                    + "503 when the registry does not answer; a row says REGISTER_UNAVAILABLE when metrics-service does not.")
    public Response list(@QueryParam("province") String province, @QueryParam("scopeType") String scopeType,
                         @QueryParam("scopeCode") String scopeCode, @QueryParam("kind") String kind,
                         @QueryParam("conflicting") String conflicting) {
        DiscrepancyView.Answer answer = view.of(DiscrepancyQuery.of(province, scopeType, scopeCode, kind, conflicting));
        return Response.ok(answer).header("Cache-Control", "no-store").build();
    }
}
