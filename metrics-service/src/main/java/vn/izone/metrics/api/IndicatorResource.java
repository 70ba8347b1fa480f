package vn.izone.metrics.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import vn.izone.metrics.indicators.IndicatorCalculator;
import vn.izone.metrics.indicators.Indicators;
import vn.izone.metrics.indicators.Scope;

@Path("/api/v1/indicators")
@Produces(MediaType.APPLICATION_JSON)
public class IndicatorResource {
    private final IndicatorCalculator calculator;

    public IndicatorResource(IndicatorCalculator calculator) {
        this.calculator = calculator;
    }

    @GET
    @Path("national")
    @Operation(summary = "Live indicators of the whole country")
    public Indicators national() {
        return calculator.compute(Scope.national());
    }

    @GET
    @Path("{type}/{code}")
    @Operation(summary = "Live indicators of a scope: zone, province, former-province, zone-kind or cluster-model")
    public Indicators of(@PathParam("type") String type, @PathParam("code") String code) {
        Scope.Type scopeType;
        try {
            scopeType = Scope.Type.ofSlug(type);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException(e.getMessage());
        }
        return calculator.compute(new Scope(scopeType, code));
    }
}
