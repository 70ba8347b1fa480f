package vn.izone.servers;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Quarkus test resource giving a service a real PostgreSQL database of its own and a real Kafka broker.
 * Use with {@code @QuarkusTestResource(value = IzoneServersResource.class, initArgs = @ResourceArg(name = "database", value = "registry"))}.
 */
public class IzoneServersResource implements QuarkusTestResourceLifecycleManager {
    private String databasePrefix = "izone";

    @Override
    public void init(Map<String, String> initArgs) {
        databasePrefix = initArgs.getOrDefault("database", databasePrefix);
    }

    @Override
    public Map<String, String> start() {
        Servers servers = TestServers.get();
        String database = TestServers.freshDatabase(databasePrefix);
        return Map.of(
                "quarkus.datasource.jdbc.url", servers.jdbcUrl(database),
                "quarkus.datasource.username", servers.username(),
                "quarkus.datasource.password", servers.password(),
                "kafka.bootstrap.servers", servers.bootstrapServers(),
                "quarkus.devservices.enabled", "false");
    }

    @Override
    public void stop() {
        // the servers outlive one application: TestServers stops them when the JVM exits
    }
}
