package vn.izone.registry.decree;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.UUID;

/**
 * What the cluster rules look at: a cluster's area, its land for lease and what of it is leased (declared by
 * the zone, else the sum of its active projects).
 */
public record ClusterFacts(UUID id, String name, String provinceCode, String status, BigDecimal areaHa,
                           BigDecimal industrialLandHa, BigDecimal leasedHa) {

    /** Occupancy in percent, or null when the cluster has no land for lease yet. */
    public BigDecimal occupancyPercent() {
        if (industrialLandHa == null || industrialLandHa.signum() == 0 || leasedHa == null) {
            return null;
        }
        return leasedHa.multiply(BigDecimal.valueOf(100)).divide(industrialLandHa, 2, RoundingMode.HALF_UP);
    }

    public BigDecimal unleasedHa() {
        if (industrialLandHa == null) {
            return BigDecimal.ZERO;
        }
        return industrialLandHa.subtract(leasedHa == null ? BigDecimal.ZERO : leasedHa).max(BigDecimal.ZERO);
    }
}
