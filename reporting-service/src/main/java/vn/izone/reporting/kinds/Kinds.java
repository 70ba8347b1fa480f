package vn.izone.reporting.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vn.izone.reporting.api.BadParameter;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The three kinds of zone (industrial park, industrial cluster, economic zone) and the figures of one kind within a
 * scope. Those come from the kind's own snapshot ({@code province-kind:37:INDUSTRIAL_CLUSTER}, full Indicators shape)
 * or, when the scope's snapshot is newer or the kind's own is missing, from the scope snapshot's {@code byKind}
 * entry (no capital there). Parks, clusters and economic zones are never mixed in a figure that would not mean
 * anything combined (occupancy, areas); only workers and projects are added across kinds, and labelled so.
 */
public final class Kinds {
    public static final List<String> ALL = List.of("INDUSTRIAL_PARK", "INDUSTRIAL_CLUSTER", "ECONOMIC_ZONE");

    private Kinds() {
    }

    /** @return the kind in upper case; blank is null (no filter) */
    public static String check(String kind) {
        if (kind == null || kind.isBlank()) {
            return null;
        }
        String k = kind.trim().toUpperCase(Locale.ROOT);
        if (!ALL.contains(k)) {
            throw new BadParameter("kind", "must be one of " + ALL + ", not '" + kind + "'");
        }
        return k;
    }

    /** The scope key of a kind within a province / former province / the country. */
    public static String key(String parentType, String code, String kind) {
        return switch (parentType) {
            case "PROVINCE" -> "province-kind:" + code + ":" + kind;
            case "FORMER_PROVINCE" -> "former-province-kind:" + code + ":" + kind;
            default -> "zone-kind:" + kind;
        };
    }

    private static java.time.Instant instant(JsonNode snapshot) {
        try {
            return java.time.Instant.parse(snapshot.path("computedAt").asText());
        } catch (java.time.format.DateTimeParseException e) {
            return java.time.Instant.EPOCH;
        }
    }

    /** "37:INDUSTRIAL_CLUSTER" → {"37", "INDUSTRIAL_CLUSTER"} */
    public static String[] split(String kindScopeCode) {
        int colon = kindScopeCode.lastIndexOf(':');
        return colon < 0 ? new String[] {kindScopeCode, ""} : new String[] {kindScopeCode.substring(0, colon), kindScopeCode.substring(colon + 1)};
    }

    /**
     * The figures of {@code kind} in {@code parent}: the kind's own snapshot when it is at least as new as the parent
     * (or the parent has no byKind entry), else the parent's byKind entry (with the capital of the kind's snapshot, if
     * any). Each view says where it came from in {@code kindSource} ("snapshot" or "byKind").
     */
    public static Optional<ObjectNode> view(JsonNode parent, JsonNode kindSnapshot, String kind) {
        JsonNode b = parent == null ? null : parent.path("byKind").get(kind);
        boolean hasByKind = b != null && b.isObject();
        if (kindSnapshot != null && (!hasByKind || !instant(kindSnapshot).isBefore(instant(parent)))) {
            ObjectNode v = kindSnapshot.deepCopy();
            v.put("kind", kind);
            v.put("parentCode", split(kindSnapshot.path("scopeCode").asText())[0]);
            v.put("kindSource", "snapshot");
            return Optional.of(v);
        }
        if (!hasByKind) {
            return Optional.empty();
        }
        // The parent is newer: its byKind figures, laid over the kind snapshot's (which keeps what byKind lacks:
        // capital, suspended/revoked projects, the workers' source).
        ObjectNode v = kindSnapshot != null ? kindSnapshot.deepCopy() : JsonNodeFactory.instance.objectNode();
        String type = parent.path("scopeType").asText();
        v.put("scopeKey", key(type, parent.path("scopeCode").asText(), kind));
        v.put("scopeType", "NATIONAL".equals(type) ? "ZONE_KIND" : type + "_KIND");
        v.put("scopeCode", "NATIONAL".equals(type) ? kind : parent.path("scopeCode").asText() + ":" + kind);
        v.put("parentCode", parent.path("scopeCode").asText());
        v.set("scopeName", parent.get("scopeName"));
        v.set("computedAt", parent.get("computedAt"));
        v.put("kind", kind);
        v.put("kindSource", "byKind");
        for (String f : new String[] {"zones", "areas", "occupancy", "occupancyOperating"}) {
            if (b.has(f)) {
                v.set(f, b.get(f).deepCopy());
            }
        }
        ObjectNode projects = v.path("projects").isObject() ? (ObjectNode) v.get("projects") : v.putObject("projects");
        if (b.path("projects").isObject()) {
            projects.setAll((ObjectNode) b.get("projects").deepCopy());
        }
        ObjectNode employment = v.path("employment").isObject() ? (ObjectNode) v.get("employment") : v.putObject("employment");
        employment.set("workers", b.get("workers"));
        if (!employment.hasNonNull("source")) {
            employment.set("source", parent.path("employment").get("source"));
        }
        return Optional.of(v);
    }
}
