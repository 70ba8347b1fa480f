package vn.izone.registry.figures;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * One submission as the API and the {@code izone.registry.figures.v1} events show it. {@code kind} and
 * {@code indicator} name the register figure it corresponds to, {@code registerScopeKey} the scope of metrics-service
 * that holds it (e.g. {@code province-kind:37:INDUSTRIAL_CLUSTER}); all three null for a figure the register does not compute.
 */
public record FigureView(UUID id, String scopeType, String scopeCode, String scopeKey, String provinceCode, String figure,
                         String kind, String indicator, String registerScopeKey, BigDecimal value, String unit,
                         LocalDate validOn, Instant recordedAt, String actor, String source) {
    static FigureView of(DeclaredFigure f) {
        return new FigureView(f.id, f.scopeType, f.scopeCode, scopeKey(f.scopeType, f.scopeCode), f.provinceCode, f.figure,
                f.kind, f.indicator, f.indicator == null ? null : registerScopeKey(f.scopeType, f.scopeCode, f.kind),
                f.value.stripTrailingZeros().scale() < 0 ? f.value.setScale(0) : f.value.stripTrailingZeros(), f.unit,
                f.validOn, f.recordedAt, f.actor, f.source);
    }

    /** The scope as metrics-service and reporting-service key it: province:37, former-province:35, zone:<id>, national:VN. */
    static String scopeKey(String scopeType, String scopeCode) {
        return switch (scopeType) {
            case "PROVINCE" -> "province:" + scopeCode;
            case "FORMER_PROVINCE" -> "former-province:" + scopeCode;
            case "ZONE" -> "zone:" + scopeCode;
            default -> "national:VN";
        };
    }

    /** The scope of the register figure: the kind within the scope when a kind is named (zone-kind:K for the country). */
    static String registerScopeKey(String scopeType, String scopeCode, String kind) {
        if (kind == null) {
            return scopeKey(scopeType, scopeCode);
        }
        return switch (scopeType) {
            case "PROVINCE" -> "province-kind:" + scopeCode + ":" + kind;
            case "FORMER_PROVINCE" -> "former-province-kind:" + scopeCode + ":" + kind;
            default -> "zone-kind:" + kind;
        };
    }
}
