package vn.izone.registry.decree;

import java.util.UUID;

/** One rule's verdict on one cluster: it breaches (or, for a precondition, is not met) or it qualifies. */
public record RuleFinding(String ruleId, String decree, UUID zoneId, String zoneName, String provinceCode,
                          boolean breached, ClusterRuleBook.Action action, String field, String detail) {
}
