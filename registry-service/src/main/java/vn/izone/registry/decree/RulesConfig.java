package vn.izone.registry.decree;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The rule data files the register applies, as classpath resources (docs/figures-and-rules.md): a new decree is a new
 * file and, until it replaces the default, this setting. A missing or unreadable file stops the start ({@link RuleFiles}).
 */
@ConfigMapping(prefix = "izone.rules")
public interface RulesConfig {
    /** Decree 32/2024/ND-CP: thresholds for industrial clusters ({@link ClusterRuleBook}). */
    @WithDefault("rules/decree-32-2024.json")
    String clusters();

    /** Decree 35/2022/ND-CP: industrial park types ({@link ParkTypeRules}). */
    @WithDefault("rules/decree-35-2022.json")
    String parks();

    /** When clusters' periodic reports are due (report/ReportingCadence). */
    @WithDefault("rules/cluster-reporting.json")
    String reporting();
}
