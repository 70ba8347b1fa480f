package vn.izone.reporting.discrepancies;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One declaration beside the register's figure for the same scope, kind, indicator and date. {@code difference} is
 * declared − register (43 declared, 47 counted: −4); null when there is no register figure to hold it against.
 *
 * @param status AGREES, DIFFERS, NOT_A_REGISTER_FIGURE (the declaration names no indicator) or REGISTER_UNAVAILABLE
 *               (metrics-service did not answer, or does not know the scope; {@code note} says which)
 */
public record Discrepancy(String scopeType, String scopeCode, String scopeKey, String scopeName, String provinceCode,
                          String figure, String kind, String indicator, LocalDate validOn, BigDecimal declared, String unit,
                          String source, String actor, Instant recordedAt, String registerScopeKey, BigDecimal register,
                          String registerBasis, Instant registerComputedAt, BigDecimal difference, String status, String note) {
    public static final String AGREES = "AGREES";
    public static final String DIFFERS = "DIFFERS";
    public static final String NOT_A_REGISTER_FIGURE = "NOT_A_REGISTER_FIGURE";
    public static final String REGISTER_UNAVAILABLE = "REGISTER_UNAVAILABLE";
}
