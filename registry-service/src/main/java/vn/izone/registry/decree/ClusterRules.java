package vn.izone.registry.decree;

import vn.izone.registry.decree.ClusterRuleBook.Rule;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/** The checks the rule book parameterises. Pure functions of facts, so they are tested without a database. */
public final class ClusterRules {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private ClusterRules() {
    }

    /** A cluster's area lies within [minHa, maxHa]. */
    public static RuleFinding area(String decree, Rule rule, ClusterFacts c) {
        BigDecimal min = rule.param("minHa");
        BigDecimal max = rule.param("maxHa");
        if (c.areaHa() == null) {
            return finding(decree, rule, c, false, "no area declared yet");
        }
        boolean breached = c.areaHa().compareTo(min) < 0 || c.areaHa().compareTo(max) > 0;
        return finding(decree, rule, c, breached, c.areaHa().toPlainString() + " ha; allowed " + min.toPlainString()
                + "–" + max.toPlainString() + " ha");
    }

    /** Expansion needs occupancy ≥ minOccupancyPercent before, and an area ≤ maxAreaAfterHa after. */
    public static RuleFinding expansion(String decree, Rule rule, ClusterFacts before, BigDecimal areaAfter) {
        BigDecimal minOccupancy = rule.param("minOccupancyPercent");
        BigDecimal maxArea = rule.param("maxAreaAfterHa");
        BigDecimal occupancy = before.occupancyPercent();
        StringBuilder why = new StringBuilder();
        if (occupancy == null || occupancy.compareTo(minOccupancy) < 0) {
            why.append("occupancy ").append(occupancy == null ? "unknown" : occupancy.toPlainString() + "%")
                    .append(" is below ").append(minOccupancy.toPlainString()).append("%");
        }
        if (areaAfter != null && areaAfter.compareTo(maxArea) > 0) {
            why.append(why.isEmpty() ? "" : "; ").append("area after expansion ").append(areaAfter.toPlainString())
                    .append(" ha exceeds ").append(maxArea.toPlainString()).append(" ha");
        }
        boolean breached = !why.isEmpty();
        return finding(decree, rule, before, breached, breached ? why.toString()
                : "occupancy " + occupancy.toPlainString() + "%, area after " + (areaAfter == null ? "unchanged" : areaAfter.toPlainString() + " ha"));
    }

    /**
     * A new cluster is allowed where the existing clusters of the area average more than
     * minAverageOccupancyPercent (area-weighted: leased ÷ land for lease over them all), or hold at most
     * maxUnleasedHa unleased.
     */
    public static RuleFinding newCluster(String decree, Rule rule, ClusterFacts proposed, List<ClusterFacts> existing) {
        BigDecimal minAverage = rule.param("minAverageOccupancyPercent");
        BigDecimal maxUnleased = rule.param("maxUnleasedHa");
        BigDecimal land = BigDecimal.ZERO;
        BigDecimal leased = BigDecimal.ZERO;
        BigDecimal unleased = BigDecimal.ZERO;
        for (ClusterFacts c : existing) {
            if (c.industrialLandHa() != null && c.industrialLandHa().signum() > 0) {
                land = land.add(c.industrialLandHa());
                leased = leased.add(c.leasedHa() == null ? BigDecimal.ZERO : c.leasedHa());
                unleased = unleased.add(c.unleasedHa());
            }
        }
        if (land.signum() == 0) {
            return finding(decree, rule, proposed, false, "no existing cluster with land for lease in the area");
        }
        BigDecimal average = leased.multiply(HUNDRED).divide(land, 2, RoundingMode.HALF_UP);
        boolean qualifies = average.compareTo(minAverage) > 0 || unleased.compareTo(maxUnleased) <= 0;
        return finding(decree, rule, proposed, !qualifies, "existing clusters: " + existing.size() + ", average occupancy "
                + average.toPlainString() + "% (needs > " + minAverage.toPlainString() + "%), unleased "
                + unleased.toPlainString() + " ha (or ≤ " + maxUnleased.toPlainString() + " ha)");
    }

    private static RuleFinding finding(String decree, Rule rule, ClusterFacts c, boolean breached, String detail) {
        return new RuleFinding(rule.id(), decree, c.id(), c.name(), c.provinceCode(), breached, rule.action(), rule.field(),
                (breached ? rule.message() + ": " : "") + detail);
    }
}
