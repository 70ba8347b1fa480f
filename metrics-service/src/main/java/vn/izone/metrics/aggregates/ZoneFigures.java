package vn.izone.metrics.aggregates;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * What one zone adds to every scope it belongs to, computed from that zone's rows only (its state, its projects, its
 * reports): the same definitions as the grouping queries of {@code IndicatorCalculator} (docs/metrics.md, "Figures and
 * their definitions"), zone by zone, so that a scope's figures are the sum of its zones' {@link Sums}. Pure: the rows
 * come in, the sums go out.
 */
public final class ZoneFigures {
    static final Set<String> ESTABLISHED = Set.of("ESTABLISHED", "INVESTMENT_APPROVED", "DETAILED_PLANNING_APPROVED",
            "UNDER_CONSTRUCTION", "IN_OPERATION", "EXPANDED");
    static final Set<String> OPERATING = Set.of("IN_OPERATION", "EXPANDED");
    static final Set<String> PLANNED = Set.of("PLANNED", "LAND_TARGET_ALLOCATED");
    static final Set<String> INACTIVE_PROJECT = Set.of("SUSPENDED", "REVOKED");
    static final String REMOVED = "REMOVED_FROM_PLANNING";

    private ZoneFigures() {
    }

    public record ZoneRow(UUID id, String name, String kind, String provinceCode, String provinceName,
                          String formerProvinceCode, String formerProvinceName, String status, String clusterModel,
                          BigDecimal plannedHa, BigDecimal establishedHa, BigDecimal industrialLandHa, BigDecimal leasedHa) {
    }

    public record ProjectRow(UUID zoneId, String origin, String status, BigDecimal capital, String currency,
                             BigDecimal leasedHa, Integer workers) {
    }

    public record ReportRow(UUID zoneId, UUID projectId, String periodKind, int year, Integer number, LocalDate periodStart,
                            LocalDate periodEnd, BigDecimal revenueVnd, BigDecimal exportUsd, BigDecimal budgetPaidVnd,
                            Integer workers, BigDecimal averageMonthlyIncomeVnd, LocalDate validOn, Instant recordedAt) {
    }

    /** The zone's sums; a zone metrics has no state for yet (its projects came first) adds nothing anywhere. */
    public static Sums of(ZoneRow zone, List<ProjectRow> projects, List<ReportRow> reports) {
        Sums s = Sums.empty();
        if (zone == null) {
            return s;
        }
        zone(zone, s);
        BigDecimal activeLeased = projects(projects, s);
        land(zone, activeLeased, s);
        reports(reports, s);
        return s;
    }

    /**
     * How a zone's sums move when some of its projects change and nothing else of it does (its state and reports as
     * they were): the projects' figures of the rows that came minus those of the rows that left, and the land
     * figures recomputed from the zone's summed leased land before and after (a zone without its own leased figure
     * counts its active projects' leased land). Equal to {@link #of} over the new rows minus {@link #of} over the old
     * ones, because a project's figures are its own and the land figures depend on the projects only through that
     * sum, which {@code before} holds ({@code projects.leasedHa}). {@code ZoneFiguresTest} holds the two equal.
     */
    public static Sums projectChange(ZoneRow zone, Sums before, List<ProjectRow> leaving, List<ProjectRow> coming) {
        Sums left = Sums.empty();
        BigDecimal leftLeased = projects(leaving, left);
        Sums came = Sums.empty();
        BigDecimal cameLeased = projects(coming, came);
        Sums change = came.minus(left);
        BigDecimal leasedBefore = before.get("projects.leasedHa");
        Sums landBefore = Sums.empty();
        land(zone, leasedBefore, landBefore);
        Sums landAfter = Sums.empty();
        land(zone, leasedBefore.subtract(leftLeased).add(cameLeased), landAfter);
        landAfter.minus(landBefore).forEach(change::add);
        return change;
    }

    private static void zone(ZoneRow z, Sums s) {
        s.add("zones.total", 1).add("status:" + z.status(), 1).add("kind:" + z.kind(), 1).add("zoneName:" + z.name(), 1)
                .add("provinceCode:" + z.provinceCode(), 1);
        if (z.formerProvinceCode() != null) {
            s.add("formerProvinceCode:" + z.formerProvinceCode(), 1);
        }
        if (z.provinceName() != null) {
            s.add("provinceName:" + z.provinceName(), 1);
        }
        if (z.formerProvinceName() != null) {
            s.add("formerProvinceName:" + z.formerProvinceName(), 1);
        }
        if (PLANNED.contains(z.status())) {
            s.add("zones.planned", 1);
        }
        if (REMOVED.equals(z.status())) {
            s.add("zones.removed", 1);
        } else {
            s.add("areas.plannedHa", z.plannedHa());
        }
        if (ESTABLISHED.contains(z.status())) {
            s.add("zones.established", 1).add("areas.establishedHa", z.establishedHa());
        }
        if (OPERATING.contains(z.status())) {
            s.add("zones.operating", 1).add("areas.operatingHa", z.establishedHa());
        }
    }

    /** Active projects' figures; returns their leased land (what a zone without its own leased figure has leased). */
    private static BigDecimal projects(List<ProjectRow> projects, Sums s) {
        BigDecimal leased = BigDecimal.ZERO;
        for (ProjectRow p : projects) {
            if (INACTIVE_PROJECT.contains(p.status())) {
                s.add("projects.inactive", 1);
                continue;
            }
            String origin = "FDI".equals(p.origin()) ? "fdi" : "DOMESTIC".equals(p.origin()) ? "domestic" : null;
            s.add("projects.active", 1);
            if (origin != null) {
                s.add("projects." + origin, 1);
                if (("USD".equals(p.currency()) || "VND".equals(p.currency())) && p.capital() != null) {
                    s.add("capital." + p.currency() + "." + origin, p.capital());
                }
            }
            s.add("projects.leasedHa", p.leasedHa());
            s.add("projects.workers", p.workers() == null ? 0 : p.workers());
            if (p.leasedHa() != null) {
                leased = leased.add(p.leasedHa());
            }
        }
        return leased;
    }

    private static void land(ZoneRow z, BigDecimal activeLeased, Sums s) {
        BigDecimal leased = z.leasedHa() != null ? z.leasedHa() : activeLeased;
        BigDecimal land = z.industrialLandHa();
        boolean forLease = land != null && land.signum() > 0;
        if (ESTABLISHED.contains(z.status())) {
            s.add("areas.industrialLandHa", land).add("areas.leasedHa", leased);
            if (forLease) {
                s.add("occupancy.industrialLandHa", land).add("occupancy.leasedHa", leased).add("occupancy.zones", 1);
            }
        }
        if (OPERATING.contains(z.status()) && forLease) {
            s.add("occupancyOperating.industrialLandHa", land).add("occupancyOperating.leasedHa", leased)
                    .add("occupancyOperating.zones", 1);
        }
    }

    /** The period key of a report: kind|year|number ("-" for none). */
    public static String period(String kind, int year, Integer number) {
        return kind + "|" + year + "|" + (number == null ? "-" : number);
    }

    private static final Comparator<ReportRow> LATEST_SUBMISSION = Comparator
            .comparing(ReportRow::validOn, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(ReportRow::recordedAt);

    private static final Comparator<ReportRow> LATEST_PERIOD = Comparator
            .comparing(ReportRow::periodEnd, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparingInt(ReportRow::year)
            .thenComparing(ReportRow::number, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(ReportRow::periodKind, Comparator.reverseOrder());

    /**
     * The reports that count: the latest submission of each (project, period) — a second one replaces the first —
     * and where the zone reported a period for itself, only that zone-level report of the period.
     */
    static List<ReportRow> effective(List<ReportRow> reports) {
        Map<String, ReportRow> latest = new LinkedHashMap<>();
        for (ReportRow r : reports) {
            String key = r.projectId() + "|" + r.periodKind() + "|" + r.year() + "|" + (r.number() == null ? 0 : r.number());
            latest.merge(key, r, (a, b) -> LATEST_SUBMISSION.compare(b, a) > 0 ? b : a);
        }
        List<ReportRow> effective = new ArrayList<>();
        for (ReportRow r : latest.values()) {
            boolean zoneLevelOfPeriod = r.projectId() == null || latest.values().stream().noneMatch(zr -> zr.projectId() == null
                    && zr.periodKind().equals(r.periodKind()) && zr.year() == r.year() && Objects.equals(zr.number(), r.number()));
            if (zoneLevelOfPeriod) {
                effective.add(r);
            }
        }
        return effective;
    }

    private static void reports(List<ReportRow> reports, Sums s) {
        List<ReportRow> e = effective(reports);
        // employment: the workers of the zone's latest reported period
        e.stream().filter(r -> r.workers() != null).max(LATEST_PERIOD).ifPresent(latest -> {
            LocalDate from = null;
            LocalDate to = null;
            long workers = 0;
            for (ReportRow r : e) {
                if (r.workers() != null && r.periodKind().equals(latest.periodKind()) && r.year() == latest.year()
                        && Objects.equals(r.number(), latest.number())) {
                    workers += r.workers();
                    if (r.periodEnd() != null) {
                        from = from == null || r.periodEnd().isBefore(from) ? r.periodEnd() : from;
                        to = to == null || r.periodEnd().isAfter(to) ? r.periodEnd() : to;
                    }
                }
            }
            s.add("reports.workers", workers).add("reports.zones", 1);
            if (from != null) {
                s.add("reportedFrom:" + from, 1).add("reportedTo:" + to, 1);
            }
        });
        // period figures: sums of the effective reports of each period, with how many gave each figure
        Map<String, List<ReportRow>> byPeriod = new LinkedHashMap<>();
        e.forEach(r -> byPeriod.computeIfAbsent(period(r.periodKind(), r.year(), r.number()), k -> new ArrayList<>()).add(r));
        byPeriod.forEach((period, rows) -> {
            String p = "period:" + period + "|";
            LocalDate start = null;
            LocalDate end = null;
            for (ReportRow r : rows) {
                s.add(p + "reports", 1);
                sum(s, p + "revenue", r.revenueVnd());
                sum(s, p + "export", r.exportUsd());
                sum(s, p + "budget", r.budgetPaidVnd());
                sum(s, p + "workers", r.workers() == null ? null : BigDecimal.valueOf(r.workers()));
                if (r.averageMonthlyIncomeVnd() != null && r.workers() != null && r.workers() > 0) {
                    s.add(p + "incomeXWorkers", r.averageMonthlyIncomeVnd().multiply(BigDecimal.valueOf(r.workers())));
                    s.add(p + "incomeWorkers", r.workers());
                }
                if (r.periodStart() != null && (start == null || r.periodStart().isBefore(start))) {
                    start = r.periodStart();
                }
                if (r.periodEnd() != null && (end == null || r.periodEnd().isAfter(end))) {
                    end = r.periodEnd();
                }
            }
            s.add(p + "zones", 1);
            if (start != null) {
                s.add("periodStart:" + period + "|" + start, 1);
            }
            if (end != null) {
                s.add("periodEnd:" + period + "|" + end, 1);
            }
        });
    }

    /** A sum, and how many reports gave the figure (a sum over none is no figure, not zero). */
    private static void sum(Sums s, String key, BigDecimal value) {
        if (value != null) {
            s.add(key, value).add(key + "N", 1);
        }
    }
}
