package vn.izone.metrics.indicators;

import jakarta.enterprise.context.ApplicationScoped;
import vn.izone.metrics.publish.PublishQueue;
import vn.izone.metrics.rates.ExchangeRate;
import vn.izone.metrics.rates.ExchangeRates;
import vn.izone.metrics.store.Jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a publishing round reads before its scopes' sums, in one round trip (a prepared statement of two): the marks of
 * its scopes ({@link PublishQueue#MARKS}) and the day's USD rate ({@link ExchangeRates#LATEST_ON}). Read apart, they
 * were two of a round's eight round trips, each a few milliseconds of waiting while the cores are busy (wall-clock
 * profile of the 200/s phase, session 16).
 */
@ApplicationScoped
class RoundOpening {
    private final Jdbc jdbc;

    RoundOpening(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** The marks by scope key (in shard order) and the USD rate valid on {@code day}. */
    record Read(Map<String, List<PublishQueue.Mark>> marks, Optional<ExchangeRate> usd) {
    }

    /** In the caller's transaction. */
    Read read(Collection<String> scopeKeys, LocalDate day) {
        return jdbc.inTransaction(c -> {
            try (PreparedStatement q = c.prepareStatement(PublishQueue.MARKS + ";\n" + ExchangeRates.LATEST_ON)) {
                q.setArray(1, c.createArrayOf("text", scopeKeys.toArray()));
                q.setString(2, "USD");
                q.setObject(3, day);
                q.execute();
                Map<String, List<PublishQueue.Mark>> marks;
                try (ResultSet rs = q.getResultSet()) {
                    marks = PublishQueue.marks(rs);
                }
                q.getMoreResults();
                try (ResultSet rs = q.getResultSet()) {
                    return new Read(marks, ExchangeRates.rate(rs));
                }
            }
        });
    }
}
