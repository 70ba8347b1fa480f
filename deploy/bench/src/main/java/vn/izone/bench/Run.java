package vn.izone.bench;

import vn.izone.suite.Suite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.Future;

/** One run of the bench: the suite under measurement, its scale, and what every phase shares. */
final class Run {
    final Scale scale;
    final Suite suite;
    final Path root;
    final Results results = new Results();
    /** Sampled from the first phase to the last; closed by the last (and by Bench, should a phase fail). */
    final RssSampler rss;
    final Cpu cpu;
    /** Writes need a token: the suite's own issuer signs a registrar's. */
    final Http http;
    /** metrics' rebuild takes an operator's token. */
    final String operatorBearer;

    Run(Scale scale, Suite suite, Path root) {
        this.scale = scale;
        this.suite = suite;
        this.root = root;
        this.rss = new RssSampler(suite);
        this.cpu = new Cpu(suite);
        this.http = new Http(suite.tokens().registrar("bench@suite"));
        this.operatorBearer = suite.tokens().operator("bench-operator@suite");
    }

    String url(String service) {
        return suite.url(service);
    }

    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(suite.jdbcUrl(database), suite.postgresUser(), suite.postgresPassword());
    }

    Statements statements(String database) {
        return new Statements(suite.jdbcUrl(database), suite.postgresUser(), suite.postgresPassword());
    }

    long queryLong(String database, String sql) {
        try (Connection c = connect(database); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    static void waitAll(List<Future<?>> futures) throws Exception {
        for (Future<?> f : futures) {
            f.get();
        }
    }
}
