package vn.izone.registry.decree;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The industrial-cluster rules in force, read from a data file ({@code izone.rules.clusters}, by default
 * Decree 32/2024/ND-CP). Code knows the kinds of check; the file says which apply, with which thresholds,
 * and whether a breach is refused or only warned about.
 */
@ApplicationScoped
public class ClusterRuleBook {

    public enum Check { AREA_WITHIN, EXPANSION_ALLOWED, NEW_CLUSTER_ALLOWED }

    public enum Trigger { REGISTER, CORRECT, EXPAND }

    public enum Action { REFUSE, WARN }

    public record Rule(String id, Check check, List<Trigger> when, Map<String, BigDecimal> params, Action action,
                       String field, String message) {
        public BigDecimal param(String name) {
            BigDecimal value = params.get(name);
            if (value == null) {
                throw new IllegalStateException("rule " + id + " lacks parameter " + name);
            }
            return value;
        }
    }

    public record Book(String decree, String title, String effectiveFrom, String note, List<Rule> rules) {
    }

    private final Book book;

    public ClusterRuleBook(ObjectMapper json, RulesConfig files) {
        this.book = RuleFiles.read(json, files.clusters(), Book.class);
    }

    public Book book() {
        return book;
    }

    public List<Rule> rulesFor(Trigger trigger) {
        return book.rules().stream().filter(r -> r.when().contains(trigger)).toList();
    }
}
