package vn.izone.metrics.indicators;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The live figures of one scope, each with what it is made of, so that nothing is published that cannot
 * be explained. Areas in hectares; capital per currency, never converted. {@code asOf} (validity date) and
 * {@code asReportedAt} (what had been recorded by then) say which time axes the figures were computed for;
 * both null: the latest, as known today. A zone's snapshot also carries its province, former province, kind and status.
 */
public record Indicators(
        String scopeKey,
        Scope.Type scopeType,
        String scopeCode,
        String scopeName,
        Instant computedAt,
        Zones zones,
        Areas areas,
        Occupancy occupancy,
        Occupancy occupancyOperating,
        Projects projects,
        Employment employment,
        LocalDate asOf,
        Instant asReportedAt,
        List<PeriodFigures> periods,
        Map<String, KindFigures> byKind,
        String provinceCode,
        String formerProvinceCode,
        String kind,
        String status) {

    /**
     * One kind's part of a scope that holds several (national, province, former province): parks, clusters and
     * economic zones are counted apart, as every report of the sector counts them. Null on single-kind scopes.
     */
    public record KindFigures(Zones zones, Areas areas, Occupancy occupancy, Occupancy occupancyOperating,
                              KindProjects projects, long workers) {
    }

    public record KindProjects(long active, long fdi, long domestic) {
    }

    /** The same figures without their by-kind breakdown (what a kind's own scope publishes). */
    public KindFigures asKind() {
        return new KindFigures(zones, areas, occupancy, occupancyOperating,
                new KindProjects(projects.active(), projects.fdi(), projects.domestic()), employment.workers());
    }

    public Indicators withByKind(Map<String, KindFigures> kinds) {
        return new Indicators(scopeKey, scopeType, scopeCode, scopeName, computedAt, zones, areas, occupancy, occupancyOperating,
                projects, employment, asOf, asReportedAt, periods, kinds, provinceCode, formerProvinceCode, kind, status);
    }

    /** A zone's own snapshot says where the zone is and what it is (null on every other scope and before its state). */
    public Indicators withZone(String province, String former, String zoneKind, String zoneStatus) {
        return new Indicators(scopeKey, scopeType, scopeCode, scopeName, computedAt, zones, areas, occupancy, occupancyOperating,
                projects, employment, asOf, asReportedAt, periods, byKind, province, former, zoneKind, zoneStatus);
    }

    /** Zone counts: all registered (removed ones included in byStatus only), and by lifecycle status. */
    public record Zones(long total, long planned, long established, long operating, long removed, Map<String, Long> byStatus) {
    }

    public record Areas(BigDecimal plannedHa, BigDecimal establishedHa, BigDecimal operatingHa,
                        BigDecimal industrialLandHa, BigDecimal leasedHa) {
    }

    /**
     * Leased ÷ industrial land for lease, summed over the zones counted (area-weighted, never an average of
     * percentages). {@code basis} says which zones are counted.
     */
    public record Occupancy(BigDecimal ratePercent, BigDecimal leasedHa, BigDecimal industrialLandHa, long zonesCounted, String basis) {
    }

    public record Capital(BigDecimal fdi, BigDecimal domestic) {
    }

    /**
     * Active projects only (suspended and revoked ones leave the live figures). {@code capitalCombined} is there
     * only when a rate is stored for the date: never a silent conversion.
     */
    public record Projects(long active, long fdi, long domestic, long inactive, Map<String, Capital> capitalByCurrency, BigDecimal leasedHa,
                           CombinedCapital capitalCombined) {
    }

    /**
     * All active projects' capital in one currency each way — USD (VND amounts ÷ rate) and VND (USD amounts × rate)
     * — with the rate used, its date and its source.
     */
    public record CombinedCapital(BigDecimal usd, BigDecimal vnd, vn.izone.metrics.rates.ExchangeRate rate, String basis) {
    }

    /**
     * Employment from both sources, never added together: {@code workers} as declared by active projects
     * (source PROJECTS) and {@code reportedWorkers} from each zone's latest report (source REPORTS).
     */
    public record Employment(long workers, String source, Long reportedWorkers, String reportedSource,
                             long reportingZones, LocalDate reportedPeriodEndFrom, LocalDate reportedPeriodEndTo) {
    }

    /**
     * What the reports of one period (periodKind + year + number) add up to in the scope. Sums of reported
     * figures; the average monthly income is weighted by workers (Σ income × workers ÷ Σ workers, over the
     * reports that give both), never an average of averages.
     */
    public record PeriodFigures(String periodKind, int year, Integer number, LocalDate periodStart, LocalDate periodEnd,
                                BigDecimal revenueVnd, BigDecimal exportUsd, BigDecimal budgetPaidVnd, Long workers,
                                BigDecimal averageMonthlyIncomeVnd, long zonesReporting, long reports, String source,
                                String averageIncomeBasis) {
    }
}
