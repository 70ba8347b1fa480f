package vn.izone.suite;

import vn.izone.servers.EmbeddedServers;
import vn.izone.servers.FreePort;
import vn.izone.servers.KafkaServer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The whole suite on one machine: PostgreSQL and Kafka (embedded, or external through {@link SuiteConfig}),
 * then registry-, metrics- and reporting-service as processes wired to them. Closing it stops everything.
 */
public final class Suite implements AutoCloseable {
    public static final String REGISTRY = "registry-service";
    public static final String METRICS = "metrics-service";
    public static final String REPORTING = "reporting-service";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

    private final EmbeddedServers servers;
    private final String jdbcBase;
    private final String kafka;
    private final Map<String, ServiceProcess> services = new HashMap<>();
    private final SuiteConfig config;
    private Tokens tokens;

    private Suite(SuiteConfig config, EmbeddedServers servers, String jdbcBase, String kafka) {
        this.config = config;
        this.servers = servers;
        this.jdbcBase = jdbcBase;
        this.kafka = kafka;
    }

    public static Suite start(SuiteConfig config, java.util.function.Consumer<String> progress) {
        EmbeddedServers servers = null;
        String jdbcBase = config.externalPostgresUrl();
        String kafka = config.externalKafka();
        if (jdbcBase == null || kafka == null) {
            progress.accept("starting PostgreSQL and Kafka (embedded, data in " + config.dataDirectory() + ")");
            servers = EmbeddedServers.start(config.dataDirectory(), config.postgresPort(), config.kafkaPort());
            if (jdbcBase == null) {
                jdbcBase = "jdbc:postgresql://127.0.0.1:" + servers.postgres().port();
            }
            if (kafka == null) {
                kafka = servers.bootstrapServers();
            }
        }
        Suite suite = new Suite(config, servers, stripSlash(jdbcBase), kafka);
        try {
            suite.startServices(progress);
            return suite;
        } catch (RuntimeException e) {
            suite.close();
            throw e;
        }
    }

    private void startServices(java.util.function.Consumer<String> progress) {
        for (String db : List.of("registry", "metrics", "reporting")) {
            ensureDatabase(db);
        }
        int registryPort = FreePort.orPick(config.registryPort());
        int metricsPort = FreePort.orPick(config.metricsPort());
        int reportingPort = FreePort.orPick(config.reportingPort());
        tokens = Tokens.in(config.dataDirectory().resolve("keys"));
        progress.accept("starting the services");
        services.put(REGISTRY, ServiceProcess.start(config.root(), REGISTRY, registryPort, env("registry",
                Map.of("IZONE_JWT_PUBLIC_KEY_LOCATION", tokens.publicKeyFile().toUri().toString())), logs()));
        services.put(METRICS, ServiceProcess.start(config.root(), METRICS, metricsPort,
                env("metrics", Map.of("IZONE_REGISTRY_URL", "http://127.0.0.1:" + registryPort)), logs()));
        services.put(REPORTING, ServiceProcess.start(config.root(), REPORTING, reportingPort,
                env("reporting", Map.of("IZONE_METRICS_URL", "http://127.0.0.1:" + metricsPort,
                        "IZONE_REGISTRY_URL", "http://127.0.0.1:" + registryPort)), logs()));
        List<CompletableFuture<Void>> ready = new ArrayList<>();
        for (ServiceProcess s : services.values()) {
            ready.add(CompletableFuture.runAsync(() -> {
                s.awaitReady(READY_TIMEOUT);
                progress.accept(s.name() + " ready at " + s.url());
            }));
        }
        CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new)).join();
    }

    private java.nio.file.Path logs() {
        return config.dataDirectory().resolve("logs");
    }

    private Map<String, String> env(String database, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(extra);
        env.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcBase + "/" + database);
        env.put("QUARKUS_DATASOURCE_USERNAME", config.postgresUser());
        env.put("QUARKUS_DATASOURCE_PASSWORD", config.postgresPassword());
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka);
        return env;
    }

    private void ensureDatabase(String database) {
        if (servers != null && config.externalPostgresUrl() == null) {
            servers.ensureDatabase(database);
            return;
        }
        try (Connection c = DriverManager.getConnection(jdbcBase + "/postgres", config.postgresUser(), config.postgresPassword());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
            if (!rs.next()) {
                s.execute("CREATE DATABASE " + database);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not reach or prepare database " + database + " at " + jdbcBase
                    + " (create it yourself if this user may not): " + e.getMessage(), e);
        }
    }

    /** The local issuer whose tokens the registry accepts (registrar, department, board, integrator). */
    public Tokens tokens() {
        return tokens;
    }

    public ServiceProcess service(String name) {
        return services.get(name);
    }

    public String url(String service) {
        return services.get(service).url();
    }

    /** The embedded broker, for fault drills; null when Kafka is external. */
    public KafkaServer kafka() {
        return servers == null || config.externalKafka() != null ? null : servers.kafka();
    }

    public String bootstrapServers() {
        return kafka;
    }

    @Override
    public void close() {
        List<CompletableFuture<Void>> stopping = new ArrayList<>();
        services.values().forEach(s -> stopping.add(CompletableFuture.runAsync(s::close)));
        CompletableFuture.allOf(stopping.toArray(CompletableFuture[]::new)).join();
        if (servers != null) {
            servers.close();
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
