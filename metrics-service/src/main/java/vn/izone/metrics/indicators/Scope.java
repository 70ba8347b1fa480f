package vn.izone.metrics.indicators;

/**
 * What a set of indicators is about: one zone, today's province, a former province, a zone kind, an IC
 * model, or the whole country. Its key ("province:37") keys the indicator topic.
 */
public record Scope(Type type, String code) {
    public enum Type {
        ZONE("zone"), PROVINCE("province"), FORMER_PROVINCE("former-province"), ZONE_KIND("zone-kind"),
        CLUSTER_MODEL("cluster-model"), NATIONAL("national");

        public final String slug;

        Type(String slug) {
            this.slug = slug;
        }

        public static Type ofSlug(String slug) {
            for (Type t : values()) {
                if (t.slug.equals(slug)) {
                    return t;
                }
            }
            throw new IllegalArgumentException("unknown scope type '" + slug + "'");
        }
    }

    public static Scope national() {
        return new Scope(Type.NATIONAL, "VN");
    }

    public static Scope zone(String id) {
        return new Scope(Type.ZONE, id);
    }

    public static Scope province(String code) {
        return new Scope(Type.PROVINCE, code);
    }

    public static Scope formerProvince(String code) {
        return new Scope(Type.FORMER_PROVINCE, code);
    }

    public static Scope zoneKind(String kind) {
        return new Scope(Type.ZONE_KIND, kind);
    }

    public static Scope clusterModel(String model) {
        return new Scope(Type.CLUSTER_MODEL, model);
    }

    public String key() {
        return type.slug + ":" + code;
    }

    public static Scope ofKey(String key) {
        int colon = key.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("not a scope key: " + key);
        }
        return new Scope(Type.ofSlug(key.substring(0, colon)), key.substring(colon + 1));
    }
}
