package vn.izone.metrics.api;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import vn.izone.metrics.indicators.IndicatorCalculator;
import vn.izone.metrics.indicators.Indicators;
import vn.izone.metrics.indicators.Scope;
import vn.izone.metrics.indicators.Series;
import vn.izone.metrics.indicators.TargetFlags;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

@Path("/api/v1/indicators")
@Produces(MediaType.APPLICATION_JSON)
public class IndicatorResource {
    private final IndicatorCalculator calculator;
    private final TargetFlags targets;

    public IndicatorResource(IndicatorCalculator calculator, TargetFlags targets) {
        this.calculator = calculator;
        this.targets = targets;
    }

    @GET
    @Path("national")
    @Operation(summary = "Live indicators of the whole country")
    public Indicators national(@QueryParam("asOf") String asOf) {
        return calculator.compute(Scope.national(), date("asOf", asOf, null));
    }

    @GET
    @Path("{type}/{code}")
    @Operation(summary = "Indicators of a scope: zone, province, former-province, zone-kind, cluster-model or national",
            description = "Live, or with asOf=YYYY-MM-DD as the board saw that date (each zone and project in its latest state valid on or before it).")
    public Indicators of(@PathParam("type") String type, @PathParam("code") String code, @QueryParam("asOf") String asOf) {
        return calculator.compute(scope(type, code), date("asOf", asOf, null));
    }

    @GET
    @Path("{type}/{code}/periods")
    @Operation(summary = "Reported figures of a scope per period (periodKind + year + number), from the reports")
    public List<Indicators.PeriodFigures> periods(@PathParam("type") String type, @PathParam("code") String code) {
        return calculator.periods(scope(type, code), null);
    }

    @GET
    @Path("{type}/{code}/series")
    @Operation(summary = "Occupancy, areas, workers and zone counts at the end of each step between from and to")
    public Series series(@PathParam("type") String type, @PathParam("code") String code, @QueryParam("from") String from,
                         @QueryParam("to") String to, @QueryParam("step") String step) {
        LocalDate end = date("to", to, LocalDate.now());
        LocalDate start = date("from", from, end.minusYears(1));
        if (start.isAfter(end)) {
            throw new BadRequestException("from must not be after to");
        }
        Series.Step s;
        try {
            s = step == null ? Series.Step.QUARTER : Series.Step.valueOf(step.toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("step must be MONTH, QUARTER or YEAR");
        }
        try {
            return Series.compute(calculator, scope(type, code), start, end, s);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
    }

    @GET
    @Path("{type}/{code}/flags")
    @Operation(summary = "Zones of the scope that miss an occupancy target that has fallen due")
    public TargetFlags.Flags flags(@PathParam("type") String type, @PathParam("code") String code, @QueryParam("on") String on) {
        return targets.of(scope(type, code), date("on", on, LocalDate.now()));
    }

    private static Scope scope(String type, String code) {
        try {
            Scope scope = new Scope(Scope.Type.ofSlug(type), code);
            if (scope.type() == Scope.Type.ZONE) {
                java.util.UUID.fromString(code);
            }
            return scope;
        } catch (IllegalArgumentException e) {
            throw new NotFoundException(e.getMessage());
        }
    }

    private static LocalDate date(String name, String value, LocalDate otherwise) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadRequestException(name + " must be a date YYYY-MM-DD");
        }
    }
}
