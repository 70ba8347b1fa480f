package vn.izone.registry.decree;

import jakarta.enterprise.context.ApplicationScoped;
import vn.izone.registry.api.Problem;
import vn.izone.registry.api.RejectedChange;
import vn.izone.registry.decree.ClusterRuleBook.Rule;
import vn.izone.registry.decree.ClusterRuleBook.Trigger;
import vn.izone.registry.project.Project;
import vn.izone.registry.zone.Zone;
import vn.izone.registry.zone.ZoneKind;
import vn.izone.registry.zone.ZoneStatus;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Applies the cluster rule book to the register: refuses a breaching change (422 naming the rule's field)
 * or lets it through with a warning, and evaluates every cluster for the reports.
 */
@ApplicationScoped
public class ClusterRuleEnforcer {
    private final ClusterRuleBook rules;
    private final RuleWarnings warnings;

    public ClusterRuleEnforcer(ClusterRuleBook rules, RuleWarnings warnings) {
        this.rules = rules;
        this.warnings = warnings;
    }

    /**
     * Before a zone is registered: area and new-cluster rules. A cluster removed from planning is not
     * checked; one established before the decree took effect is warned about, not refused (the decree does
     * not undo what was lawfully established).
     */
    public void onRegister(Zone zone) {
        if (zone.kind != ZoneKind.INDUSTRIAL_CLUSTER || zone.status == ZoneStatus.REMOVED_FROM_PLANNING) {
            return;
        }
        ClusterFacts facts = facts(zone);
        List<RuleFinding> findings = new ArrayList<>();
        for (Rule rule : rules.rulesFor(Trigger.REGISTER)) {
            switch (rule.check()) {
                case AREA_WITHIN -> findings.add(ClusterRules.area(decree(), rule, facts));
                case NEW_CLUSTER_ALLOWED -> {
                    if (!establishedBeforeDecree(zone)) {
                        findings.add(ClusterRules.newCluster(decree(), rule, facts, clustersOf(zone.provinceCode, zone)));
                    }
                }
                default -> {
                }
            }
        }
        enforce(establishedBeforeDecree(zone) ? asWarnings(findings) : findings);
    }

    /** Before a correction is stored: the area rule, and the expansion rule when the area grows. */
    public void onCorrect(Zone zone, ClusterFacts before) {
        if (zone.kind != ZoneKind.INDUSTRIAL_CLUSTER || zone.status == ZoneStatus.REMOVED_FROM_PLANNING) {
            return;
        }
        ClusterFacts after = facts(zone);
        List<RuleFinding> findings = new ArrayList<>();
        for (Rule rule : rules.rulesFor(Trigger.CORRECT)) {
            if (rule.check() == ClusterRuleBook.Check.AREA_WITHIN) {
                RuleFinding area = ClusterRules.area(decree(), rule, after);
                findings.add(establishedBeforeDecree(zone) ? asWarnings(List.of(area)).get(0) : area);
            }
        }
        boolean grows = before.areaHa() != null && after.areaHa() != null && after.areaHa().compareTo(before.areaHa()) > 0
                && ZoneStatus.valueOf(before.status()).isOperating();
        if (grows) {
            for (Rule rule : rules.rulesFor(Trigger.EXPAND)) {
                findings.add(ClusterRules.expansion(decree(), rule, before, after.areaHa()));
            }
        }
        enforce(findings);
    }

    /** Before a cluster moves to EXPANDED. */
    public void onExpand(Zone zone) {
        if (zone.kind != ZoneKind.INDUSTRIAL_CLUSTER) {
            return;
        }
        List<RuleFinding> findings = new ArrayList<>();
        for (Rule rule : rules.rulesFor(Trigger.EXPAND)) {
            findings.add(ClusterRules.expansion(decree(), rule, facts(zone), null));
        }
        enforce(findings);
    }

    /** Every cluster of a province (or all provinces) against every rule: what breaches, what qualifies. */
    public List<RuleFinding> evaluate(String provinceCode) {
        List<Zone> clusters = provinceCode == null
                ? Zone.list("kind = ?1 and status <> ?2 order by provinceCode, name", ZoneKind.INDUSTRIAL_CLUSTER, ZoneStatus.REMOVED_FROM_PLANNING)
                : Zone.list("kind = ?1 and status <> ?2 and provinceCode = ?3 order by name", ZoneKind.INDUSTRIAL_CLUSTER, ZoneStatus.REMOVED_FROM_PLANNING, provinceCode);
        List<RuleFinding> findings = new ArrayList<>();
        for (Zone zone : clusters) {
            ClusterFacts facts = facts(zone);
            for (Rule rule : rules.book().rules()) {
                switch (rule.check()) {
                    case AREA_WITHIN -> findings.add(ClusterRules.area(decree(), rule, facts));
                    case EXPANSION_ALLOWED -> findings.add(ClusterRules.expansion(decree(), rule, facts, null));
                    case NEW_CLUSTER_ALLOWED -> {
                        // a precondition for new clusters in the province, reported once per province below
                    }
                }
            }
        }
        clusters.stream().map(z -> z.provinceCode).distinct().forEach(province -> {
            for (Rule rule : rules.book().rules()) {
                if (rule.check() == ClusterRuleBook.Check.NEW_CLUSTER_ALLOWED) {
                    ClusterFacts area = new ClusterFacts(null, "a new cluster in province " + province, province, null, null, null, null);
                    findings.add(ClusterRules.newCluster(decree(), rule, area, clustersOf(province, null)));
                }
            }
        });
        return findings;
    }

    public static ClusterFacts facts(Zone zone) {
        BigDecimal leased = zone.leasedAreaHa;
        if (leased == null && zone.id != null) {
            leased = Project.<Project>list("zoneId", zone.id).stream()
                    .filter(p -> p.status.isActive() && p.leasedAreaHa != null)
                    .map(p -> p.leasedAreaHa).reduce(BigDecimal.ZERO, BigDecimal::add);
        }
        BigDecimal area = zone.establishedAreaHa != null ? zone.establishedAreaHa : zone.plannedAreaHa;
        return new ClusterFacts(zone.id, zone.name, zone.provinceCode, zone.status == null ? null : zone.status.name(),
                area, zone.industrialLandHa, leased);
    }

    private List<ClusterFacts> clustersOf(String provinceCode, Zone except) {
        return Zone.<Zone>list("kind = ?1 and provinceCode = ?2", ZoneKind.INDUSTRIAL_CLUSTER, provinceCode).stream()
                .filter(z -> except == null || !Objects.equals(z.id, except.id))
                .filter(z -> z.status.isEstablished())
                .map(ClusterRuleEnforcer::facts).toList();
    }

    private boolean establishedBeforeDecree(Zone zone) {
        return zone.status != null && zone.status.isEstablished() && zone.statusDate != null
                && zone.statusDate.isBefore(java.time.LocalDate.parse(rules.book().effectiveFrom()));
    }

    private static List<RuleFinding> asWarnings(List<RuleFinding> findings) {
        return findings.stream().map(f -> new RuleFinding(f.ruleId(), f.decree(), f.zoneId(), f.zoneName(), f.provinceCode(),
                f.breached(), ClusterRuleBook.Action.WARN, f.field(), f.detail() + " (established before the decree: warned, not refused)")).toList();
    }

    private void enforce(List<RuleFinding> findings) {
        List<Problem.FieldError> refusals = new ArrayList<>();
        for (RuleFinding f : findings) {
            if (!f.breached()) {
                continue;
            }
            if (f.action() == ClusterRuleBook.Action.REFUSE) {
                refusals.add(new Problem.FieldError(f.field(), f.ruleId() + ": " + f.detail()));
            } else {
                warnings.add(f);
            }
        }
        if (!refusals.isEmpty()) {
            throw new RejectedChange(Problem.of(422, "rule-breached", "The change breaches " + decree(),
                    refusals.size() + " rule(s) refused the change", refusals));
        }
    }

    private String decree() {
        return rules.book().decree();
    }
}
