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
                          String postgresPassword, String externalKafka) {

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
                env.getOrDefault("IZONE_POSTGRES_PASSWORD", "postgres"), env.get("IZONE_KAFKA_BOOTSTRAP"));
    }

    /** Tests: throw-away servers and free ports. */
    public static SuiteConfig forTests(Path root, Path dataDirectory) {
        return new SuiteConfig(root, dataDirectory, 0, 0, 0, 0, 0, null, "postgres", "postgres", null);
    }
}
