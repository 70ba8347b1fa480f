package vn.izone.metrics.indicators;

import org.junit.jupiter.api.Test;
import vn.izone.metrics.aggregates.Sums;
import vn.izone.metrics.aggregates.ZoneFigures;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A scope's snapshot from its sums (pure logic): the kinds' breakdown and the periods' dates. */
class IndicatorsFromSumsTest {
    private static final IndicatorCalculator CALCULATOR = new IndicatorCalculator(null, null, null);

    private static Sums zone(String name, String status, String land, String leased, List<ZoneFigures.ReportRow> reports) {
        UUID id = UUID.nameUUIDFromBytes(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        ZoneFigures.ZoneRow row = new ZoneFigures.ZoneRow(id, name, "INDUSTRIAL_CLUSTER", "37", "Ninh Bình", "36", "Nam Định",
                status, null, new BigDecimal("75"), new BigDecimal("70"), new BigDecimal(land), leased == null ? null : new BigDecimal(leased));
        List<ZoneFigures.ProjectRow> projects = List.of(
                new ZoneFigures.ProjectRow(id, "FDI", "OPERATING", new BigDecimal("12.5"), "USD", new BigDecimal("4.25"), 310),
                new ZoneFigures.ProjectRow(id, "DOMESTIC", "SUSPENDED", new BigDecimal("900"), "VND", new BigDecimal("2"), 40));
        return ZoneFigures.of(row, projects, reports.stream().map(r -> withZone(r, id)).toList());
    }

    private static ZoneFigures.ReportRow report(int quarter, String start, String end, long workers) {
        return new ZoneFigures.ReportRow(null, null, "QUARTER", 2025, quarter, LocalDate.parse(start), LocalDate.parse(end),
                new BigDecimal("1000"), null, null, (int) workers, new BigDecimal("8000000"), LocalDate.parse(end),
                Instant.parse("2026-01-10T00:00:00Z"));
    }

    private static ZoneFigures.ReportRow withZone(ZoneFigures.ReportRow r, UUID zone) {
        return new ZoneFigures.ReportRow(zone, r.projectId(), r.periodKind(), r.year(), r.number(), r.periodStart(), r.periodEnd(),
                r.revenueVnd(), r.exportUsd(), r.budgetPaidVnd(), r.workers(), r.averageMonthlyIncomeVnd(), r.validOn(), r.recordedAt());
    }

    private static Sums twoClusters() {
        return zone("CCN Đồng Côi", "IN_OPERATION", "60", null, List.of(
                        report(1, "2025-01-01", "2025-03-31", 300), report(2, "2025-04-01", "2025-06-30", 320)))
                .plus(zone("CCN Trung Thành", "UNDER_CONSTRUCTION", "50", "10", List.of(
                        report(1, "2025-01-02", "2025-03-30", 100), report(2, "2025-03-31", "2025-07-01", 110))));
    }

    @Test
    void aKindsBreakdownHoldsWhatTheKindsOwnSnapshotHolds() {
        Sums s = twoClusters();
        Indicators own = CALCULATOR.fromSums(Scope.formerProvinceKind("36", "INDUSTRIAL_CLUSTER"), s, Optional.empty());
        assertEquals(own.asKind(), IndicatorCalculator.kindFigures(s));
        assertEquals(2, IndicatorCalculator.kindFigures(s).zones().total());
        assertEquals(1, IndicatorCalculator.kindFigures(s).zones().byStatus().get("IN_OPERATION"));
        assertEquals(new Indicators.KindProjects(2, 2, 0), IndicatorCalculator.kindFigures(s).projects()); // the suspended one is not active
    }

    @Test
    void eachPeriodRunsFromItsEarliestStartToItsLatestEndLatestFirst() {
        List<Indicators.PeriodFigures> periods = CALCULATOR.fromSums(Scope.province("37"), twoClusters(), Optional.empty()).periods();
        assertEquals(2, periods.size());
        Indicators.PeriodFigures q2 = periods.get(0);
        Indicators.PeriodFigures q1 = periods.get(1);
        assertEquals(2, q2.number());
        assertEquals(LocalDate.parse("2025-03-31"), q2.periodStart());
        assertEquals(LocalDate.parse("2025-07-01"), q2.periodEnd());
        assertEquals(LocalDate.parse("2025-01-01"), q1.periodStart());
        assertEquals(LocalDate.parse("2025-03-31"), q1.periodEnd());
        assertEquals(2, q1.zonesReporting());
    }
}
