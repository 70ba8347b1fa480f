package vn.izone.metrics.indicators;

/**
 * What a set of indicators is about: one zone, today's province, a former province, a zone kind, an IC
 * model, the whole country, or one kind of zone in a province or former province. Its key ("province:37") keys the indicator topic.
 */
public record Scope(Type type, String code) {
    public enum Type {
        ZONE("zone"), PROVINCE("province"), FORMER_PROVINCE("former-province"), ZONE_KIND("zone-kind"),
        CLUSTER_MODEL("cluster-model"), NATIONAL("national"),
        /** One kind of zone in one province, code "37:INDUSTRIAL_CLUSTER": the clusters of Ninh Bình. */
        PROVINCE_KIND("province-kind"),
        /** One kind in one former province, code "35:INDUSTRIAL_PARK": the parks of former Hà Nam. */
        FORMER_PROVINCE_KIND("former-province-kind");

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

    public static Scope provinceKind(String province, String kind) {
        return new Scope(Type.PROVINCE_KIND, province + ":" + kind);
    }

    public static Scope formerProvinceKind(String formerProvince, String kind) {
        return new Scope(Type.FORMER_PROVINCE_KIND, formerProvince + ":" + kind);
    }

    /** The part of this scope that holds one kind of zone, or null if this scope holds one kind only. */
    public Scope ofKind(String kind) {
        return switch (type) {
            case NATIONAL -> zoneKind(kind);
            case PROVINCE -> provinceKind(code, kind);
            case FORMER_PROVINCE -> formerProvinceKind(code, kind);
            default -> null;
        };
    }

    public String key() {
        return type.slug + ":" + code;
    }

    /** Whether the key is a zone's own scope ({@code zone:<id>}; not {@code zone-kind:…}), without parsing it. */
    public static boolean isZoneKey(String key) {
        return key.startsWith(ZONE_KEY_PREFIX);
    }

    private static final String ZONE_KEY_PREFIX = Type.ZONE.slug + ":";

    public static Scope ofKey(String key) {
        int colon = key.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("not a scope key: " + key);
        }
        return new Scope(Type.ofSlug(key.substring(0, colon)), key.substring(colon + 1));
    }
}
