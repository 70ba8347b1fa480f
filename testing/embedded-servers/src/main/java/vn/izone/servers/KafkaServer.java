package vn.izone.servers;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one) running in a child JVM, built from
 * the {@code org.apache.kafka:kafka_2.13} artifact. Stopping, killing and restarting it is what the fault
 * drills need, so those are first-class here.
 */
public final class KafkaServer implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Path directory;
    private final boolean temporary;
    private final int port;
    private final int controllerPort;
    private Process process;

    private KafkaServer(Path directory, boolean temporary, int port, int controllerPort) {
        this.directory = directory;
        this.temporary = temporary;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    /**
     * @param dataDirectory where the logs live (kept across restarts), or null for a throw-away one
     * @param port          the client port, or 0 for a free one
     */
    public static KafkaServer start(Path dataDirectory, int port) {
        try {
            boolean temporary = dataDirectory == null;
            Path dir = temporary ? Files.createTempDirectory("izone-kafka") : dataDirectory;
            Files.createDirectories(dir);
            KafkaServer server = new KafkaServer(dir, temporary, FreePort.orPick(port), controllerPort(dir));
            server.startProcess();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Kafka did not start", e);
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Stops the broker the polite way (SIGTERM, controlled shutdown). */
    public void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** Kills the broker like a power cut (SIGKILL). */
    public void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** Starts the broker again on the same port and data after {@link #stop()} or {@link #kill()}. */
    public void restart() {
        stop();
        try {
            startProcess();
        } catch (IOException e) {
            throw new UncheckedIOException("Kafka did not restart", e);
        }
    }

    @Override
    public void close() {
        stop();
        if (temporary) {
            deleteRecursively(directory);
        }
    }

    private void startProcess() throws IOException {
        Path logDir = directory.resolve("kraft-logs");
        Path properties = directory.resolve("server.properties");
        writeProperties(properties, logDir);
        Path clusterIdFile = directory.resolve("cluster.id");
        if (!Files.exists(clusterIdFile)) {
            Files.writeString(clusterIdFile, Uuid.randomUuid().toString());
        }
        List<String> command = new ArrayList<>(List.of(
                javaExecutable(), "-Xms128m", "-Xmx768m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Djava.awt.headless=true", "-Dkafka.logs.dir=" + directory.resolve("logs"),
                "-cp", classpath(), KafkaBrokerMain.class.getName(),
                properties.toString(), logDir.toString(), Files.readString(clusterIdFile).trim()));
        Path out = directory.resolve("broker.out");
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()))
                .start();
        awaitReady(out);
    }

    private void writeProperties(Path file, Path logDir) throws IOException {
        Properties p = new Properties();
        p.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", "1"),
                Map.entry("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort),
                Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
                Map.entry("log.dirs", logDir.toString()),
                Map.entry("num.partitions", "3"),
                Map.entry("auto.create.topics.enable", "true"),
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("offsets.topic.num.partitions", "3"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.num.partitions", "3"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                Map.entry("share.coordinator.state.topic.min.isr", "1"),
                Map.entry("group.initial.rebalance.delay.ms", "0")));
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(w, "izone single-node KRaft broker");
        }
    }

    private void awaitReady(Path out) {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Kafka broker exited with " + process.exitValue() + "; see " + out);
            }
            if (!listening()) {
                sleep(250);
                continue;
            }
            try (Admin admin = Admin.create(config)) {
                if (!admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty()) {
                    return;
                }
            } catch (Exception notYet) {
                sleep(250);
            }
        }
        throw new IllegalStateException("Kafka broker not ready after " + START_TIMEOUT + "; see " + out);
    }

    private boolean listening() {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** KRaft records the controller's endpoint in its log, so a kept data folder keeps its port. */
    private static int controllerPort(Path dir) throws IOException {
        Path file = dir.resolve("controller.port");
        if (Files.exists(file)) {
            return Integer.parseInt(Files.readString(file).trim());
        }
        int port = FreePort.pick();
        Files.writeString(file, Integer.toString(port));
        return port;
    }

    /** The broker's classpath, written when this module was built, plus this module's own classes. */
    static String classpath() throws IOException {
        String brokerClasspath;
        try (InputStream in = KafkaServer.class.getResourceAsStream("kafka-broker.classpath")) {
            if (in == null) {
                throw new IllegalStateException("kafka-broker.classpath missing: build testing/embedded-servers with Maven");
            }
            brokerClasspath = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
        try {
            Path self = Path.of(KafkaServer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return self + java.io.File.pathSeparator + brokerClasspath;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void deleteRecursively(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind is not worth failing a run for
        }
    }
}
