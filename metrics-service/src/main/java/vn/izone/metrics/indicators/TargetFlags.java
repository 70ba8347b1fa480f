package vn.izone.metrics.indicators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Zones that miss an occupancy commitment that has fallen due. A zone carries its commitments as
 * {@code targets: [{"indicator":"OCCUPANCY","percent":50,"due":"INFRASTRUCTURE_COMPLETION"}, ...]}:
 * <ul>
 * <li>INFRASTRUCTURE_COMPLETION falls due when the zone is in operation (IN_OPERATION, EXPANDED) or its
 * construction progress reached 100%;</li>
 * <li>YEAR_THREE falls due three years after the zone went into operation (the statusDate of its first
 * operating version, else its current statusDate).</li>
 * </ul>
 * The zone's occupancy is its leased area (declared, else the sum of its active projects) ÷ its industrial
 * land for lease. A zone without targets is never flagged.
 */
@ApplicationScoped
public class TargetFlags {
    private final EntityManager em;
    private final ObjectMapper json;

    public TargetFlags(EntityManager em, ObjectMapper json) {
        this.em = em;
        this.json = json;
    }

    public record Flag(UUID zoneId, String zoneName, String provinceCode, String status, String indicator,
                       BigDecimal requiredPercent, BigDecimal actualPercent, String due, LocalDate dueSince, String reason) {
    }

    public record Flags(String scopeKey, LocalDate on, long zonesWithTargets, List<Flag> flags) {
    }

    @Transactional
    @SuppressWarnings("unchecked")
    public Flags of(Scope scope, LocalDate today) {
        List<Object[]> rows = em.createNativeQuery("""
                WITH p AS (
                    SELECT zone_id, sum(leased_area_ha) FILTER (WHERE %s) AS leased FROM project_state p GROUP BY zone_id)
                SELECT z.zone_id, z.name, z.province_code, z.status, z.status_date, z.construction_progress_percent,
                    z.targets, z.industrial_land_ha, coalesce(z.leased_area_ha, p.leased, 0),
                    (SELECT min(coalesce(h.status_date, h.valid_on)) FROM zone_state_history h
                      WHERE h.zone_id = z.zone_id AND h.status IN %s)
                FROM zone_state z LEFT JOIN p ON p.zone_id = z.zone_id
                WHERE z.targets IS NOT NULL AND %s
                ORDER BY z.name, z.zone_id
                """.formatted(IndicatorCalculator.ACTIVE_PROJECT, IndicatorCalculator.OPERATING, IndicatorCalculator.filter(scope)))
                .setParameter(1, scope.code()).getResultList();
        List<Flag> flags = new ArrayList<>();
        long withTargets = 0;
        for (Object[] r : rows) {
            JsonNode targets = parse((String) r[6]);
            if (targets == null || targets.isEmpty()) {
                continue;
            }
            withTargets++;
            ZoneFacts zone = new ZoneFacts((UUID) r[0], (String) r[1], (String) r[2], (String) r[3],
                    IndicatorCalculator.date(r[4]), r[5] == null ? null : new BigDecimal(r[5].toString()),
                    r[7] == null ? null : new BigDecimal(r[7].toString()), new BigDecimal(r[8].toString()),
                    IndicatorCalculator.date(r[9]));
            flags.addAll(evaluate(zone, targets, today));
        }
        return new Flags(scope.key(), today, withTargets, flags);
    }

    /** What the rules need to know about one zone. */
    public record ZoneFacts(UUID zoneId, String name, String provinceCode, String status, LocalDate statusDate,
                            BigDecimal constructionProgressPercent, BigDecimal industrialLandHa, BigDecimal leasedHa,
                            LocalDate operatingSince) {
        boolean operating() {
            return "IN_OPERATION".equals(status) || "EXPANDED".equals(status);
        }

        BigDecimal occupancyPercent() {
            if (industrialLandHa == null || industrialLandHa.signum() == 0) {
                return null;
            }
            return leasedHa.multiply(BigDecimal.valueOf(100)).divide(industrialLandHa, 2, RoundingMode.HALF_UP);
        }
    }

    /** The missed targets of one zone on a date (pure: unit tested). */
    public static List<Flag> evaluate(ZoneFacts zone, JsonNode targets, LocalDate today) {
        List<Flag> flags = new ArrayList<>();
        LocalDate since = zone.operatingSince() != null ? zone.operatingSince() : zone.statusDate();
        for (JsonNode target : targets) {
            String indicator = target.path("indicator").asText();
            if (!"OCCUPANCY".equals(indicator) || !target.hasNonNull("percent")) {
                continue; // only occupancy commitments are measured here
            }
            BigDecimal required = target.get("percent").decimalValue();
            String due = target.path("due").asText();
            LocalDate dueSince;
            if ("INFRASTRUCTURE_COMPLETION".equals(due)) {
                boolean complete = zone.operating() || (zone.constructionProgressPercent() != null
                        && zone.constructionProgressPercent().compareTo(BigDecimal.valueOf(100)) >= 0);
                if (!complete) {
                    continue;
                }
                dueSince = zone.operating() ? since : null;
            } else if ("YEAR_THREE".equals(due)) {
                if (!zone.operating() || since == null || since.plusYears(3).isAfter(today)) {
                    continue;
                }
                dueSince = since.plusYears(3);
            } else {
                continue;
            }
            BigDecimal actual = zone.occupancyPercent();
            if (actual == null) {
                flags.add(new Flag(zone.zoneId(), zone.name(), zone.provinceCode(), zone.status(), indicator, required,
                        null, due, dueSince, "target due but no industrial land for lease recorded: occupancy cannot be measured"));
            } else if (actual.compareTo(required) < 0) {
                flags.add(new Flag(zone.zoneId(), zone.name(), zone.provinceCode(), zone.status(), indicator, required,
                        actual, due, dueSince, "occupancy " + actual.toPlainString() + "% below the "
                        + required.toPlainString() + "% committed for " + due));
            }
        }
        return flags;
    }

    private JsonNode parse(String targets) {
        if (targets == null) {
            return null;
        }
        try {
            return json.readTree(targets);
        } catch (IOException e) {
            return null;
        }
    }
}
