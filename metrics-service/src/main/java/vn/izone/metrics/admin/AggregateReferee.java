package vn.izone.metrics.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import vn.izone.metrics.aggregates.Aggregates;
import vn.izone.metrics.indicators.IndicatorCalculator;
import vn.izone.metrics.indicators.Indicators;
import vn.izone.metrics.indicators.Scope;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The full recomputation as the referee: every scope's live figures from the incremental aggregates are held against
 * the same scope's figures computed by grouping the state tables, field by field. The scopes come from both sides
 * (every scope the state implies, and every scope that holds sums), so a scope missing on one side is a difference
 * too. After a settled stream, a rebuild or the drills, it finds none.
 */
@ApplicationScoped
public class AggregateReferee {
    static final int CHUNK = 200;
    private static final int SHOWN = 50;

    public record Difference(String scopeKey, JsonNode incremental, JsonNode grouped) {
    }

    /** {@code differences} lists at most 50; {@code scopesDiffering} counts them all. */
    public record Report(long scopesCompared, long scopesDiffering, List<Difference> differences) {
    }

    private final IndicatorCalculator calculator;
    private final Aggregates aggregates;
    private final EntityManager em;
    private final ObjectMapper json;

    public AggregateReferee(IndicatorCalculator calculator, Aggregates aggregates, EntityManager em, ObjectMapper json) {
        this.calculator = calculator;
        this.aggregates = aggregates;
        this.em = em;
        this.json = json;
    }

    @Transactional
    public Report check() {
        List<String> keys = new ArrayList<>(scopes());
        long differing = 0;
        List<Difference> shown = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += CHUNK) {
            List<Scope> chunk = keys.subList(from, Math.min(keys.size(), from + CHUNK)).stream().map(Scope::ofKey).toList();
            List<Indicators> incremental = calculator.incremental(chunk);
            for (int i = 0; i < chunk.size(); i++) {
                JsonNode inc = withoutTime(incremental.get(i));
                JsonNode grp = withoutTime(calculator.grouped(chunk.get(i), null, null));
                if (!inc.equals(NUMERIC_VALUE, grp)) {
                    differing++;
                    if (shown.size() < SHOWN) {
                        shown.add(new Difference(chunk.get(i).key(), inc, grp));
                    }
                }
            }
        }
        return new Report(keys.size(), differing, shown);
    }

    /** 1.50 and 1.5 are one figure. */
    private static final Comparator<JsonNode> NUMERIC_VALUE = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    };

    private JsonNode withoutTime(Indicators indicators) {
        ObjectNode node = json.valueToTree(indicators);
        node.remove("computedAt");
        return node;
    }

    @SuppressWarnings("unchecked")
    private Set<String> scopes() {
        Set<String> keys = new TreeSet<>(aggregates.scopeKeys());
        List<Object[]> zones = em.createNativeQuery(
                "SELECT CAST(zone_id AS text), province_code, former_province_code, kind, cluster_model FROM zone_state").getResultList();
        for (Object[] z : zones) {
            String kind = (String) z[3];
            keys.add(Scope.national().key());
            keys.add(Scope.zone((String) z[0]).key());
            keys.add(Scope.province((String) z[1]).key());
            keys.add(Scope.provinceKind((String) z[1], kind).key());
            keys.add(Scope.zoneKind(kind).key());
            if (z[2] != null) {
                keys.add(Scope.formerProvince((String) z[2]).key());
                keys.add(Scope.formerProvinceKind((String) z[2], kind).key());
            }
            if (z[4] != null) {
                keys.add(Scope.clusterModel((String) z[4]).key());
            }
        }
        return keys;
    }
}
