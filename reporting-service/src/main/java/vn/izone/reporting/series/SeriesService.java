package vn.izone.reporting.series;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * Time series and period comparisons from indicator_history: the value of a period is the one of the last snapshot
 * received within it. Periods are cut in Vietnam's time (Asia/Ho_Chi_Minh), like the reports boards file.
 */
@ApplicationScoped
public class SeriesService {
    public static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    public enum Step { MONTH, QUARTER, YEAR }

    public record Point(String period, LocalDate periodStart, BigDecimal value, Instant computedAt, String basis) {
    }

    public record Series(String scopeKey, String indicator, String unit, Step step, Instant from, Instant to, List<Point> points,
                         String method) {
    }

    public record PeriodValue(Instant from, Instant to, BigDecimal value, Instant computedAt, String basis) {
    }

    public record Comparison(String scopeKey, String indicator, String unit, PeriodValue period1, PeriodValue period2,
                             BigDecimal change, BigDecimal growthPercent, String method) {
    }

    private final EntityManager em;
    private final ObjectMapper json;

    public SeriesService(EntityManager em, ObjectMapper json) {
        this.em = em;
        this.json = json;
    }

    @Transactional
    public Series series(String scopeKey, IndicatorPaths.Path indicator, Step step, Instant from, Instant to) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT DISTINCT ON (bucket) CAST(CAST(bucket AS date) AS text), CAST(EXTRACT(EPOCH FROM computed_at) * 1000 AS bigint), payload
                FROM (SELECT date_trunc(?2, computed_at AT TIME ZONE 'Asia/Ho_Chi_Minh') AS bucket, computed_at, payload
                      FROM indicator_history WHERE scope_key = ?1 AND computed_at >= ?3 AND computed_at < ?4) h
                ORDER BY bucket, computed_at DESC
                """)
                .setParameter(1, scopeKey).setParameter(2, step.name().toLowerCase(Locale.ROOT))
                .setParameter(3, Timestamp.from(from)).setParameter(4, Timestamp.from(to)).getResultList();
        List<Point> points = rows.stream().map(r -> {
            LocalDate start = LocalDate.parse((String) r[0]);
            JsonNode snapshot = parse((String) r[2]);
            return new Point(label(step, start), start, indicator.valueOf(snapshot), Instant.ofEpochMilli(((Number) r[1]).longValue()),
                    indicator.basisOf(snapshot));
        }).toList();
        return new Series(scopeKey, indicator.name(), indicator.unit(), step, from, to, points,
                "value of the last snapshot received within each " + step.name().toLowerCase(Locale.ROOT)
                        + " (Asia/Ho_Chi_Minh); periods without a snapshot are left out");
    }

    @Transactional
    public Comparison compare(String scopeKey, IndicatorPaths.Path indicator, Instant from1, Instant to1, Instant from2, Instant to2) {
        PeriodValue p1 = lastIn(scopeKey, indicator, from1, to1);
        PeriodValue p2 = lastIn(scopeKey, indicator, from2, to2);
        BigDecimal change = p1.value() != null && p2.value() != null ? p2.value().subtract(p1.value()) : null;
        BigDecimal growth = change != null && p1.value().signum() != 0
                ? change.multiply(BigDecimal.valueOf(100)).divide(p1.value().abs(), 2, RoundingMode.HALF_UP) : null;
        return new Comparison(scopeKey, indicator.name(), indicator.unit(), p1, p2, change, growth,
                "each period's value is its last snapshot; growthPercent = (period2 - period1) / |period1| x 100, "
                        + "null when a period has no snapshot or period1 is 0");
    }

    private PeriodValue lastIn(String scopeKey, IndicatorPaths.Path indicator, Instant from, Instant to) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT CAST(EXTRACT(EPOCH FROM computed_at) * 1000 AS bigint), payload FROM indicator_history
                WHERE scope_key = ?1 AND computed_at >= ?2 AND computed_at < ?3 ORDER BY computed_at DESC LIMIT 1
                """)
                .setParameter(1, scopeKey).setParameter(2, Timestamp.from(from)).setParameter(3, Timestamp.from(to)).getResultList();
        if (rows.isEmpty()) {
            return new PeriodValue(from, to, null, null, null);
        }
        JsonNode snapshot = parse((String) rows.get(0)[1]);
        return new PeriodValue(from, to, indicator.valueOf(snapshot), Instant.ofEpochMilli(((Number) rows.get(0)[0]).longValue()),
                indicator.basisOf(snapshot));
    }

    static String label(Step step, LocalDate start) {
        return switch (step) {
            case MONTH -> YearMonth.from(start).toString();
            case QUARTER -> start.getYear() + "-Q" + ((start.getMonthValue() - 1) / 3 + 1);
            case YEAR -> String.valueOf(start.getYear());
        };
    }

    /**
     * A bound given as "2025", "2025-07", "2025-07-31" (Vietnam time; an end bound covers the whole year, month or
     * day) or as an instant ("2025-07-31T10:00:00Z").
     */
    public static Instant bound(String text, boolean end, Instant otherwise) {
        if (text == null || text.isBlank()) {
            return otherwise;
        }
        String t = text.trim();
        try {
            if (t.matches("\\d{4}")) {
                LocalDate d = LocalDate.of(Integer.parseInt(t), 1, 1);
                return (end ? d.plusYears(1) : d).atStartOfDay(VIETNAM).toInstant();
            }
            if (t.matches("\\d{4}-\\d{2}")) {
                LocalDate d = YearMonth.parse(t).atDay(1);
                return (end ? d.plusMonths(1) : d).atStartOfDay(VIETNAM).toInstant();
            }
            if (t.matches("\\d{4}-\\d{2}-\\d{2}")) {
                LocalDate d = LocalDate.parse(t);
                return (end ? d.plusDays(1) : d).atStartOfDay(VIETNAM).toInstant();
            }
            return Instant.parse(t);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a date (2025, 2025-07, 2025-07-31 or an ISO instant)");
        }
    }

    private JsonNode parse(String payload) {
        try {
            return json.readTree(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
