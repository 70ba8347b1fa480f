package vn.izone.metrics.indicators;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import vn.izone.metrics.aggregates.Aggregates;
import vn.izone.metrics.aggregates.Sums;
import vn.izone.metrics.rates.ExchangeRate;
import vn.izone.metrics.rates.ExchangeRates;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A scope's indicators: live from the incremental aggregates ({@link #incremental}), and on past dates (asOf,
 * asReportedOn) by grouping the history tables ({@link #grouped}), which also referees the aggregates.
 */
@ApplicationScoped
public class IndicatorCalculator {
    static final String ESTABLISHED = "('ESTABLISHED','INVESTMENT_APPROVED','DETAILED_PLANNING_APPROVED','UNDER_CONSTRUCTION','IN_OPERATION','EXPANDED')";
    static final String OPERATING = "('IN_OPERATION','EXPANDED')";
    static final String ACTIVE_PROJECT = "p.status NOT IN ('SUSPENDED','REVOKED')";
    private static final String NO_PROJECT = "CAST('00000000-0000-0000-0000-000000000000' AS uuid)";

    private final EntityManager em;
    private final ExchangeRates rates;
    private final Aggregates aggregates;

    public IndicatorCalculator(EntityManager em, ExchangeRates rates, Aggregates aggregates) {
        this.em = em;
        this.rates = rates;
        this.aggregates = aggregates;
    }

    /** The scope's live indicators, from the incremental aggregates. */
    @Transactional
    public Indicators compute(Scope scope) {
        return incremental(List.of(scope)).get(0);
    }

    /**
     * The scope's indicators from the live state ({@code asOf} null), or as the board saw them on a past date:
     * every zone and project in its latest state valid on or before that date ({@link #zoneSource}), and the
     * reports of the periods ended by then.
     */
    @Transactional
    public Indicators compute(Scope scope, LocalDate asOf) {
        return compute(scope, asOf, null);
    }

    /**
     * The scope's indicators on both time axes: {@code asOf} picks each record's state valid on or before that
     * date (null: the latest), {@code reportedBy} uses only what had been recorded by that moment — what the board
     * saw then (null: as known today). A correction recorded later changes the figures as known today but not
     * those as reported before it.
     */
    @Transactional
    public Indicators compute(Scope scope, LocalDate asOf, Instant reportedBy) {
        return asOf == null && reportedBy == null ? compute(scope) : grouped(scope, asOf, reportedBy);
    }

    /**
     * The scope's indicators by grouping the state (live) or history tables (on the two time axes): the referee the
     * incremental aggregates are held against (admin/AggregateReferee), and the way to past figures.
     */
    @Transactional
    public Indicators grouped(Scope scope, LocalDate asOf, Instant reportedBy) {
        Indicators indicators = groupedWithoutKinds(scope, asOf, reportedBy);
        if (scope.ofKind("INDUSTRIAL_PARK") == null) {
            return indicators;
        }
        Map<String, Indicators.KindFigures> kinds = new TreeMap<>();
        for (String kind : KINDS) {
            Indicators part = groupedWithoutKinds(scope.ofKind(kind), asOf, reportedBy);
            if (part.zones().total() > 0) {
                kinds.put(kind, part.asKind());
            }
        }
        return indicators.withByKind(kinds);
    }

    static final List<String> KINDS = List.of("ECONOMIC_ZONE", "INDUSTRIAL_CLUSTER", "INDUSTRIAL_PARK");

    /**
     * Live indicators of the scopes from the incremental aggregates: each scope's sums (one row for a zone, a few
     * shard rows for any other), and for a scope holding several kinds, its kinds' sums for the breakdown. No
     * grouping of the state tables.
     */
    @Transactional
    public List<Indicators> incremental(List<Scope> scopes) {
        return fromSums(scopes, aggregates.read(keysOf(scopes)));
    }

    /** The keys whose sums the scopes' indicators are made of: each scope's own, and its kinds' for the breakdown. */
    public static List<String> keysOf(List<Scope> scopes) {
        List<String> keys = new ArrayList<>();
        for (Scope scope : scopes) {
            keys.add(scope.key());
            if (scope.ofKind(KINDS.get(0)) != null) {
                KINDS.forEach(k -> keys.add(scope.ofKind(k).key()));
            }
        }
        return keys;
    }

    /** The scopes' indicators from their sums and their kinds' ({@link #keysOf}), however those were read. */
    @Transactional
    public List<Indicators> fromSums(List<Scope> scopes, Map<String, Sums> sums) {
        return fromSums(scopes, sums, Map.of());
    }

    /**
     * {@link #fromSums(List, Map)}, with the report periods of some scopes given ({@link HeldPeriods}): those are not
     * computed from their sums, which need not hold them.
     */
    @Transactional
    public List<Indicators> fromSums(List<Scope> scopes, Map<String, Sums> sums, Map<String, List<Indicators.PeriodFigures>> periods) {
        return fromSums(scopes, sums, periods, rates.on("USD", LocalDate.now())); // once per round, not per scope
    }

    /** {@link #fromSums(List, Map, Map)} at the USD rate given (a publishing round reads it with its marks). */
    public List<Indicators> fromSums(List<Scope> scopes, Map<String, Sums> sums, Map<String, List<Indicators.PeriodFigures>> periods,
                                     Optional<ExchangeRate> usd) {
        List<Indicators> out = new ArrayList<>(scopes.size());
        for (Scope scope : scopes) {
            Indicators indicators = fromSums(scope, sums.get(scope.key()), usd, periods.get(scope.key()));
            if (scope.ofKind(KINDS.get(0)) != null) {
                Map<String, Indicators.KindFigures> kinds = new TreeMap<>();
                for (String kind : KINDS) {
                    Sums part = sums.get(scope.ofKind(kind).key());
                    if (part.count("zones.total") > 0) {
                        kinds.put(kind, kindFigures(part));
                    }
                }
                indicators = indicators.withByKind(kinds);
            }
            out.add(indicators);
        }
        return out;
    }

    /** The indicators the sums stand for: the same figures, basis texts and rounding as the grouping queries. */
    Indicators fromSums(Scope scope, Sums s, Optional<ExchangeRate> usdRate) {
        return fromSums(scope, s, usdRate, null);
    }

    /** {@link #fromSums(Scope, Sums, Optional)}, with the scope's periods given (null: computed from the sums). */
    Indicators fromSums(Scope scope, Sums s, Optional<ExchangeRate> usdRate,
                        List<Indicators.PeriodFigures> periods) {
        Map<String, Indicators.Capital> capital = new LinkedHashMap<>();
        capital.put("USD", new Indicators.Capital(dec(s.get("capital.USD.fdi")), dec(s.get("capital.USD.domestic"))));
        capital.put("VND", new Indicators.Capital(dec(s.get("capital.VND.fdi")), dec(s.get("capital.VND.domestic"))));
        long reportingZones = s.count("reports.zones");
        return new Indicators(scope.key(), scope.type(), scope.code(), nameOf(scope, s), Instant.now(),
                zones(s), areas(s), occupancy(s), occupancyOperating(s),
                new Indicators.Projects(s.count("projects.active"), s.count("projects.fdi"), s.count("projects.domestic"),
                        s.count("projects.inactive"), capital, dec(s.get("projects.leasedHa")), combined(capital, usdRate)),
                new Indicators.Employment(s.count("projects.workers"), PROJECT_WORKERS_SOURCE,
                        reportingZones == 0 ? null : s.count("reports.workers"), REPORTED_WORKERS_SOURCE, reportingZones,
                        extreme(s, "reportedFrom:", true), extreme(s, "reportedTo:", false)),
                null, null, periods != null ? periods : periodsOf(s), null, null, null, null, null).withZone(
                scope.type() == Scope.Type.ZONE ? only(s, "provinceCode:") : null, scope.type() == Scope.Type.ZONE ? only(s, "formerProvinceCode:") : null,
                scope.type() == Scope.Type.ZONE ? only(s, "kind:") : null, scope.type() == Scope.Type.ZONE ? only(s, "status:") : null);
    }

    /**
     * What a kind adds to its scope's breakdown ({@link Indicators#asKind}): counts, areas, occupancy, projects and
     * workers, without the periods, names and dates a breakdown does not show. Computing those for each kind of every
     * province and former province was thrown away, and it was most of a snapshot's CPU (JFR, national catch-up).
     */
    static Indicators.KindFigures kindFigures(Sums s) {
        return new Indicators.KindFigures(zones(s), areas(s), occupancy(s), occupancyOperating(s),
                new Indicators.KindProjects(s.count("projects.active"), s.count("projects.fdi"), s.count("projects.domestic")),
                s.count("projects.workers"));
    }

    private static Indicators.Zones zones(Sums s) {
        Map<String, Long> byStatus = new TreeMap<>();
        s.forEachWithPrefix("status:", (k, v) -> byStatus.put(k, v.longValueExact()));
        return new Indicators.Zones(s.count("zones.total"), s.count("zones.planned"), s.count("zones.established"),
                s.count("zones.operating"), s.count("zones.removed"), byStatus);
    }

    private static Indicators.Areas areas(Sums s) {
        return new Indicators.Areas(dec(s.get("areas.plannedHa")), dec(s.get("areas.establishedHa")), dec(s.get("areas.operatingHa")),
                dec(s.get("areas.industrialLandHa")), dec(s.get("areas.leasedHa")));
    }

    private static Indicators.Occupancy occupancy(Sums s) {
        return occupancy(s.get("occupancy.leasedHa"), s.get("occupancy.industrialLandHa"), s.get("occupancy.zones"), ESTABLISHED_BASIS);
    }

    private static Indicators.Occupancy occupancyOperating(Sums s) {
        return occupancy(s.get("occupancyOperating.leasedHa"), s.get("occupancyOperating.industrialLandHa"),
                s.get("occupancyOperating.zones"), OPERATING_BASIS);
    }

    /** The one value counted under the prefix (a zone's province, kind, status), or null. */
    private static String only(Sums s, String prefix) {
        Map<String, BigDecimal> values = s.withPrefix(prefix);
        return values.isEmpty() ? null : values.keySet().iterator().next();
    }

    private static String nameOf(Scope scope, Sums s) {
        if (s.count("zones.total") == 0) {
            return null; // max() over no zone
        }
        String prefix = switch (scope.type()) {
            case ZONE -> "zoneName:";
            case PROVINCE, PROVINCE_KIND -> "provinceName:";
            case FORMER_PROVINCE, FORMER_PROVINCE_KIND -> "formerProvinceName:";
            case ZONE_KIND, CLUSTER_MODEL -> null;
            case NATIONAL -> null;
        };
        if (prefix == null) {
            return scope.type() == Scope.Type.NATIONAL ? "Việt Nam" : scope.code();
        }
        Map<String, BigDecimal> names = s.withPrefix(prefix);
        return names.isEmpty() ? null : ((TreeMap<String, BigDecimal>) names).lastKey();
    }

    /** The earliest (or latest) counted date under the prefix. */
    private static LocalDate extreme(Sums s, String prefix, boolean earliest) {
        Map<String, BigDecimal> dates = s.withPrefix(prefix);
        if (dates.isEmpty()) {
            return null;
        }
        TreeMap<String, BigDecimal> sorted = (TreeMap<String, BigDecimal>) dates; // ISO dates sort as dates
        return LocalDate.parse(earliest ? sorted.firstKey() : sorted.lastKey());
    }

    private static final Comparator<Indicators.PeriodFigures> PERIOD_ORDER = Comparator
            .comparing(Indicators.PeriodFigures::periodEnd, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(Indicators.PeriodFigures::year, Comparator.reverseOrder())
            .thenComparing(Indicators.PeriodFigures::periodKind)
            .thenComparing(Indicators.PeriodFigures::number, Comparator.nullsLast(Comparator.reverseOrder()));

    /** The period figures the sums hold, the latest period first (as the grouping query orders them). */
    static List<Indicators.PeriodFigures> periodsOf(Sums s) {
        Map<String, Map<String, BigDecimal>> periods = new LinkedHashMap<>();
        s.forEachWithPrefix("period:", (k, v) -> { // any order: the list is sorted at the end
            int cut = k.lastIndexOf('|');
            periods.computeIfAbsent(k.substring(0, cut), p -> new HashMap<>()).put(k.substring(cut + 1), v);
        });
        // each period's earliest start and latest end, in one pass each ("periodStart:<period>|<ISO date>"), not one
        // pass over every period's dates per period
        Map<String, String> starts = datesByPeriod(s, "periodStart:", true);
        Map<String, String> ends = datesByPeriod(s, "periodEnd:", false);
        List<Indicators.PeriodFigures> out = new ArrayList<>();
        periods.forEach((period, f) -> {
            String[] key = period.split("\\|");
            BigDecimal incomeWorkers = f.getOrDefault("incomeWorkers", BigDecimal.ZERO);
            out.add(new Indicators.PeriodFigures(key[0], Integer.parseInt(key[1]), "-".equals(key[2]) ? null : Integer.valueOf(key[2]),
                    date(starts.get(period)), date(ends.get(period)),
                    figure(f, "revenue"), figure(f, "export"), figure(f, "budget"),
                    f.containsKey("workersN") ? f.getOrDefault("workers", BigDecimal.ZERO).longValueExact() : null,
                    incomeWorkers.signum() == 0 ? null : f.getOrDefault("incomeXWorkers", BigDecimal.ZERO).divide(incomeWorkers, 0, RoundingMode.HALF_UP),
                    f.getOrDefault("zones", BigDecimal.ZERO).longValueExact(), f.getOrDefault("reports", BigDecimal.ZERO).longValueExact(),
                    "REPORTS", INCOME_BASIS));
        });
        out.sort(PERIOD_ORDER);
        return out;
    }

    /** The earliest (or latest) date counted under {@code prefix} for each period, by period. ISO dates sort as dates. */
    private static Map<String, String> datesByPeriod(Sums s, String prefix, boolean earliest) {
        Map<String, String> out = new HashMap<>();
        s.forEachWithPrefix(prefix, (k, v) -> {
            int cut = k.lastIndexOf('|');
            String date = k.substring(cut + 1);
            out.merge(k.substring(0, cut), date, (a, b) -> (a.compareTo(b) <= 0) == earliest ? a : b);
        });
        return out;
    }

    private static LocalDate date(String iso) {
        return iso == null ? null : LocalDate.parse(iso);
    }

    /** A summed figure, or null when no report gave it. */
    private static BigDecimal figure(Map<String, BigDecimal> f, String name) {
        return f.containsKey(name + "N") ? dec(f.getOrDefault(name, BigDecimal.ZERO)) : null;
    }

    static final String ESTABLISHED_BASIS = "established zones (established or later, not removed) with industrial land for lease";
    static final String OPERATING_BASIS = "zones in operation with industrial land for lease";
    static final String PROJECT_WORKERS_SOURCE = "PROJECTS: workers declared by active secondary projects";
    static final String REPORTED_WORKERS_SOURCE = "REPORTS: workers of each zone's latest reported period (its zone-level report, else the sum of its projects' reports)";
    static final String INCOME_BASIS = "worker-weighted: Σ(average monthly income × workers) ÷ Σ workers, over the reports giving both";

    private Indicators groupedWithoutKinds(Scope scope, LocalDate asOf, Instant reportedBy) {
        String filter = filter(scope);
        String zones = zoneSource(asOf, reportedBy);
        String projects = projectSource(asOf, reportedBy);
        Object[] zoneRow = (Object[]) em.createNativeQuery("""
                WITH p AS (
                    SELECT zone_id, sum(leased_area_ha) FILTER (WHERE %3$s) AS leased
                    FROM %6$s p WHERE p.zone_id IN (SELECT z.zone_id FROM %7$s z WHERE %4$s) GROUP BY zone_id),
                z AS (
                    SELECT z.*, coalesce(z.leased_area_ha, p.leased, 0) AS leased
                    FROM %7$s z LEFT JOIN p ON p.zone_id = z.zone_id WHERE %4$s)
                SELECT count(*),
                    count(*) FILTER (WHERE status IN ('PLANNED','LAND_TARGET_ALLOCATED')),
                    count(*) FILTER (WHERE status IN %1$s),
                    count(*) FILTER (WHERE status IN %2$s),
                    count(*) FILTER (WHERE status = 'REMOVED_FROM_PLANNING'),
                    coalesce(sum(planned_area_ha) FILTER (WHERE status <> 'REMOVED_FROM_PLANNING'), 0),
                    coalesce(sum(established_area_ha) FILTER (WHERE status IN %1$s), 0),
                    coalesce(sum(established_area_ha) FILTER (WHERE status IN %2$s), 0),
                    coalesce(sum(industrial_land_ha) FILTER (WHERE status IN %1$s), 0),
                    coalesce(sum(leased) FILTER (WHERE status IN %1$s), 0),
                    coalesce(sum(industrial_land_ha) FILTER (WHERE status IN %1$s AND industrial_land_ha > 0), 0),
                    coalesce(sum(leased) FILTER (WHERE status IN %1$s AND industrial_land_ha > 0), 0),
                    count(*) FILTER (WHERE status IN %1$s AND industrial_land_ha > 0),
                    coalesce(sum(industrial_land_ha) FILTER (WHERE status IN %2$s AND industrial_land_ha > 0), 0),
                    coalesce(sum(leased) FILTER (WHERE status IN %2$s AND industrial_land_ha > 0), 0),
                    count(*) FILTER (WHERE status IN %2$s AND industrial_land_ha > 0),
                    max(%5$s)
                FROM z
                """.formatted(ESTABLISHED, OPERATING, ACTIVE_PROJECT, filter, nameColumn(scope), projects, zones))
                .setParameter(1, scope.code()).getSingleResult();

        @SuppressWarnings("unchecked")
        List<Object[]> statusRows = em.createNativeQuery(
                        "SELECT status, count(*) FROM " + zones + " z WHERE " + filter + " GROUP BY status ORDER BY status")
                .setParameter(1, scope.code()).getResultList();
        Map<String, Long> byStatus = new LinkedHashMap<>();
        statusRows.forEach(r -> byStatus.put((String) r[0], ((Number) r[1]).longValue()));

        Object[] projectRow = (Object[]) em.createNativeQuery("""
                SELECT count(*) FILTER (WHERE %1$s),
                    count(*) FILTER (WHERE %1$s AND p.origin = 'FDI'),
                    count(*) FILTER (WHERE %1$s AND p.origin = 'DOMESTIC'),
                    count(*) FILTER (WHERE NOT (%1$s)),
                    coalesce(sum(p.capital_amount) FILTER (WHERE %1$s AND p.origin = 'FDI' AND p.capital_currency = 'USD'), 0),
                    coalesce(sum(p.capital_amount) FILTER (WHERE %1$s AND p.origin = 'DOMESTIC' AND p.capital_currency = 'USD'), 0),
                    coalesce(sum(p.capital_amount) FILTER (WHERE %1$s AND p.origin = 'FDI' AND p.capital_currency = 'VND'), 0),
                    coalesce(sum(p.capital_amount) FILTER (WHERE %1$s AND p.origin = 'DOMESTIC' AND p.capital_currency = 'VND'), 0),
                    coalesce(sum(p.leased_area_ha) FILTER (WHERE %1$s), 0),
                    coalesce(sum(p.workers) FILTER (WHERE %1$s), 0)
                FROM %3$s p JOIN %4$s z ON z.zone_id = p.zone_id
                WHERE %2$s
                """.formatted(ACTIVE_PROJECT, filter, projects, zones))
                .setParameter(1, scope.code()).getSingleResult();

        Map<String, Indicators.Capital> capital = new LinkedHashMap<>();
        capital.put("USD", new Indicators.Capital(dec(projectRow[4]), dec(projectRow[5])));
        capital.put("VND", new Indicators.Capital(dec(projectRow[6]), dec(projectRow[7])));

        Indicators indicators = new Indicators(scope.key(), scope.type(), scope.code(), (String) zoneRow[16], Instant.now(),
                new Indicators.Zones(num(zoneRow[0]), num(zoneRow[1]), num(zoneRow[2]), num(zoneRow[3]), num(zoneRow[4]), byStatus),
                new Indicators.Areas(dec(zoneRow[5]), dec(zoneRow[6]), dec(zoneRow[7]), dec(zoneRow[8]), dec(zoneRow[9])),
                occupancy(zoneRow[11], zoneRow[10], zoneRow[12], ESTABLISHED_BASIS),
                occupancy(zoneRow[14], zoneRow[13], zoneRow[15], OPERATING_BASIS),
                new Indicators.Projects(num(projectRow[0]), num(projectRow[1]), num(projectRow[2]), num(projectRow[3]),
                        capital, dec(projectRow[8]), combined(capital, rates.on("USD", asOf == null ? LocalDate.now() : asOf))),
                employment(num(projectRow[9]), scope, asOf, reportedBy), asOf, reportedBy, periods(scope, asOf, reportedBy), null,
                null, null, null, null);
        if (scope.type() == Scope.Type.ZONE) {
            @SuppressWarnings("unchecked")
            List<Object[]> facts = em.createNativeQuery("SELECT province_code, former_province_code, kind, status FROM " + zones
                    + " z WHERE " + filter).setParameter(1, scope.code()).getResultList();
            if (!facts.isEmpty()) {
                Object[] f = facts.get(0);
                indicators = indicators.withZone((String) f[0], (String) f[1], (String) f[2], (String) f[3]);
            }
        }
        return indicators;
    }

    /** USD and VND capital combined with the USD rate valid on the date, or null when none is stored. */
    private static Indicators.CombinedCapital combined(Map<String, Indicators.Capital> capital,
                                                       Optional<ExchangeRate> usdRate) {
        return usdRate.map(rate -> {
            BigDecimal usd = capital.get("USD").fdi().add(capital.get("USD").domestic());
            BigDecimal vnd = capital.get("VND").fdi().add(capital.get("VND").domestic());
            BigDecimal perUnit = rate.vndPerUnit();
            return new Indicators.CombinedCapital(
                    dec(usd.add(vnd.divide(perUnit, 2, RoundingMode.HALF_UP)).setScale(0, RoundingMode.HALF_UP)),
                    dec(vnd.add(usd.multiply(perUnit)).setScale(0, RoundingMode.HALF_UP)), rate,
                    "USD + VND ÷ rate, and VND + USD × rate, at " + perUnit.toPlainString() + " VND/USD valid from "
                            + rate.validOn() + " (" + rate.source() + "); each currency is also shown unconverted");
        }).orElse(null);
    }

    static String filter(Scope scope) {
        return switch (scope.type()) {
            case ZONE -> "z.zone_id = CAST(?1 AS uuid)";
            case PROVINCE -> "z.province_code = ?1";
            case FORMER_PROVINCE -> "z.former_province_code = ?1";
            case ZONE_KIND -> "z.kind = ?1";
            case CLUSTER_MODEL -> "z.cluster_model = ?1";
            case NATIONAL -> "CAST(?1 AS text) IS NOT NULL";
            case PROVINCE_KIND -> "z.province_code = split_part(?1, ':', 1) AND z.kind = split_part(?1, ':', 2)";
            case FORMER_PROVINCE_KIND -> "z.former_province_code = split_part(?1, ':', 1) AND z.kind = split_part(?1, ':', 2)";
        };
    }

    /**
     * The zone rows to compute from: the live table, or for a past date each zone's latest state valid on or
     * before it (the latest validOn first, then the latest revision of that validOn, so a correction of the same
     * date wins). A zone whose first version is valid after the date is not there yet.
     */
    static String zoneSource(LocalDate asOf) {
        return zoneSource(asOf, null);
    }

    static String zoneSource(LocalDate asOf, Instant reportedBy) {
        return source("zone_state", "zone_id", asOf, reportedBy);
    }

    static String projectSource(LocalDate asOf, Instant reportedBy) {
        return source("project_state", "project_id", asOf, reportedBy);
    }

    /**
     * The live table, or each record's latest history row within the axes: valid on or before {@code asOf} (the
     * latest validOn first, then the latest revision of that validOn) and recorded by {@code reportedBy}.
     */
    private static String source(String table, String key, LocalDate asOf, Instant reportedBy) {
        if (asOf == null && reportedBy == null) {
            return table;
        }
        String valid = asOf == null ? "TRUE" : "valid_on <= DATE '%s'".formatted(asOf);
        String recorded = reportedBy == null ? "TRUE" : "recorded_at <= TIMESTAMPTZ '%s'".formatted(reportedBy);
        String order = asOf == null ? "revision DESC" : "valid_on DESC, revision DESC";
        return "(SELECT DISTINCT ON (%2$s) * FROM %1$s_history WHERE %3$s AND %4$s ORDER BY %2$s, %5$s)"
                .formatted(table, key, valid, recorded, order);
    }

    /**
     * The reports that count (CTE {@code e}): the latest submission of each (zone, project, period) — a second
     * submission of the same period replaces the first, never adds to it — and where a zone reported a period
     * for itself (no projectId), only that zone-level report, not also its projects' reports of the period.
     * For a past date, only the periods that had ended by then.
     */
    static String effectiveReports(LocalDate asOf, Instant reportedBy, Scope scope) {
        // only the scope's zones: a zone's figures must not cost a pass over every report of the country
        String ended = (asOf == null ? "TRUE" : "r.period_end <= DATE '%s'".formatted(asOf))
                + " AND r.zone_id IN (SELECT z.zone_id FROM %s z WHERE %s)".formatted(zoneSource(asOf, reportedBy), filter(scope));
        String reports = reportedBy == null ? "report_state" : """
                (SELECT DISTINCT ON (report_id) * FROM report_state_history WHERE recorded_at <= TIMESTAMPTZ '%s'
                 ORDER BY report_id, revision DESC)""".formatted(reportedBy);
        return """
                r AS (
                    SELECT DISTINCT ON (r.zone_id, coalesce(r.project_id, %2$s), r.period_kind, r.year, coalesce(r.number, 0)) r.*
                    FROM %3$s r WHERE %1$s
                    ORDER BY r.zone_id, coalesce(r.project_id, %2$s), r.period_kind, r.year, coalesce(r.number, 0),
                        r.valid_on DESC NULLS LAST, r.recorded_at DESC),
                e AS (
                    SELECT r.* FROM r WHERE r.project_id IS NULL OR NOT EXISTS (
                        SELECT 1 FROM r zr WHERE zr.zone_id = r.zone_id AND zr.project_id IS NULL
                          AND zr.period_kind = r.period_kind AND zr.year = r.year AND zr.number IS NOT DISTINCT FROM r.number))
                """.formatted(ended, NO_PROJECT, reports);
    }

    private Indicators.Employment employment(long projectWorkers, Scope scope, LocalDate asOf, Instant reportedBy) {
        Object[] row = (Object[]) em.createNativeQuery("""
                WITH %s,
                latest AS (
                    SELECT DISTINCT ON (zone_id) zone_id, period_kind, year, number
                    FROM e WHERE workers IS NOT NULL
                    ORDER BY zone_id, period_end DESC NULLS LAST, year DESC, number DESC NULLS LAST, period_kind)
                SELECT sum(e.workers), count(DISTINCT e.zone_id), min(e.period_end), max(e.period_end)
                FROM e JOIN latest l ON l.zone_id = e.zone_id AND l.period_kind = e.period_kind AND l.year = e.year
                    AND l.number IS NOT DISTINCT FROM e.number
                JOIN %s z ON z.zone_id = e.zone_id
                WHERE e.workers IS NOT NULL AND %s
                """.formatted(effectiveReports(asOf, reportedBy, scope), zoneSource(asOf, reportedBy), filter(scope)))
                .setParameter(1, scope.code()).getSingleResult();
        return new Indicators.Employment(projectWorkers, PROJECT_WORKERS_SOURCE, row[0] == null ? null : num(row[0]),
                REPORTED_WORKERS_SOURCE, num(row[1]), date(row[2]), date(row[3]));
    }

    /** The scope's period figures from the reports, the latest period first. */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<Indicators.PeriodFigures> periods(Scope scope, LocalDate asOf) {
        return periods(scope, asOf, null);
    }

    @Transactional
    @SuppressWarnings("unchecked")
    public List<Indicators.PeriodFigures> periods(Scope scope, LocalDate asOf, Instant reportedBy) {
        List<Object[]> rows = em.createNativeQuery("""
                WITH %s
                SELECT e.period_kind, e.year, e.number, min(e.period_start), max(e.period_end),
                    sum(e.revenue_vnd), sum(e.export_usd), sum(e.budget_paid_vnd), sum(e.workers),
                    sum(e.average_monthly_income_vnd * e.workers) FILTER (WHERE e.average_monthly_income_vnd IS NOT NULL AND e.workers > 0)
                      / nullif(sum(e.workers) FILTER (WHERE e.average_monthly_income_vnd IS NOT NULL AND e.workers > 0), 0),
                    count(DISTINCT e.zone_id), count(*)
                FROM e JOIN %s z ON z.zone_id = e.zone_id
                WHERE %s
                GROUP BY e.period_kind, e.year, e.number
                ORDER BY max(e.period_end) DESC NULLS LAST, e.year DESC, e.period_kind, e.number DESC NULLS LAST
                """.formatted(effectiveReports(asOf, reportedBy, scope), zoneSource(asOf, reportedBy), filter(scope)))
                .setParameter(1, scope.code()).getResultList();
        List<Indicators.PeriodFigures> periods = new ArrayList<>();
        for (Object[] r : rows) {
            periods.add(new Indicators.PeriodFigures((String) r[0], ((Number) r[1]).intValue(),
                    r[2] == null ? null : ((Number) r[2]).intValue(), date(r[3]), date(r[4]),
                    decOrNull(r[5]), decOrNull(r[6]), decOrNull(r[7]), r[8] == null ? null : num(r[8]),
                    r[9] == null ? null : new BigDecimal(r[9].toString()).setScale(0, RoundingMode.HALF_UP),
                    num(r[10]), num(r[11]), "REPORTS", INCOME_BASIS));
        }
        return periods;
    }

    private static String nameColumn(Scope scope) {
        return switch (scope.type()) {
            case ZONE -> "z.name";
            case PROVINCE, PROVINCE_KIND -> "z.province_name";
            case FORMER_PROVINCE, FORMER_PROVINCE_KIND -> "z.former_province_name";
            case ZONE_KIND, CLUSTER_MODEL -> "CAST(?1 AS text)";
            case NATIONAL -> "'Việt Nam'";
        };
    }

    private static Indicators.Occupancy occupancy(Object leased, Object land, Object zones, String basis) {
        BigDecimal l = dec(leased);
        BigDecimal total = dec(land);
        BigDecimal rate = total.signum() == 0 ? null : l.multiply(BigDecimal.valueOf(100)).divide(total, 2, RoundingMode.HALF_UP);
        return new Indicators.Occupancy(rate, l, total, num(zones), "leased ÷ industrial land for lease, summed over " + basis);
    }

    static BigDecimal dec(Object o) {
        if (o == null) {
            return BigDecimal.ZERO;
        }
        BigDecimal value = new BigDecimal(o.toString()).stripTrailingZeros();
        return value.scale() < 0 ? value.setScale(0) : value; // 120000000, never 1.2E+8
    }

    private static BigDecimal decOrNull(Object o) {
        return o == null ? null : dec(o);
    }

    static LocalDate date(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof LocalDate d) {
            return d;
        }
        if (o instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        return LocalDate.parse(o.toString());
    }

    static long num(Object o) {
        return o == null ? 0 : ((Number) o).longValue();
    }
}
