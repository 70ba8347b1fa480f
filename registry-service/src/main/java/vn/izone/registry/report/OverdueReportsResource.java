package vn.izone.registry.report;

import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import vn.izone.registry.api.Problem;
import vn.izone.registry.api.RejectedChange;
import vn.izone.registry.province.Province;
import vn.izone.registry.zone.Zone;
import vn.izone.registry.zone.ZoneStatus;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Which zones have not filed the report of the last period whose cut-off has passed (issue #7): for industrial
 * clusters, the six-monthly report from 14 June and the annual one from 14 December. Only established zones
 * (established or later, not removed) are expected to report, and only their own report counts (not one of a
 * project in them).
 */
@Path("/api/v1/reports/overdue")
@Produces(MediaType.APPLICATION_JSON)
public class OverdueReportsResource {
    private final ReportingCadence cadence;

    public OverdueReportsResource(ReportingCadence cadence) {
        this.cadence = cadence;
    }

    public record LastFiled(PeriodKind periodKind, int year, Integer number) {
    }

    public record Overdue(UUID zoneId, String name, String provinceCode, String provinceName, ZoneStatus status,
                          LastFiled lastFiled) {
    }

    public record Answer(LocalDate asOf, ReportingCadence.Due period, String basis, long zonesExpected, List<Overdue> overdue) {
    }

    @GET
    @Transactional
    @Operation(summary = "Zones that have not filed the report of the last period whose cut-off has passed",
            description = "asOf=YYYY-MM-DD (default today). Industrial clusters: the six-monthly report is due from 14 June, the annual one from 14 December (rules/cluster-reporting.json).")
    public Answer overdue(@QueryParam("asOf") String asOf) {
        LocalDate on = date(asOf);
        ReportingCadence.Due due = cadence.lastDue(on);
        List<Zone> expected = Zone.<Zone>list("kind", cadence.rules().zoneKind()).stream()
                .filter(z -> z.status.isEstablished()).toList();
        List<Overdue> overdue = expected.stream()
                .filter(z -> Report.count("zoneId = ?1 and projectId is null and periodKind = ?2 and year = ?3 and "
                        + (due.number() == null ? "number is null" : "number = ?4"), params(z.id, due)) == 0)
                .map(z -> new Overdue(z.id, z.name, z.provinceCode, provinceName(z.provinceCode), z.status, lastFiled(z.id, due.periodKind())))
                .sorted(Comparator.comparing(Overdue::provinceCode).thenComparing(Overdue::name))
                .toList();
        return new Answer(on, due, cadence.rules().basis(), expected.size(), overdue);
    }

    private static Object[] params(UUID zoneId, ReportingCadence.Due due) {
        return due.number() == null ? new Object[]{zoneId, due.periodKind(), due.year()}
                : new Object[]{zoneId, due.periodKind(), due.year(), due.number()};
    }

    private static LastFiled lastFiled(UUID zoneId, PeriodKind kind) {
        return Report.<Report>find("zoneId = ?1 and projectId is null and periodKind = ?2 order by periodEnd desc", zoneId, kind)
                .firstResultOptional().map(r -> new LastFiled(r.periodKind, r.year, r.number)).orElse(null);
    }

    private static String provinceName(String code) {
        Province province = Province.findById(code);
        return province == null ? null : province.name;
    }

    private static LocalDate date(String value) {
        if (value == null || value.isBlank()) {
            return LocalDate.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh"));
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new RejectedChange(Problem.of(400, "invalid-parameter", "A query parameter is invalid",
                    "asOf must be a date YYYY-MM-DD", List.of(new Problem.FieldError("asOf", "must be a date YYYY-MM-DD"))));
        }
    }
}
