package vn.izone.servers;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue #18: a base backup taken while the server works, and a restore to an instant between two commits. */
class BackupsTest {

    @Test
    void restoresToAnInstantBetweenTwoCommitsOnANewServer(@TempDir Path folder) throws Exception {
        Path archive = folder.resolve("wal");
        try (PostgresServer server = PostgresServer.start(folder.resolve("data"), 0, archive)) {
            server.ensureDatabase("kept");
            sql(server, "CREATE TABLE t (v text)", "INSERT INTO t VALUES ('before the backup')");
            Backups.BaseBackup backup = Backups.baseBackup(server, folder.resolve("base"));
            assertTrue(backup.bytes() > 1_000_000, "a base backup holds the cluster: " + backup);
            assertTrue(Files.exists(backup.directory().resolve("backup_label")));
            sql(server, "INSERT INTO t VALUES ('after the backup')");
            Thread.sleep(50);
            Instant target = Instant.now();
            Thread.sleep(50);
            sql(server, "DELETE FROM t");
            Backups.switchWal(server);

            Backups.Restored restored = Backups.restore(backup.directory(), archive, target, folder.resolve("restored"), 0, null);
            try (PostgresServer again = restored.server()) {
                assertEquals(List.of("before the backup", "after the backup"), values(again));
                sql(again, "INSERT INTO t VALUES ('on the new timeline')"); // promoted: it takes writes
                assertEquals(3, values(again).size());
            }
            assertEquals(List.of(), values(server), "the original keeps its own history");
        }
    }

    private static void sql(PostgresServer server, String... statements) throws Exception {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl("kept"), PostgresServer.USER, PostgresServer.PASSWORD);
             Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    private static List<String> values(PostgresServer server) throws Exception {
        List<String> values = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(server.jdbcUrl("kept"), PostgresServer.USER, PostgresServer.PASSWORD);
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT v FROM t ORDER BY ctid")) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
