package vn.izone.metrics.rates;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import vn.izone.metrics.store.Jdbc;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** The stored exchange rates: one per currency and date; recording the same date again corrects it. */
@ApplicationScoped
public class ExchangeRates {
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(ExchangeRates.class);
    private final EntityManager em;
    private final Jdbc jdbc;

    public ExchangeRates(EntityManager em, Jdbc jdbc) {
        this.em = em;
        this.jdbc = jdbc;
    }

    @Transactional
    public ExchangeRate record(String currency, LocalDate validOn, BigDecimal vndPerUnit, String source, String recordedBy) {
        Instant now = Instant.now();
        em.createNativeQuery("INSERT INTO exchange_rate (currency, valid_on, vnd_per_unit, source, recorded_at, recorded_by) "
                        + "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (currency, valid_on) "
                        + "DO UPDATE SET vnd_per_unit = EXCLUDED.vnd_per_unit, source = EXCLUDED.source, recorded_at = EXCLUDED.recorded_at, "
                        + "recorded_by = EXCLUDED.recorded_by")
                .setParameter(1, currency).setParameter(2, validOn).setParameter(3, vndPerUnit).setParameter(4, source)
                .setParameter(5, Timestamp.from(now)).setParameter(6, recordedBy).executeUpdate();
        LOG.infof("exchange rate %s %s = %s VND recorded by %s (source: %s)", currency, validOn, vndPerUnit, recordedBy, source);
        return new ExchangeRate(currency, validOn, vndPerUnit, source, now, recordedBy);
    }

    @Transactional
    public List<ExchangeRate> all() {
        return rows("SELECT currency, valid_on, vnd_per_unit, source, recorded_at, recorded_by FROM exchange_rate ORDER BY currency, valid_on DESC");
    }

    /**
     * The latest rate of a currency valid on or before a date: two parameters, the currency and the date. Also run by
     * a publishing round in the round trip that opens it (indicators/RoundOpening), read back by {@link #rate}.
     */
    public static final String LATEST_ON = """
            SELECT currency, valid_on, vnd_per_unit, source, recorded_at, recorded_by FROM exchange_rate
            WHERE currency = ? AND valid_on <= ? ORDER BY valid_on DESC LIMIT 1""";

    /** The latest rate of the currency valid on or before the date. */
    @Transactional
    public Optional<ExchangeRate> on(String currency, LocalDate date) {
        return jdbc.inTransaction(c -> {
            try (java.sql.PreparedStatement q = c.prepareStatement(LATEST_ON)) {
                q.setString(1, currency);
                q.setObject(2, date);
                try (java.sql.ResultSet rs = q.executeQuery()) {
                    return rate(rs);
                }
            }
        });
    }

    /** The row {@link #LATEST_ON} found, if any. */
    public static Optional<ExchangeRate> rate(java.sql.ResultSet rs) throws java.sql.SQLException {
        if (!rs.next()) {
            return Optional.empty();
        }
        return Optional.of(new ExchangeRate(rs.getString(1), rs.getObject(2, LocalDate.class), plain(rs.getBigDecimal(3)),
                rs.getString(4), rs.getTimestamp(5).toInstant(), rs.getString(6)));
    }

    @SuppressWarnings("unchecked")
    private List<ExchangeRate> rows(String sql) {
        return ((List<Object[]>) em.createNativeQuery(sql).getResultList()).stream()
                .map(r -> new ExchangeRate((String) r[0], toDate(r[1]), plain(new BigDecimal(r[2].toString())),
                        (String) r[3], r[4] instanceof Timestamp t ? t.toInstant() : (Instant) r[4], (String) r[5]))
                .toList();
    }

    /** 25345, never 2.5345E+4. */
    static BigDecimal plain(BigDecimal value) {
        BigDecimal v = value.stripTrailingZeros();
        return v.scale() < 0 ? v.setScale(0) : v;
    }

    private static LocalDate toDate(Object o) {
        return o instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) o;
    }
}
