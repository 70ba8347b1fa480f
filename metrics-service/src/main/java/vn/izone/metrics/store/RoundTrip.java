package vn.izone.metrics.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;

/**
 * Statements sent to PostgreSQL together: one prepared statement of several, which the driver sends with one Sync and
 * whose results it reads back in order. On a machine whose cores are busy each round trip of the applying transaction
 * cost milliseconds of waiting, several times what PostgreSQL spent executing the statement (wall-clock profile of
 * the 200/s phase, sessions 14 and 16); statements that need nothing from each other's results go together.
 */
public final class RoundTrip {
    private RoundTrip() {
    }

    /** One part of a round trip: one or more SQL statements, their parameters, and how their results are read. */
    public interface Part {
        /** The part's SQL (several statements separated by semicolons are allowed). */
        String sql();

        /** Binds the part's parameters, the first at {@code first}. @return the index after its last */
        int bind(Connection c, PreparedStatement q, int first) throws SQLException;

        /**
         * Reads the part's results: called with {@code q} at its first statement's result; a part of several statements
         * moves on with {@code getMoreResults} itself and leaves {@code q} at its last one's.
         */
        default void read(PreparedStatement q) throws SQLException {
        }
    }

    /** Runs the parts (null ones are skipped: nothing to do) in order, in the connection's transaction. */
    public static void run(Connection c, List<? extends Part> parts) throws SQLException {
        List<? extends Part> present = parts.stream().filter(Objects::nonNull).toList();
        if (present.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder();
        for (Part part : present) {
            sql.append(sql.isEmpty() ? "" : ";\n").append(part.sql());
        }
        try (PreparedStatement q = c.prepareStatement(sql.toString())) {
            int next = 1;
            for (Part part : present) {
                next = part.bind(c, q, next);
            }
            q.execute();
            for (int i = 0; i < present.size(); i++) {
                if (i > 0) {
                    q.getMoreResults();
                }
                present.get(i).read(q);
            }
        }
    }
}
