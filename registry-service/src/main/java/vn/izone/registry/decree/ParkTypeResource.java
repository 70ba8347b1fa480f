package vn.izone.registry.decree;

import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;

/** Decree 35/2022/ND-CP industrial park types: the conditions in force and how each typed park stands. */
@Path("/api/v1/rules/parks")
@Produces(MediaType.APPLICATION_JSON)
public class ParkTypeResource {
    private final ParkTypeRules rules;
    private final ParkTypeFindings findings;

    public ParkTypeResource(ParkTypeRules rules, ParkTypeFindings findings) {
        this.rules = rules;
        this.findings = findings;
    }

    @GET
    @Operation(summary = "The industrial park types and their land-share conditions in force (data, e.g. Decree 35/2022/ND-CP)")
    public ParkTypeRules.Book rules() {
        return rules.book();
    }

    @GET
    @Path("findings")
    @Transactional
    @Operation(summary = "Every established park that declares a type against its condition: MEETS, BREACHES or NOT_EVALUATED, with the figures used",
            description = "Filter by provinceCode; breached=true lists only breaches.")
    public List<ParkTypeFindings.Finding> findings(@QueryParam("provinceCode") String provinceCode, @QueryParam("breached") Boolean breached) {
        return findings.all(provinceCode).stream()
                .filter(f -> breached == null || (f.outcome() == ParkTypeFindings.Outcome.BREACHES) == breached)
                .toList();
    }
}
