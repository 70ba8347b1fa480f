package vn.izone.metrics.aggregates;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import vn.izone.metrics.support.MetricsTestServers;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * V25 moves stored sums to their new rows without changing a figure: a database at V24 (a zone's sums as a jsonb
 * document, a period's figures as one row each) reads the same sums after the migration, through {@link ScopeRows}.
 */
@QuarkusTest
@QuarkusTestResource(MetricsTestServers.class)
class ScopeRowsMigrationTest {
    @Inject
    DataSource dataSource;
    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;

    @Test
    void aDatabaseAtV24ReadsTheSameSumsAfterV25() throws SQLException {
        String database = "metrics_v25_" + Long.toHexString(System.nanoTime());
        try (Connection admin = dataSource.getConnection(); Statement s = admin.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        }
        String target = url.substring(0, url.lastIndexOf('/') + 1) + database;
        Flyway flyway = Flyway.configure().dataSource(target, "postgres", "postgres").locations("classpath:db/migration")
                .target("24").load();
        flyway.migrate();
        UUID zone = UUID.randomUUID();
        try (Connection c = DriverManager.getConnection(target, "postgres", "postgres"); Statement s = c.createStatement()) {
            s.execute("INSERT INTO zone_figures (zone_id, scopes, sums) VALUES ('" + zone + "', '{national:VN}', "
                    + "'{\"zones.total\": \"1\", \"period:QUARTER|2025|1|reports\": \"2\", \"period:QUARTER|2025|1|revenue\": \"10.50\","
                    + " \"period:QUARTER|2025|1|revenueN\": \"2\", \"periodEnd:QUARTER|2025|1|2025-03-31\": \"1\"}')");
            s.execute("INSERT INTO scope_value (scope_key, shard, figure, value) VALUES "
                    + "('national:VN', 1001, 'zones.total', 1), ('national:VN', 1001, 'period:QUARTER|2025|1|reports', 1),"
                    + "('national:VN', 3000, 'period:QUARTER|2025|1|reports', 1), ('national:VN', 3000, 'period:QUARTER|2025|1|revenue', 10.50),"
                    + "('national:VN', 3000, 'period:QUARTER|2025|1|revenueN', 2), ('national:VN', 3000, 'period:QUARTER|2025|1|future', 7)");
        }
        Flyway.configure().dataSource(target, "postgres", "postgres").locations("classpath:db/migration").load().migrate();

        try (Connection c = DriverManager.getConnection(target, "postgres", "postgres")) {
            Map<String, Sums> read = ScopeRows.read(c, java.util.List.of("zone:" + zone, "national:VN"));
            assertEquals(Map.of("zones.total", "1", "period:QUARTER|2025|1|reports", "2", "period:QUARTER|2025|1|revenue", "10.5",
                    "period:QUARTER|2025|1|revenueN", "2", "periodEnd:QUARTER|2025|1|2025-03-31", "1"), plain(read.get("zone:" + zone)));
            assertEquals(Map.of("zones.total", "1", "period:QUARTER|2025|1|reports", "2", "period:QUARTER|2025|1|revenue", "10.5",
                    "period:QUARTER|2025|1|revenueN", "2", "period:QUARTER|2025|1|future", "7"), plain(read.get("national:VN")));
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM scope_value WHERE figure LIKE 'period:%' AND figure NOT LIKE '%|future'")) {
                rs.next();
                assertEquals(0, rs.getInt(1), "every known period figure moved to scope_period");
            }
        }
    }

    private static Map<String, String> plain(Sums sums) {
        Map<String, String> out = new TreeMap<>();
        sums.asMap().forEach((k, v) -> out.put(k, v.stripTrailingZeros().toPlainString()));
        return out;
    }

    @Test
    void onlyThePeriodsTwelveFiguresShareARow() {
        assertEquals(0, ScopeRows.member("period:QUARTER|2025|1|reports"));
        assertEquals(11, ScopeRows.member("period:YEAR|2025|-|zones"));
        assertEquals(-1, ScopeRows.member("period:QUARTER|2025|1|future"));
        assertEquals(-1, ScopeRows.member("periodEnd:QUARTER|2025|1|2025-03-31"));
        assertEquals(-1, ScopeRows.member("zones.total"));
    }
}
