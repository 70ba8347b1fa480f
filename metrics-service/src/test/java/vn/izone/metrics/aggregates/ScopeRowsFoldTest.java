package vn.izone.metrics.aggregates;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import vn.izone.metrics.support.MetricsTestServers;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One fold writes the deltas of several shards (a zone's own rows and the rows above it, in one statement each for
 * figures and periods): each lands on its own shard, a scope reads as the sum of its shards, and a row that comes back
 * to zero is deleted on its shard only.
 */
@QuarkusTest
@QuarkusTestResource(MetricsTestServers.class)
class ScopeRowsFoldTest {
    @Inject
    DataSource dataSource;

    @Test
    void oneFoldOfSeveralShardsLandsEachOnItsShardAndDeletesWhatCameBackToZero() throws SQLException {
        String zone = "zone:" + UUID.randomUUID();
        String above = "national:T" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            ScopeRows.fold(c, List.of(
                    new ScopeRows.ShardDeltas(Aggregates.ZONE_SHARD, Map.of(zone, sums("zones.total", 1, "status:OPERATING", 1,
                            "period:QUARTER|2025|1|reports", 2))),
                    new ScopeRows.ShardDeltas(7, Map.of(above, sums("zones.total", 1, "period:QUARTER|2025|1|reports", 2))),
                    new ScopeRows.ShardDeltas(9, Map.of(above, sums("zones.total", 3)))));
            c.commit();

            assertEquals(Map.of("zones.total", "1", "status:OPERATING", "1", "period:QUARTER|2025|1|reports", "2"),
                    plain(ScopeRows.read(c, List.of(zone), true).get(zone)), "a zone's rows, read without grouping");
            assertEquals(Map.of("zones.total", "4", "period:QUARTER|2025|1|reports", "2"),
                    plain(ScopeRows.read(c, List.of(above, zone), true).get(above)), "a scope above zones: its shards summed");

            ScopeRows.fold(c, List.of(
                    new ScopeRows.ShardDeltas(Aggregates.ZONE_SHARD, Map.of(zone, sums("zones.total", -1, "period:QUARTER|2025|1|reports", -2))),
                    new ScopeRows.ShardDeltas(7, Map.of(above, sums("zones.total", -1)))));
            c.commit();

            assertEquals(Map.of("status:OPERATING", "1"), plain(ScopeRows.read(c, List.of(zone), true).get(zone)));
            assertEquals(Map.of("zones.total", "3", "period:QUARTER|2025|1|reports", "2"),
                    plain(ScopeRows.read(c, List.of(above), true).get(above)));
            assertEquals(List.of("status:OPERATING|0"), rows(c, "SELECT figure || '|' || shard FROM scope_value WHERE scope_key = ? ORDER BY 1", zone));
            assertEquals(List.of(), rows(c, "SELECT period FROM scope_period WHERE scope_key = ?", zone), "a period back to zero is deleted");
            assertEquals(List.of("zones.total|9"), rows(c, "SELECT figure || '|' || shard FROM scope_value WHERE scope_key = ? ORDER BY 1", above),
                    "the zero on shard 7 is deleted, shard 9's row stays");
            c.commit();
        } finally {
            forget(zone, above); // rows of no zone and no scope the register has: the referee of other tests would see them
        }
    }

    private void forget(String... keys) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            for (String table : List.of("scope_value", "scope_period")) {
                try (PreparedStatement d = c.prepareStatement("DELETE FROM " + table + " WHERE scope_key = ANY(?)")) {
                    d.setArray(1, c.createArrayOf("text", keys));
                    d.executeUpdate();
                }
            }
        }
    }

    private static Sums sums(Object... figuresAndValues) {
        Sums s = Sums.empty();
        for (int i = 0; i < figuresAndValues.length; i += 2) {
            s.add((String) figuresAndValues[i], ((Integer) figuresAndValues[i + 1]).longValue());
        }
        return s;
    }

    private static Map<String, String> plain(Sums sums) {
        Map<String, String> out = new TreeMap<>();
        sums.asMap().forEach((k, v) -> out.put(k, v.stripTrailingZeros().toPlainString()));
        return out;
    }

    private static List<String> rows(Connection c, String sql, String key) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(sql)) {
            q.setString(1, key);
            try (ResultSet rs = q.executeQuery()) {
                List<String> out = new java.util.ArrayList<>();
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
                return out;
            }
        }
    }
}
