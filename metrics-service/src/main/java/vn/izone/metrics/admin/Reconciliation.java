package vn.izone.metrics.admin;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Compares the registry's current state of every zone and project with the state metrics holds, field by
 * field, on the fields metrics uses. Pure (no I/O), so the comparison is unit tested; {@link Reconciler}
 * feeds it from the registry's REST API and the state tables.
 */
public final class Reconciliation {
    public static final List<String> ZONE_FIELDS = List.of("revision", "kind", "name", "provinceCode",
            "formerProvinceCode", "status", "clusterModel", "plannedAreaHa", "establishedAreaHa", "industrialLandHa",
            "leasedAreaHa", "statusDate", "constructionProgressPercent");
    public static final List<String> PROJECT_FIELDS = List.of("zoneId", "revision", "origin", "capitalAmount",
            "capitalCurrency", "leasedAreaHa", "workers", "status");

    private Reconciliation() {
    }

    /** One field that differs; a missing aggregate has field "(missing)". */
    public record Difference(String aggregateType, UUID aggregateId, String field, String registry, String metrics) {
    }

    public record Report(long zonesCompared, long projectsCompared, List<Difference> differences) {
        public boolean consistent() {
            return differences.isEmpty();
        }
    }

    /** Aggregates by id, each as its normalized field values. */
    public record Snapshot(Map<UUID, Map<String, String>> zones, Map<UUID, Map<String, String>> projects) {
        public static Snapshot empty() {
            return new Snapshot(new LinkedHashMap<>(), new LinkedHashMap<>());
        }
    }

    public static Report compare(Snapshot registry, Snapshot metrics) {
        List<Difference> differences = new ArrayList<>();
        compare("zone", registry.zones(), metrics.zones(), ZONE_FIELDS, differences);
        compare("project", registry.projects(), metrics.projects(), PROJECT_FIELDS, differences);
        return new Report(registry.zones().size(), registry.projects().size(), differences);
    }

    private static void compare(String type, Map<UUID, Map<String, String>> registry, Map<UUID, Map<String, String>> metrics,
                                List<String> fields, List<Difference> out) {
        TreeSet<UUID> ids = new TreeSet<>(registry.keySet());
        ids.addAll(metrics.keySet());
        for (UUID id : ids) {
            Map<String, String> r = registry.get(id);
            Map<String, String> m = metrics.get(id);
            if (r == null || m == null) {
                out.add(new Difference(type, id, "(missing)", r == null ? null : "present", m == null ? null : "present"));
                continue;
            }
            for (String field : fields) {
                String a = r.get(field);
                String b = m.get(field);
                if (a == null ? b != null : !a.equals(b)) {
                    out.add(new Difference(type, id, field, a, b));
                }
            }
        }
    }

    /** A zone as the registry's API returns it (ZoneView). */
    public static Map<String, String> zoneOfRegistry(JsonNode z) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("revision", text(z, "revision"));
        for (String f : List.of("kind", "name", "provinceCode", "formerProvinceCode", "status", "clusterModel", "statusDate")) {
            v.put(f, text(z, f));
        }
        for (String f : List.of("plannedAreaHa", "establishedAreaHa", "industrialLandHa", "leasedAreaHa", "constructionProgressPercent")) {
            v.put(f, number(z.hasNonNull(f) ? z.get(f).asText() : null));
        }
        return v;
    }

    /** A project as the registry's API returns it (ProjectView). */
    public static Map<String, String> projectOfRegistry(JsonNode p) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("zoneId", text(p, "zoneId"));
        v.put("revision", text(p, "revision"));
        v.put("origin", text(p, "origin"));
        JsonNode capital = p.path("registeredCapital");
        v.put("capitalAmount", number(capital.hasNonNull("amount") ? capital.get("amount").asText() : null));
        v.put("capitalCurrency", text(capital, "currency"));
        v.put("leasedAreaHa", number(p.hasNonNull("leasedAreaHa") ? p.get("leasedAreaHa").asText() : null));
        v.put("workers", text(p, "workers"));
        v.put("status", text(p, "status"));
        return v;
    }

    /** 1.50, 1.5 and 1.5000 are the same figure. */
    public static String number(Object value) {
        if (value == null) {
            return null;
        }
        BigDecimal d = new BigDecimal(value.toString()).stripTrailingZeros();
        return (d.scale() < 0 ? d.setScale(0) : d).toPlainString();
    }

    public static String string(Object value) {
        return value == null ? null : value.toString();
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }
}
