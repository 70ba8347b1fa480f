package vn.izone.servers;

/**
 * The PostgreSQL server and Kafka broker a run or a test talks to. Two kinds exist: {@link EmbeddedServers}
 * (real servers started here, no Docker: the default) and {@link ContainerServers} (Testcontainers, where a
 * Docker engine is reachable).
 */
public interface Servers extends AutoCloseable {
    /** System property that picks the kind: {@code embedded} (default) or {@code testcontainers}. */
    String KIND_PROPERTY = "izone.servers";

    String jdbcUrl(String database);

    String username();

    String password();

    /** Creates the database unless it exists. */
    void ensureDatabase(String database);

    String bootstrapServers();

    /** Null where the broker cannot be driven from here (containers). */
    default KafkaServer kafka() {
        return null;
    }

    @Override
    void close();

    /** Starts throw-away servers of the kind the system property selects. */
    static Servers startForTests() {
        String kind = System.getProperty(KIND_PROPERTY, System.getenv().getOrDefault("IZONE_SERVERS", "embedded"));
        return switch (kind) {
            case "embedded" -> EmbeddedServers.start(null, 0, 0);
            case "testcontainers" -> ContainerServers.start();
            default -> throw new IllegalArgumentException(KIND_PROPERTY + " must be embedded or testcontainers, not " + kind);
        };
    }
}
