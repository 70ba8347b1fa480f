package vn.izone.suite;

import vn.izone.servers.EmbeddedServers;
import vn.izone.servers.FreePort;
import vn.izone.servers.KafkaServer;
import vn.izone.servers.PostgresServer;

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
    /** How each service (and each extra instance) was started, so that a drill can start it again alike. */
    private final Map<String, Launch> launches = new java.util.concurrent.ConcurrentHashMap<>();
    /** Extra instances (scale-out), by instance name. */
    private final Map<String, ServiceProcess> extras = new java.util.concurrent.ConcurrentHashMap<>();

    /** The service's name, port and environment: enough to start it again the same way. */
    private record Launch(String service, int port, Map<String, String> env, java.nio.file.Path logDir) {
    }

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
            servers = EmbeddedServers.start(config.dataDirectory(), config.postgresPort(), config.kafkaPort(), config.walArchive());
            if (config.walArchive() != null) {
                progress.accept("PostgreSQL archives its WAL into " + config.walArchive());
            }
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
        launches.put(REGISTRY, new Launch(REGISTRY, registryPort, env("registry",
                Map.of("IZONE_JWT_PUBLIC_KEY_LOCATION", tokens.publicKeyFile().toUri().toString())), logs()));
        String publicKey = tokens.publicKeyFile().toUri().toString();
        launches.put(METRICS, new Launch(METRICS, metricsPort,
                env("metrics", Map.of("IZONE_REGISTRY_URL", "http://127.0.0.1:" + registryPort,
                        "IZONE_JWT_PUBLIC_KEY_LOCATION", publicKey)), logs()));
        launches.put(REPORTING, new Launch(REPORTING, reportingPort,
                env("reporting", Map.of("IZONE_METRICS_URL", "http://127.0.0.1:" + metricsPort,
                        "IZONE_REGISTRY_URL", "http://127.0.0.1:" + registryPort, "IZONE_JWT_PUBLIC_KEY_LOCATION", publicKey)), logs()));
        for (String name : List.of(REGISTRY, METRICS, REPORTING)) {
            services.put(name, launch(launches.get(name)));
        }
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

    /** The local issuer whose tokens the services accept (registrar, department, board, integrator, finance, operator). */
    public Tokens tokens() {
        return tokens;
    }

    public ServiceProcess service(String name) {
        return services.get(name);
    }

    private ServiceProcess launch(Launch launch) {
        return ServiceProcess.start(config.root(), launch.service(), launch.port(), launch.env(), launch.logDir());
    }

    /**
     * Fault drills: SIGKILLs the service (no shutdown hooks, like a crash) and returns at once; start it again
     * with {@link #startAgain(String)}. Also takes an extra instance's name.
     */
    public void kill(String name) {
        ServiceProcess process = instance(name);
        if (process != null) {
            process.kill();
        }
    }

    /**
     * Starts the service (or extra instance) again on the same port with the same environment, after
     * {@link #kill(String)} or {@link #stop(String)}; stops it first if it still runs. Waits until ready.
     */
    public ServiceProcess startAgain(String name) {
        Launch launch = launches.get(name);
        if (launch == null) {
            throw new IllegalArgumentException("no service or instance named " + name);
        }
        ServiceProcess old = instance(name);
        if (old != null) {
            old.close();
        }
        ServiceProcess process = launch(launch);
        if (services.containsKey(name)) {
            services.put(name, process);
        } else {
            extras.put(name, process);
        }
        process.awaitReady(READY_TIMEOUT);
        return process;
    }

    /**
     * Starts the service again on the same port with some of its environment replaced (e.g. its database after a
     * restore, issue #18): what {@link #startAgain(String)} does from then on. Waits until ready.
     */
    public ServiceProcess startAgain(String name, Map<String, String> envOverrides) {
        Launch launch = launches.get(name);
        if (launch == null) {
            throw new IllegalArgumentException("no service or instance named " + name);
        }
        Map<String, String> env = new HashMap<>(launch.env());
        env.putAll(envOverrides);
        launches.put(name, new Launch(launch.service(), launch.port(), Map.copyOf(env), launch.logDir()));
        return startAgain(name);
    }

    /** Graceful stop (SIGTERM) of a service or extra instance. */
    public void stop(String name) {
        ServiceProcess process = instance(name);
        if (process != null) {
            process.close();
        }
    }

    /**
     * Scale-out: starts another instance of {@code service} on a free port with the same database, Kafka and
     * environment (so, for metrics-service, the same consumer group), logging to logs/{instanceName}/.
     * Waits until it is ready. Closing the suite stops it too.
     */
    public ServiceProcess startInstance(String service, String instanceName) {
        return startInstance(service, instanceName, Map.of());
    }

    /** Like {@link #startInstance(String, String)}, with extra or overriding environment variables. */
    public ServiceProcess startInstance(String service, String instanceName, Map<String, String> extraEnv) {
        Launch original = launches.get(service);
        if (original == null || !services.containsKey(service)) {
            throw new IllegalArgumentException("not a service of the suite: " + service);
        }
        if (launches.containsKey(instanceName)) {
            throw new IllegalArgumentException("instance already exists: " + instanceName);
        }
        Map<String, String> env = new HashMap<>(original.env());
        env.putAll(extraEnv);
        Launch launch = new Launch(service, FreePort.pick(), Map.copyOf(env), logs().resolve(instanceName));
        launches.put(instanceName, launch);
        ServiceProcess process = launch(launch);
        extras.put(instanceName, process);
        process.awaitReady(READY_TIMEOUT);
        return process;
    }

    /** A service or an extra instance by name, or null. */
    public ServiceProcess instance(String name) {
        ServiceProcess process = services.get(name);
        return process != null ? process : extras.get(name);
    }

    /** JDBC URL of one of the suite's databases (registry, metrics, reporting), for checks and benchmarks. */
    public String jdbcUrl(String database) {
        return jdbcBase + "/" + database;
    }

    public String postgresUser() {
        return config.postgresUser();
    }

    public String postgresPassword() {
        return config.postgresPassword();
    }

    public String url(String service) {
        return services.get(service).url();
    }

    /** The embedded broker, for fault drills; null when Kafka is external. */
    public KafkaServer kafka() {
        return servers == null || config.externalKafka() != null ? null : servers.kafka();
    }

    /** The embedded PostgreSQL server, for fault drills; null when PostgreSQL is external. */
    public PostgresServer postgres() {
        return servers == null || config.externalPostgresUrl() != null ? null : servers.postgres();
    }

    public String bootstrapServers() {
        return kafka;
    }

    @Override
    public void close() {
        List<CompletableFuture<Void>> stopping = new ArrayList<>();
        services.values().forEach(s -> stopping.add(CompletableFuture.runAsync(s::close)));
        extras.values().forEach(s -> stopping.add(CompletableFuture.runAsync(s::close)));
        CompletableFuture.allOf(stopping.toArray(CompletableFuture[]::new)).join();
        if (servers != null) {
            servers.close();
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
