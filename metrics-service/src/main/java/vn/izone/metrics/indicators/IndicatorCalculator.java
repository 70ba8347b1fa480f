package vn.izone.metrics.indicators;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes a scope's indicators from the latest-state tables by grouping. Derived, never accumulated: the
 * same rows always give the same figures, however often events were delivered.
 */
@ApplicationScoped
public class IndicatorCalculator {
    static final String ESTABLISHED = "('ESTABLISHED','INVESTMENT_APPROVED','DETAILED_PLANNING_APPROVED','UNDER_CONSTRUCTION','IN_OPERATION','EXPANDED')";
    static final String OPERATING = "('IN_OPERATION','EXPANDED')";
    static final String ACTIVE_PROJECT = "p.status NOT IN ('SUSPENDED','REVOKED')";

    private final EntityManager em;

    public IndicatorCalculator(EntityManager em) {
        this.em = em;
    }

    @Transactional
    public Indicators compute(Scope scope) {
        String filter = switch (scope.type()) {
            case ZONE -> "z.zone_id = CAST(?1 AS uuid)";
            case PROVINCE -> "z.province_code = ?1";
            case FORMER_PROVINCE -> "z.former_province_code = ?1";
            case ZONE_KIND -> "z.kind = ?1";
            case CLUSTER_MODEL -> "z.cluster_model = ?1";
            case NATIONAL -> "CAST(?1 AS text) IS NOT NULL";
        };
        Object[] zoneRow = (Object[]) em.createNativeQuery("""
                WITH p AS (
                    SELECT zone_id, sum(leased_area_ha) FILTER (WHERE %3$s) AS leased
                    FROM project_state p GROUP BY zone_id),
                z AS (
                    SELECT z.*, coalesce(z.leased_area_ha, p.leased, 0) AS leased
                    FROM zone_state z LEFT JOIN p ON p.zone_id = z.zone_id WHERE %4$s)
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
                """.formatted(ESTABLISHED, OPERATING, ACTIVE_PROJECT, filter, nameColumn(scope)))
                .setParameter(1, scope.code()).getSingleResult();

        @SuppressWarnings("unchecked")
        List<Object[]> statusRows = em.createNativeQuery(
                        "SELECT status, count(*) FROM zone_state z WHERE " + filter + " GROUP BY status ORDER BY status")
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
                FROM project_state p JOIN zone_state z ON z.zone_id = p.zone_id
                WHERE %2$s
                """.formatted(ACTIVE_PROJECT, filter))
                .setParameter(1, scope.code()).getSingleResult();

        Map<String, Indicators.Capital> capital = new LinkedHashMap<>();
        capital.put("USD", new Indicators.Capital(dec(projectRow[4]), dec(projectRow[5])));
        capital.put("VND", new Indicators.Capital(dec(projectRow[6]), dec(projectRow[7])));

        return new Indicators(scope.key(), scope.type(), scope.code(), (String) zoneRow[16], Instant.now(),
                new Indicators.Zones(num(zoneRow[0]), num(zoneRow[1]), num(zoneRow[2]), num(zoneRow[3]), num(zoneRow[4]), byStatus),
                new Indicators.Areas(dec(zoneRow[5]), dec(zoneRow[6]), dec(zoneRow[7]), dec(zoneRow[8]), dec(zoneRow[9])),
                occupancy(zoneRow[11], zoneRow[10], zoneRow[12], "established zones (established or later, not removed) with industrial land for lease"),
                occupancy(zoneRow[14], zoneRow[13], zoneRow[15], "zones in operation with industrial land for lease"),
                new Indicators.Projects(num(projectRow[0]), num(projectRow[1]), num(projectRow[2]), num(projectRow[3]),
                        capital, dec(projectRow[8])),
                new Indicators.Employment(num(projectRow[9]), "PROJECTS: workers declared by active secondary projects"));
    }

    private static String nameColumn(Scope scope) {
        return switch (scope.type()) {
            case ZONE -> "z.name";
            case PROVINCE -> "z.province_name";
            case FORMER_PROVINCE -> "z.former_province_name";
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

    private static BigDecimal dec(Object o) {
        if (o == null) {
            return BigDecimal.ZERO;
        }
        BigDecimal value = new BigDecimal(o.toString()).stripTrailingZeros();
        return value.scale() < 0 ? value.setScale(0) : value; // 120000000, never 1.2E+8
    }

    private static long num(Object o) {
        return o == null ? 0 : ((Number) o).longValue();
    }
}
