package vn.izone.registry.decree;

import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;

@Path("/api/v1/rules/clusters")
@Produces(MediaType.APPLICATION_JSON)
public class DecreeResource {
    private final ClusterRuleBook book;
    private final ClusterRuleEnforcer enforcer;

    public DecreeResource(ClusterRuleBook book, ClusterRuleEnforcer enforcer) {
        this.book = book;
        this.enforcer = enforcer;
    }

    @GET
    @Operation(summary = "The industrial-cluster rules in force (data, e.g. Decree 32/2024/ND-CP)")
    public ClusterRuleBook.Book rules() {
        return book.book();
    }

    @GET
    @Path("findings")
    @Transactional
    @Operation(summary = "Every cluster against every rule: which breach and which qualify",
            description = "Filter by provinceCode; breached=true lists only breaches.")
    public List<RuleFinding> findings(@QueryParam("provinceCode") String provinceCode, @QueryParam("breached") Boolean breached) {
        return enforcer.evaluate(provinceCode).stream()
                .filter(f -> breached == null || f.breached() == breached)
                .toList();
    }
}
