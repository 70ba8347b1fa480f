package vn.izone.suite;

import java.nio.file.Path;
import java.util.Map;

/**
 * How the suite runs. Defaults: embedded real servers keeping their data under {@code dataDirectory}.
 * Environment variables point it at existing servers instead (see README "Run against your own servers"):
 * IZONE_POSTGRES_URL (jdbc:postgresql://host:port, one database per service is created there),
 * IZONE_POSTGRES_USER, IZONE_POSTGRES_PASSWORD, IZONE_KAFKA_BOOTSTRAP (host:port).
 */
public record SuiteConfig(Path root, Path dataDirectory, int postgresPort, int kafkaPort, int registryPort,
                          int metricsPort, int reportingPort, String externalPostgresUrl, String postgresUser,
                          String postgresPassword, String externalKafka, Path walArchive) {

    /** The local run: fixed, documented ports and a kept data folder. */
    public static SuiteConfig localRun(Path root, Map<String, String> env) {
        return new SuiteConfig(root,
                Path.of(env.getOrDefault("IZONE_DATA", root.resolve("deploy/data").toString())),
                Integer.parseInt(env.getOrDefault("IZONE_POSTGRES_PORT", "15432")),
                Integer.parseInt(env.getOrDefault("IZONE_KAFKA_PORT", "19092")),
                Integer.parseInt(env.getOrDefault("IZONE_REGISTRY_PORT", "8081")),
                Integer.parseInt(env.getOrDefault("IZONE_METRICS_PORT", "8082")),
                Integer.parseInt(env.getOrDefault("IZONE_REPORTING_PORT", "8083")),
                env.get("IZONE_POSTGRES_URL"), env.getOrDefault("IZONE_POSTGRES_USER", "postgres"),
                env.getOrDefault("IZONE_POSTGRES_PASSWORD", "postgres"), env.get("IZONE_KAFKA_BOOTSTRAP"),
                walArchive(root, env));
    }

    /**
     * Continuous archiving of the embedded PostgreSQL's WAL (issue #18): off unless IZONE_BACKUP=on; the archive is
     * IZONE_BACKUP_DIR/wal (default: the data folder's backup/wal). Base backups go beside it (deploy/backup-local.sh).
     */
    static Path walArchive(Path root, Map<String, String> env) {
        if (!"on".equalsIgnoreCase(env.getOrDefault("IZONE_BACKUP", "off")) && !"true".equalsIgnoreCase(env.getOrDefault("IZONE_BACKUP", "off"))) {
            return null;
        }
        return backupDirectory(root, env).resolve("wal");
    }

    /** Where the local run's backups live: IZONE_BACKUP_DIR, or backup/ in the data folder. */
    public static Path backupDirectory(Path root, Map<String, String> env) {
        Path data = Path.of(env.getOrDefault("IZONE_DATA", root.resolve("deploy/data").toString()));
        return Path.of(env.getOrDefault("IZONE_BACKUP_DIR", data.resolve("backup").toString()));
    }

    /** The same run with the embedded PostgreSQL archiving its WAL into {@code archive}. */
    public SuiteConfig withWalArchive(Path archive) {
        return new SuiteConfig(root, dataDirectory, postgresPort, kafkaPort, registryPort, metricsPort, reportingPort,
                externalPostgresUrl, postgresUser, postgresPassword, externalKafka, archive);
    }

    /** Tests: throw-away servers and free ports. */
    public static SuiteConfig forTests(Path root, Path dataDirectory) {
        return new SuiteConfig(root, dataDirectory, 0, 0, 0, 0, 0, null, "postgres", "postgres", null, null);
    }
}
