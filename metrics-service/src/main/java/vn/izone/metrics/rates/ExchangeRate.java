package vn.izone.metrics.rates;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * VND for one unit of {@code currency}, valid from {@code validOn}, with where the figure comes from, and who
 * recorded it (the token's principal; null for rates recorded before sign-in was required).
 */
public record ExchangeRate(String currency, LocalDate validOn, BigDecimal vndPerUnit, String source, Instant recordedAt,
                           String recordedBy) {
}
