package vn.izone.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What PostgreSQL spent a phase on, statement by statement ({@code pg_stat_statements}, which the embedded server
 * preloads): reset before the phase, read after it, the top statements of one database by total execution time with
 * their calls per operation of the phase. The profile the bench's figures are explained by (docs/performance.md).
 */
final class Statements {
    private final String url;
    private final String user;
    private final String password;

    Statements(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** Creates the extension if needed and forgets what was counted so far. False when the server does not preload it. */
    boolean reset() {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            s.execute("SELECT pg_stat_statements_reset()");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** One statement's share of a phase. */
    record Top(String query, long calls, double totalMs, double meanMs, long rows) {
    }

    /** The statements of this database since the reset, by total time; at most {@code limit}. */
    List<Top> top(int limit) {
        List<Top> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT regexp_replace(query, '\\s+', ' ', 'g'), calls, total_exec_time, mean_exec_time, rows "
                     + "FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) "
                     + "ORDER BY total_exec_time DESC LIMIT " + limit)) {
            while (rs.next()) {
                out.add(new Top(rs.getString(1), rs.getLong(2), rs.getDouble(3), rs.getDouble(4), rs.getLong(5)));
            }
        } catch (SQLException e) {
            // not preloaded: nothing to show
        }
        return out;
    }

    /** Markdown lines: each statement's total and mean time, and its calls and rows per operation of the phase. */
    static List<String> table(String title, List<Top> top, long operations, String operation) {
        List<String> lines = new ArrayList<>();
        if (top.isEmpty()) {
            return lines;
        }
        lines.add("");
        lines.add("**" + title + "** (pg_stat_statements, " + operations + " " + operation + "s)");
        lines.add("");
        lines.add("| total ms | mean ms | calls per " + operation + " | rows per " + operation + " | statement |");
        lines.add("|---:|---:|---:|---:|---|");
        for (Top t : top) {
            String q = t.query().length() > 160 ? t.query().substring(0, 160) + "…" : t.query();
            lines.add(String.format(Locale.ROOT, "| %.0f | %.3f | %.2f | %.2f | `%s` |", t.totalMs(), t.meanMs(),
                    t.calls() / (double) Math.max(1, operations), t.rows() / (double) Math.max(1, operations), q.replace("|", "\\|")));
        }
        return lines;
    }
}
