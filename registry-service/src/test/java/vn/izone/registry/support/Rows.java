package vn.izone.registry.support;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Counts rows straight in the registry's database, to prove that a refused change wrote nothing. */
public final class Rows {
    private Rows() {
    }

    public static long count(DataSource db, String table) {
        return count(db, table, "true");
    }

    public static long count(DataSource db, String table, String where) {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM " + table + " WHERE " + where)) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Rows of the tables a change writes to: zone, project, report, outbox_event, idempotency_key. */
    public static String snapshot(DataSource db) {
        return "zone=" + count(db, "zone") + " project=" + count(db, "project") + " report=" + count(db, "report")
                + " outbox=" + count(db, "outbox_event") + " idempotency=" + count(db, "idempotency_key");
    }
}
