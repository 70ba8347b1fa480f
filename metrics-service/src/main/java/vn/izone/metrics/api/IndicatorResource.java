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

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
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
    public Indicators national(@QueryParam("asOf") String asOf, @QueryParam("asReportedOn") String asReportedOn,
                               @QueryParam("asReportedAt") String asReportedAt) {
        return calculator.compute(Scope.national(), date("asOf", asOf, null), reportedBy(asReportedOn, asReportedAt));
    }

    @GET
    @Path("{type}/{code}")
    @Operation(summary = "Indicators of a scope: zone, province, former-province, zone-kind, cluster-model, national, "
            + "province-kind ({province}:{kind}) or former-province-kind",
            description = "Live, or on two time axes: asOf=YYYY-MM-DD takes each zone, project and report in its latest state "
                    + "valid on or before that date; asReportedOn=YYYY-MM-DD (end of that day, Vietnam time) or "
                    + "asReportedAt=ISO instant uses only what had been recorded by then — what the board saw — so a later "
                    + "correction changes the figures as known today but not as reported before it. They combine.")
    public Indicators of(@PathParam("type") String type, @PathParam("code") String code, @QueryParam("asOf") String asOf,
                         @QueryParam("asReportedOn") String asReportedOn, @QueryParam("asReportedAt") String asReportedAt) {
        return calculator.compute(scope(type, code), date("asOf", asOf, null), reportedBy(asReportedOn, asReportedAt));
    }

    @GET
    @Path("{type}/{code}/kinds/{kind}")
    @Operation(summary = "One kind of zone in a province or former province: the clusters of Ninh Bình, the parks of former Nam Định",
            description = "type is province or former-province; kind INDUSTRIAL_PARK, INDUSTRIAL_CLUSTER or ECONOMIC_ZONE. The same "
                    + "figures as the scope province-kind/{code}:{kind} (former-province-kind/...). Live, or asOf / asReportedOn as above.")
    public Indicators ofKind(@PathParam("type") String type, @PathParam("code") String code, @PathParam("kind") String kind,
                             @QueryParam("asOf") String asOf, @QueryParam("asReportedOn") String asReportedOn,
                             @QueryParam("asReportedAt") String asReportedAt) {
        if (!KINDS.contains(kind)) {
            throw new BadParameter("kind", "must be one of " + KINDS);
        }
        Scope whole = scope(type, code);
        Scope part = whole.type() == Scope.Type.PROVINCE || whole.type() == Scope.Type.FORMER_PROVINCE ? whole.ofKind(kind) : null;
        if (part == null) {
            throw new NotFoundException("kinds are broken down for provinces and former provinces, not " + type);
        }
        return calculator.compute(part, date("asOf", asOf, null), reportedBy(asReportedOn, asReportedAt));
    }

    static final List<String> KINDS = List.of("INDUSTRIAL_PARK", "INDUSTRIAL_CLUSTER", "ECONOMIC_ZONE");

    @GET
    @Path("{type}/{code}/periods")
    @Operation(summary = "Reported figures of a scope per period (periodKind + year + number), from the reports")
    public List<Indicators.PeriodFigures> periods(@PathParam("type") String type, @PathParam("code") String code,
                                                  @QueryParam("asReportedOn") String asReportedOn,
                                                  @QueryParam("asReportedAt") String asReportedAt) {
        Instant reportedBy = reportedBy(asReportedOn, asReportedAt);
        return reportedBy == null ? calculator.compute(scope(type, code)).periods() : calculator.periods(scope(type, code), null, reportedBy);
    }

    @GET
    @Path("{type}/{code}/series")
    @Operation(summary = "Occupancy, areas, workers and zone counts at the end of each step between from and to")
    public Series series(@PathParam("type") String type, @PathParam("code") String code, @QueryParam("from") String from,
                         @QueryParam("to") String to, @QueryParam("step") String step) {
        LocalDate end = date("to", to, LocalDate.now());
        LocalDate start = date("from", from, end.minusYears(1));
        if (start.isAfter(end)) {
            throw new BadParameter("from", "must not be after to");
        }
        Series.Step s;
        try {
            s = step == null ? Series.Step.QUARTER : Series.Step.valueOf(step.toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new BadParameter("step", "must be MONTH, QUARTER or YEAR");
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

    /** Boards read dates in Vietnam's time: "as reported on D" is everything recorded before D ends there. */
    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    private static Instant reportedBy(String asReportedOn, String asReportedAt) {
        if (asReportedOn != null && !asReportedOn.isBlank() && asReportedAt != null && !asReportedAt.isBlank()) {
            throw new BadParameter("asReportedAt", "give asReportedOn or asReportedAt, not both");
        }
        LocalDate day = date("asReportedOn", asReportedOn, null);
        if (day != null) {
            return day.plusDays(1).atStartOfDay(VIETNAM).toInstant().minusNanos(1_000);
        }
        if (asReportedAt == null || asReportedAt.isBlank()) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(asReportedAt).toInstant();
        } catch (DateTimeParseException e) {
            throw new BadParameter("asReportedAt", "must be an ISO date-time with offset, e.g. 2025-03-01T09:00:00+07:00");
        }
    }

    private static LocalDate date(String name, String value, LocalDate otherwise) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadParameter(name, "must be a date YYYY-MM-DD");
        }
    }
}
