package vn.izone.registry.decree;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The checks alone, with the thresholds of Decree 32/2024/ND-CP. */
class ClusterRulesTest {
    static final ClusterRuleBook.Rule AREA = rule(ClusterRuleBook.Check.AREA_WITHIN, Map.of("minHa", 10, "maxHa", 75));
    static final ClusterRuleBook.Rule EXPANSION = rule(ClusterRuleBook.Check.EXPANSION_ALLOWED, Map.of("minOccupancyPercent", 60, "maxAreaAfterHa", 75));
    static final ClusterRuleBook.Rule NEW = rule(ClusterRuleBook.Check.NEW_CLUSTER_ALLOWED, Map.of("minAverageOccupancyPercent", 50, "maxUnleasedHa", 100));

    static ClusterRuleBook.Rule rule(ClusterRuleBook.Check check, Map<String, Integer> params) {
        Map<String, BigDecimal> p = new java.util.HashMap<>();
        params.forEach((k, v) -> p.put(k, BigDecimal.valueOf(v)));
        return new ClusterRuleBook.Rule("R", check, List.of(), p, ClusterRuleBook.Action.REFUSE, "f", "m");
    }

    static ClusterFacts cluster(double area, double land, double leased) {
        return new ClusterFacts(null, "c", "37", "IN_OPERATION", BigDecimal.valueOf(area), BigDecimal.valueOf(land), BigDecimal.valueOf(leased));
    }

    @Test
    void areaMustLieBetween10And75Hectares() {
        assertTrue(ClusterRules.area("D", AREA, cluster(9.9, 5, 0)).breached());
        assertTrue(ClusterRules.area("D", AREA, cluster(75.1, 50, 0)).breached());
        assertFalse(ClusterRules.area("D", AREA, cluster(10, 5, 0)).breached());
        assertFalse(ClusterRules.area("D", AREA, cluster(75, 50, 0)).breached());
    }

    @Test
    void expansionNeedsSixtyPercentAndStaysWithin75() {
        assertTrue(ClusterRules.expansion("D", EXPANSION, cluster(50, 40, 23.9), BigDecimal.valueOf(60)).breached()); // 59.75 %
        assertFalse(ClusterRules.expansion("D", EXPANSION, cluster(50, 40, 24), BigDecimal.valueOf(60)).breached()); // 60 %
        assertTrue(ClusterRules.expansion("D", EXPANSION, cluster(50, 40, 30), BigDecimal.valueOf(76)).breached());
    }

    @Test
    void newClusterNeedsAverageAbove50PercentOrAtMost100HectaresUnleased() {
        ClusterFacts proposed = cluster(40, 30, 0);
        // average 40 %, 150 ha unleased: refused
        assertTrue(ClusterRules.newCluster("D", NEW, proposed, List.of(cluster(75, 125, 50), cluster(75, 125, 50))).breached());
        // average exactly 50 % is not "over 50 %", but only 50 ha unleased: allowed
        assertFalse(ClusterRules.newCluster("D", NEW, proposed, List.of(cluster(75, 50, 25), cluster(75, 50, 25))).breached());
        // average 80 %, lots unleased: allowed
        assertFalse(ClusterRules.newCluster("D", NEW, proposed, List.of(cluster(75, 1000, 800))).breached());
        // nothing established yet: allowed
        assertFalse(ClusterRules.newCluster("D", NEW, proposed, List.of()).breached());
    }
}
