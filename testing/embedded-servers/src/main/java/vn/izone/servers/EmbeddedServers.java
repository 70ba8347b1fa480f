package vn.izone.servers;

import java.nio.file.Path;

/** Real PostgreSQL and Kafka started on this machine without Docker. */
public final class EmbeddedServers implements Servers {
    private final PostgresServer postgres;
    private final KafkaServer kafka;

    private EmbeddedServers(PostgresServer postgres, KafkaServer kafka) {
        this.postgres = postgres;
        this.kafka = kafka;
    }

    /**
     * @param dataDirectory a folder that keeps both servers' data across restarts, or null for throw-away
     * @param postgresPort  0 for a free port
     * @param kafkaPort     0 for a free port
     */
    public static EmbeddedServers start(Path dataDirectory, int postgresPort, int kafkaPort) {
        return start(dataDirectory, postgresPort, kafkaPort, null);
    }

    /** Like {@link #start(Path, int, int)}, PostgreSQL archiving its WAL into {@code walArchive} unless it is null. */
    public static EmbeddedServers start(Path dataDirectory, int postgresPort, int kafkaPort, Path walArchive) {
        PostgresServer postgres = PostgresServer.start(dataDirectory == null ? null : dataDirectory.resolve("postgres"), postgresPort, walArchive);
        try {
            KafkaServer kafka = KafkaServer.start(dataDirectory == null ? null : dataDirectory.resolve("kafka"), kafkaPort);
            return new EmbeddedServers(postgres, kafka);
        } catch (RuntimeException e) {
            postgres.close();
            throw e;
        }
    }

    public PostgresServer postgres() {
        return postgres;
    }

    @Override
    public KafkaServer kafka() {
        return kafka;
    }

    @Override
    public String jdbcUrl(String database) {
        return postgres.jdbcUrl(database);
    }

    @Override
    public String username() {
        return PostgresServer.USER;
    }

    @Override
    public String password() {
        return PostgresServer.PASSWORD;
    }

    @Override
    public void ensureDatabase(String database) {
        postgres.ensureDatabase(database);
    }

    @Override
    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    @Override
    public void close() {
        try {
            kafka.close();
        } finally {
            postgres.close();
        }
    }
}
