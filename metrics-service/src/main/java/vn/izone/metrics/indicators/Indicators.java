package vn.izone.metrics.indicators;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * The live figures of one scope, each with what it is made of, so that nothing is published that cannot
 * be explained. Areas in hectares; capital per currency, never converted.
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
        Employment employment) {

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

    /** Active projects only (suspended and revoked ones leave the live figures). */
    public record Projects(long active, long fdi, long domestic, long inactive, Map<String, Capital> capitalByCurrency, BigDecimal leasedHa) {
    }

    public record Employment(long workers, String source) {
    }
}
