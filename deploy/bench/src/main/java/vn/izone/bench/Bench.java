package vn.izone.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import vn.izone.suite.BoardConvergence;
import vn.izone.suite.Suite;
import vn.izone.suite.SuiteConfig;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The suite's load benchmark (deploy/bench/run.sh). Starts the whole suite on this machine (embedded PostgreSQL
 * and Kafka, the three services as processes), loads a generated dataset through the registry's public API and
 * measures each figure beside a raw limit of the same machine measured in the same run:
 * <ul>
 *   <li>registry write throughput vs a plain JDBC single-row insert loop on the same PostgreSQL, same threads;</li>
 *   <li>metrics consumption rate (backlog catch-up) vs a plain KafkaConsumer reading the same topics;</li>
 *   <li>end-to-end freshness: registry 2xx to the figure visible in reporting's zone rollup;</li>
 *   <li>reporting national rollup latency under concurrent readers vs /q/health/live of the same service;</li>
 *   <li>RSS of each service.</li>
 * </ul>
 * Every loop is bounded in count and in time; all traffic is on loopback.
 *//**
 * The suite's load benchmark (deploy/bench/run.sh). Starts the whole suite on this machine (embedded PostgreSQL
 * and Kafka, the three services as processes), loads a generated register through the registry's public API and
 * measures each figure beside a raw limit of the same machine measured in the same run:
 * <ol>
 *   <li>registry single writes vs a plain JDBC single-row insert loop on the same PostgreSQL, same threads; the
 *       batch endpoint's records/s and the outbox relay's events/s beside it;</li>
 *   <li>end-to-end freshness (registry 2xx to the figure in reporting's zone rollup) at a steady 200 and
 *       1,000 changes/s offered, open loop;</li>
 *   <li>metrics consumption rate (backlog catch-up) vs a plain KafkaConsumer reading the same topics;</li>
 *   <li>reporting national rollup latency under concurrent readers vs /q/health/live of the same service;</li>
 *   <li>metrics' full rebuild (replay of the whole history), events/s;</li>
 *   <li>RSS of each service at rest, under load (peak sampled) and at the end.</li>
 * </ol>
 * Every loop is bounded in count and in time (a slow metrics is reported, not waited for forever); all traffic is
 * on loopback.
 */
public final class Bench {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Writes need a token: the suite's own issuer signs a registrar's. */
    static volatile String bearer;
    /** metrics' rebuild takes an operator's token. */
    static volatile String operatorBearer;
    static final List<String> TOPICS = List.of("izone.registry.zones.v1", "izone.registry.projects.v1", "izone.registry.reports.v1");
    static final List<String> SERVICES = List.of(Suite.REGISTRY, Suite.METRICS, Suite.REPORTING);

    /**
     * @param singleWrites projects registered one by one (measure 1) before the rest goes through the batch endpoint
     * @param steady       how long each freshness rate is offered
     * @param waitFor      bound of each wait on metrics (catch-up, rebuild)
     */
    record Scale(String name, int zones, int projects, int reportYears, int writers, int singleWrites, Duration steady,
                 int readers, Duration readFor, Duration waitFor) {
        static Scale of(String name) {
            return switch (name) {
                case "small" -> new Scale("small", 300, 3_000, 2, 8, 1_500, Duration.ofSeconds(15), 16, Duration.ofSeconds(15), Duration.ofMinutes(5));
                case "national" -> new Scale("national", 3_000, 100_000, 5, 8, 3_000, Duration.ofSeconds(20), 32, Duration.ofSeconds(20), Duration.ofMinutes(4));
                default -> throw new IllegalArgumentException("--scale small|national, not " + name);
            };
        }
    }

    /** A project the bench can update: its zone, and its revision and workers as last accepted. */
    static final class Tracked {
        final String id;
        final String zoneId;
        final ObjectNode body;
        volatile long revision;

        Tracked(String id, String zoneId, ObjectNode body, long revision) {
            this.id = id;
            this.zoneId = zoneId;
            this.body = body;
            this.revision = revision;
        }

        boolean active() {
            String status = body.path("status").asText();
            return !status.equals("SUSPENDED") && !status.equals("REVOKED");
        }
    }

    private final Scale scale;
    private final Suite suite;
    private final Path root;
    private final Map<String, Object> results = new LinkedHashMap<>();
    private final List<String[]> table = new ArrayList<>();
    /** What PostgreSQL spent each phase on (pg_stat_statements), printed after the table. */
    private final List<String> profiles = new ArrayList<>();
    private final List<Tracked> projects = java.util.Collections.synchronizedList(new ArrayList<>());
    private final RssSampler rss;

    private Bench(Scale scale, Suite suite, Path root) {
        this.scale = scale;
        this.suite = suite;
        this.root = root;
        this.rss = new RssSampler(suite);
        bearer = suite.tokens().registrar("bench@suite");
        operatorBearer = suite.tokens().operator("bench-operator@suite");
    }

    public static void main(String[] args) throws Exception {
        String scaleName = "small";
        Path out = Path.of("deploy/bench/results");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--scale" -> scaleName = args[++i];
                case "--out" -> out = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("usage: run.sh [--scale small|national] [--out DIR]");
            }
        }
        Scale scale = Scale.of(scaleName);
        Path root = Path.of(System.getProperty("izone.root", ".")).toAbsolutePath().normalize();
        Path data = Files.createTempDirectory("izone-bench");
        Instant started = Instant.now();
        say("bench: scale " + scale + ", starting the suite (data in " + data + ")");
        try (Suite suite = Suite.start(SuiteConfig.forTests(root, data), line -> say("  " + line))) {
            Bench bench = new Bench(scale, suite, root);
            try {
                bench.run();
            } finally {
                bench.rss.close();
            }
            bench.results.put("totalSeconds", Duration.between(started, Instant.now()).toSeconds());
            bench.results.put("loadAverageAtEnd", loadAverage());
            bench.write(root.resolve(out));
        }
        say("bench: done in " + Duration.between(started, Instant.now()).toSeconds() + " s");
        System.exit(0);
    }

    private void run() throws Exception {
        Dataset dataset = new Dataset(root, scale.zones(), scale.projects(), scale.reportYears());
        results.put("scale", scale.name());
        results.put("zones", scale.zones());
        results.put("projects", dataset.projectCount());
        results.put("reports", dataset.reportCount());
        results.put("places", Map.of("provinces", dataset.places.stream().map(Dataset.Place::province).distinct().count(),
                "formerProvinces", dataset.places.size()));
        results.put("startedAt", Instant.now().toString());
        results.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(),
                "loadAverageAtStart", loadAverage(), "java", System.getProperty("java.version")));

        // 6a. Memory at rest: the three services started, nothing loaded yet.
        Map<String, long[]> atRest = rss.now();
        rss.start();

        // 1. Raw limit: plain JDBC single-row inserts, same PostgreSQL, same number of threads as the writers.
        double jdbc = jdbcInsertRate(scale.writers(), Duration.ofSeconds(10), 200_000);

        // Registry writes through the public API, with metrics stopped so its backlog can be timed later.
        suite.stop(Suite.METRICS);
        Load load = loadDataset(dataset);
        row("Registry single writes (projects/s, " + scale.writers() + " writers, POST with Idempotency-Key, "
                        + scale.singleWrites() + " projects, " + String.format(java.util.Locale.ROOT, "%.1f", load.cpuMsPerSingle())
                        + " ms registry CPU each; zones before them: " + fmt(load.zoneRate()) + "/s)", fmt(load.singleRate()),
                "JDBC single-row insert loop, same PostgreSQL, " + scale.writers() + " threads", fmt(jdbc), ratio(load.singleRate(), jdbc));
        row("Registry batch writes (records/s, " + scale.writers() + " writers, projects/batch + reports/batch, "
                        + fmt(load.itemsPerBatch()) + " items per batch on average, " + String.format(java.util.Locale.ROOT, "%.2f", load.cpuMsPerBatched())
                        + " ms registry CPU each)", fmt(load.batchRate()),
                "JDBC single-row insert loop, same PostgreSQL, " + scale.writers() + " threads", fmt(jdbc), ratio(load.batchRate(), jdbc));
        long events = awaitOutboxDrained(Duration.ofMinutes(10));
        results.put("events", events);
        double relay = relayRate();
        row("Outbox relay (events/s to Kafka, first to last publish of the load; metrics stopped)", fmt(relay),
                "registry writes accepted in the same time (records/s)", fmt(load.overallRate()), ratio(relay, load.overallRate()));

        // 3. Metrics consumption: catch-up of the whole backlog after a start, vs a plain consumer of the same topics.
        double plain = plainConsumerRate(events);
        Statements metricsDb = statements("metrics");
        metricsDb.reset();
        CatchUp catchUp = metricsCatchUp(events);
        profile("Metrics, catch-up of the backlog (applying and publishing)", metricsDb, catchUp.applied(), "event");
        row("Metrics consumption (events/s, catch-up of " + events + " events, applied in PostgreSQL"
                        + (catchUp.complete() ? ")" : "; NOT caught up: " + catchUp.applied() + " applied when the bench stopped waiting after "
                        + scale.waitFor().toSeconds() + " s)"), fmt(catchUp.rate()),
                "plain KafkaConsumer reading the same topics", fmt(plain), ratio(catchUp.rate(), plain));
        row("CPU per applied event during the catch-up (µs): metrics-service / PostgreSQL",
                String.format(java.util.Locale.ROOT, "%.0f / %.0f", catchUp.metricsCpuMicros(), catchUp.postgresCpuMicros()),
                "goal (issue #13)", "50 / 50", "-");

        // 2. Freshness at a steady offered rate, open loop.
        for (int rate : new int[]{200, 1_000}) {
            Statements registryDb = statements("registry");
            registryDb.reset();
            metricsDb.reset();
            Freshness f = freshness(rate, scale.steady());
            long updates = Math.round(f.achieved() * scale.steady().toSeconds());
            profile("Registry, updates at " + fmt(rate) + "/s offered", registryDb, updates, "update");
            profile("Metrics, at " + fmt(rate) + "/s offered (applying and publishing)", metricsDb, updates, "update");
            double[] relayMs = relayLatencyMs();
            results.put("relayLatency" + rate, Map.of("p50Ms", relayMs[0], "p99Ms", relayMs[1]));
            row("Outbox relay, an event's outbox row -> acknowledged by Kafka, p50 / p99 (ms, registry's timer over its last"
                            + " minutes) at " + fmt(rate) + " changes/s offered",
                    String.format(java.util.Locale.ROOT, "%.1f / %.1f", relayMs[0], relayMs[1]), "goal (issue #15)", "20 / 100", "-");
            row("End-to-end freshness p50 / p99 (ms, registry 2xx -> reporting zone rollup) at " + fmt(rate) + " changes/s offered for "
                            + scale.steady().toSeconds() + " s: achieved " + fmt(f.achieved()) + "/s, " + f.probes() + " probes"
                            + (f.notVisible() > 0 ? ", " + f.notVisible() + " not visible within 30 s" : "")
                            + "; backlog after: outbox " + f.outboxBacklog() + ", metrics " + f.metricsBacklog() + " events",
                    f.p50() + " / " + f.p99(), "goal (issue #13)", "150 / 500", "-");
            row("The same through an open SSE stream (ms, registry 2xx -> /api/v1/rollups/live event) at " + fmt(rate) + " changes/s offered: "
                            + f.sseProbes() + " probes" + (f.sseNotSeen() > 0 ? ", " + f.sseNotSeen() + " not seen within 30 s" : ""),
                    f.sseP50() + " / " + f.sseP99(), "goal (issue #13), p99", "500", "-");
        }

        // 4. Reporting national rollup under concurrent readers vs the liveness endpoint of the same service.
        String reporting = suite.url(Suite.REPORTING);
        long[] rollup = readLatency(reporting + "/api/v1/rollups/national", scale.readers(), scale.readFor());
        long[] live = readLatency(reporting + "/q/health/live", scale.readers(), scale.readFor());
        row("Reporting national rollup p50 / p99 (ms, " + scale.readers() + " concurrent readers; " + rollup[2] + " req/s)",
                ms(rollup[0]) + " / " + ms(rollup[1]), "GET /q/health/live, same service, same readers (" + live[2] + " req/s)",
                ms(live[0]) + " / " + ms(live[1]), ratio(rollup[2], live[2]) + " of its req/s");

        // Every figure a board can read equals the register once the bursts settle.
        converged("after the freshness phases");

        // 5. Full rebuild of metrics from the topics.
        long[] cpuBeforeRebuild = {rss.cpuMillis(Suite.METRICS), rss.postgresCpuMillis()};
        metricsDb.reset();
        Rebuilt rebuilt = rebuild();
        profile("Metrics, full rebuild", metricsDb, rebuilt.total(), "event");
        double[] rebuildCpu = cpuPerEvent(cpuBeforeRebuild, rebuilt.total());
        results.put("rebuildCpuMicrosPerEvent", Map.of("metrics", rebuildCpu[0], "postgres", rebuildCpu[1]));
        row("Metrics full rebuild (events/s, replay of " + rebuilt.total() + " events"
                        + (rebuilt.done() ? ", " + rebuilt.seconds() + " s)" : "; NOT finished: " + rebuilt.applied() + " applied in "
                        + rebuilt.seconds() + " s, state " + rebuilt.state() + ")"), fmt(rebuilt.rate()),
                "plain KafkaConsumer reading the same topics", fmt(plain), ratio(rebuilt.rate(), plain));
        row("CPU per replayed event during the rebuild (µs): metrics-service / PostgreSQL",
                String.format(java.util.Locale.ROOT, "%.0f / %.0f", rebuildCpu[0], rebuildCpu[1]), "goal (issue #13)", "50 / 50", "-");
        converged("after the rebuild");

        // 6. Memory: at rest, peak under load, now.
        rss.close();
        Map<String, long[]> end = rss.now();
        for (String service : SERVICES) {
            long[] rest = atRest.getOrDefault(service, new long[]{0, 0});
            long peak = rss.peakKb(service);
            long[] now = end.getOrDefault(service, new long[]{0, 0});
            results.put("rss." + service, Map.of("atRestKb", rest[0], "peakUnderLoadKb", peak, "endKb", now[0], "endHwmKb", now[1]));
            row("RSS of " + service + " (MiB, at rest / peak under load / end)", rest[0] / 1024 + " / " + peak / 1024 + " / " + now[0] / 1024,
                    "JVM heap limit (-Xmx)", "512", "-");
        }
    }

    // ------------------------------------------------------------------ raw limits

    private double jdbcInsertRate(int threads, Duration duration, int maxRows) throws Exception {
        String url = suite.jdbcUrl("postgres");
        try (Connection c = DriverManager.getConnection(url, suite.postgresUser(), suite.postgresPassword()); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS bench_insert (id bigserial PRIMARY KEY, zone uuid, payload text, at timestamptz)");
        }
        AtomicInteger rows = new AtomicInteger();
        Instant deadline = Instant.now().plus(duration);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        Instant start = Instant.now();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            done.add(pool.submit(() -> {
                try (Connection c = DriverManager.getConnection(url, suite.postgresUser(), suite.postgresPassword());
                     PreparedStatement insert = c.prepareStatement("INSERT INTO bench_insert (zone, payload, at) VALUES (?, ?, now())")) {
                    while (Instant.now().isBefore(deadline) && rows.get() < maxRows) {
                        insert.setObject(1, java.util.UUID.randomUUID());
                        insert.setString(2, "{\"name\":\"Nhà máy\",\"workers\":" + rows.get() + "}");
                        insert.executeUpdate(); // autocommit: one transaction per row, as the registry does per change
                        rows.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        double rate = rows.get() * 1000.0 / Duration.between(start, Instant.now()).toMillis();
        results.put("jdbcInsertsPerSecond", rate);
        say("raw JDBC single-row inserts: " + rows.get() + " rows, " + fmt(rate) + "/s");
        return rate;
    }

    private double plainConsumerRate(long expected) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, suite.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : TOPICS) {
                var infos = consumer.partitionsFor(topic, Duration.ofSeconds(20));
                if (infos != null) {
                    infos.forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long total = end.values().stream().mapToLong(Long::longValue).sum();
            long read = 0;
            Instant start = Instant.now();
            Instant deadline = start.plusSeconds(300);
            while (read < total && Instant.now().isBefore(deadline)) {
                read += consumer.poll(Duration.ofMillis(200)).count();
            }
            double rate = read * 1000.0 / Math.max(1, Duration.between(start, Instant.now()).toMillis());
            results.put("plainConsumer", Map.of("records", read, "recordsPerSecond", rate));
            say("plain KafkaConsumer: " + read + " records, " + fmt(rate) + "/s");
            return rate;
        }
    }

    // ------------------------------------------------------------------ the dataset

    record Load(double zoneRate, double singleRate, double batchRate, double itemsPerBatch, double overallRate,
                double cpuMsPerSingle, double cpuMsPerBatched) {
    }

    /**
     * Zones one by one, then the first projects one by one (single-write throughput), then the rest of the projects
     * and every report per zone through the batch endpoints (split at the API's 1,000-item bound).
     */
    private Load loadDataset(Dataset dataset) throws Exception {
        String registry = suite.url(Suite.REGISTRY);
        ExecutorService pool = Executors.newFixedThreadPool(scale.writers());
        List<String> zoneIds = new ArrayList<>(java.util.Collections.nCopies(dataset.zones.size(), (String) null));
        AtomicInteger accepted = new AtomicInteger();
        Instant start = Instant.now();
        long cpu0 = rss.cpuMillis(Suite.REGISTRY);
        Instant deadline = start.plus(Duration.ofMinutes(scale.name().equals("small") ? 8 : 20));
        List<Future<?>> done = new ArrayList<>();
        for (Dataset.ZonePlan z : dataset.zones) {
            done.add(pool.submit(() -> {
                JsonNode body = postUntilAccepted(registry + "/api/v1/zones", dataset.zone(z), "bench-zone-" + z.n(), deadline);
                zoneIds.set(z.n(), body.path("id").asText());
                accepted.incrementAndGet();
                return null;
            }));
        }
        waitAll(done);
        Instant zonesEnd = Instant.now();
        long cpuZones = rss.cpuMillis(Suite.REGISTRY);
        int zonesAccepted = accepted.get();
        double zoneRate = zonesAccepted * 1000.0 / Math.max(1, Duration.between(start, zonesEnd).toMillis());
        say("  " + dataset.zones.size() + " zones registered, " + fmt(zoneRate) + "/s");
        done.clear();
        Statements registryDb = statements("registry");
        registryDb.reset();
        // Which projects go one by one: the first of each zone in turn, until singleWrites.
        List<int[]> single = new ArrayList<>(); // {zone, project index in zone, number}
        int[] firstBatched = new int[dataset.zones.size()];
        int number = 0;
        int[] numberBase = new int[dataset.zones.size()];
        for (Dataset.ZonePlan z : dataset.zones) {
            numberBase[z.n()] = number;
            number += z.projects();
        }
        for (int round = 0; single.size() < scale.singleWrites() && round < 1_000; round++) {
            for (Dataset.ZonePlan z : dataset.zones) {
                if (round < z.projects() && single.size() < scale.singleWrites()) {
                    single.add(new int[]{z.n(), round, numberBase[z.n()] + round});
                    firstBatched[z.n()] = round + 1;
                }
            }
        }
        for (int[] s : single) {
            done.add(pool.submit(() -> {
                Dataset.ZonePlan z = dataset.zones.get(s[0]);
                ObjectNode p = dataset.project(z, s[1], s[2]);
                JsonNode body = postUntilAccepted(registry + "/api/v1/zones/" + zoneIds.get(s[0]) + "/projects", p, "bench-project-" + s[2], deadline);
                projects.add(new Tracked(body.path("id").asText(), zoneIds.get(s[0]), p, body.path("revision").asLong()));
                accepted.incrementAndGet();
                return null;
            }));
        }
        waitAll(done);
        done.clear();
        Instant singleEnd = Instant.now();
        long cpuSingle = rss.cpuMillis(Suite.REGISTRY);
        double singleRate = (accepted.get() - zonesAccepted) * 1000.0 / Math.max(1, Duration.between(zonesEnd, singleEnd).toMillis());
        say("registry single writes: " + (accepted.get() - zonesAccepted) + " projects accepted, " + fmt(singleRate) + "/s (zones: "
                + fmt(zoneRate) + "/s)");
        profile("Registry, single project writes", registryDb, accepted.get() - zonesAccepted, "write");

        // Batches: the remaining projects of each zone, then its reports.
        AtomicInteger batched = new AtomicInteger();
        AtomicInteger batches = new AtomicInteger();
        Instant batchStart = Instant.now();
        for (Dataset.ZonePlan z : dataset.zones) {
            String zoneId = zoneIds.get(z.n());
            done.add(pool.submit(() -> {
                List<ObjectNode> items = new ArrayList<>();
                for (int i = firstBatched[z.n()]; i < z.projects(); i++) {
                    items.add(dataset.project(z, i, numberBase[z.n()] + i));
                }
                for (int from = 0; from < items.size(); from += 1_000) {
                    List<ObjectNode> part = items.subList(from, Math.min(items.size(), from + 1_000));
                    JsonNode created = postBatch(registry + "/api/v1/zones/" + zoneId + "/projects/batch", part,
                            "bench-projects-" + z.n() + "-" + from, deadline);
                    for (int i = 0; i < part.size(); i++) {
                        JsonNode view = created.path("items").get(i);
                        projects.add(new Tracked(view.path("id").asText(), zoneId, part.get(i), view.path("revision").asLong()));
                    }
                    progress(batched.addAndGet(part.size()));
                    batches.incrementAndGet();
                }
                if (z.takesReports()) {
                    List<ObjectNode> reports = dataset.reports(z);
                    postBatch(registry + "/api/v1/zones/" + zoneId + "/reports/batch", reports, "bench-reports-" + z.n(), deadline);
                    progress(batched.addAndGet(reports.size()));
                    batches.incrementAndGet();
                }
                return null;
            }));
        }
        waitAll(done);
        pool.shutdown();
        Instant end = Instant.now();
        long cpuBatch = rss.cpuMillis(Suite.REGISTRY);
        double batchRate = batched.get() * 1000.0 / Math.max(1, Duration.between(batchStart, end).toMillis());
        double overall = (accepted.get() + batched.get()) * 1000.0 / Math.max(1, Duration.between(start, end).toMillis());
        double perBatch = batched.get() / (double) Math.max(1, batches.get());
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("zones", zonesAccepted);
        figures.put("zonesPerSecond", zoneRate);
        figures.put("singleProjects", accepted.get() - zonesAccepted);
        figures.put("singleSeconds", Duration.between(zonesEnd, singleEnd).toMillis() / 1000.0);
        figures.put("singleProjectsPerSecond", singleRate);
        figures.put("batchedRecords", batched.get());
        figures.put("batches", batches.get());
        figures.put("batchSeconds", Duration.between(batchStart, end).toMillis() / 1000.0);
        figures.put("batchRecordsPerSecond", batchRate);
        // CPU the registry process spent per accepted record: less at the mercy of other load on the machine than a rate.
        figures.put("registryCpuMsPerZone", (cpuZones - cpu0) / (double) Math.max(1, zonesAccepted));
        figures.put("registryCpuMsPerSingleProject", (cpuSingle - cpuZones) / (double) Math.max(1, accepted.get() - zonesAccepted));
        figures.put("registryCpuMsPerBatchedRecord", (cpuBatch - cpuSingle) / (double) Math.max(1, batched.get()));
        figures.put("writers", scale.writers());
        figures.put("loadAverageAfterLoad", loadAverage());
        results.put("registry", figures);
        say("registry batch writes: " + batched.get() + " records in " + batches.get() + " batches, " + fmt(batchRate) + "/s; registry CPU ms "
                + "per zone / single project / batched record: " + String.format(java.util.Locale.ROOT, "%.1f / %.1f / %.2f",
                figures.get("registryCpuMsPerZone"), figures.get("registryCpuMsPerSingleProject"), figures.get("registryCpuMsPerBatchedRecord")));
        return new Load(zoneRate, singleRate, batchRate, perBatch, overall,
                (double) figures.get("registryCpuMsPerSingleProject"), (double) figures.get("registryCpuMsPerBatchedRecord"));
    }

    private JsonNode postBatch(String url, List<ObjectNode> items, String key, Instant deadline) throws InterruptedException {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("items").addAll(items);
        return postUntilAccepted(url, body, key, deadline);
    }

    private final AtomicLong lastProgress = new AtomicLong();

    private void progress(int count) {
        long now = System.currentTimeMillis();
        long last = lastProgress.get();
        if (now - last > 5_000 && lastProgress.compareAndSet(last, now)) {
            say("  " + count + " records accepted in batches");
        }
    }

    private JsonNode postUntilAccepted(String url, ObjectNode body, String key, Instant deadline) throws InterruptedException {
        while (true) {
            HttpResult r = send("POST", url, body.toString(), Map.of("Idempotency-Key", key));
            if (r.status() == 201 || r.status() == 200) {
                return r.json();
            }
            if (r.status() >= 400 && r.status() < 500 || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("POST " + url + " answered " + r.status() + " " + r.text());
            }
            Thread.sleep(200);
        }
    }

    private long awaitOutboxDrained(Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        long left;
        long lastSaid = 0;
        while ((left = queryLong("registry", "SELECT count(*) FROM outbox_event WHERE published_at IS NULL")) > 0) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("outbox not drained after " + timeout + ": " + left + " left");
            }
            if (System.currentTimeMillis() - lastSaid > 5_000) {
                say("  outbox: " + left + " events not yet relayed");
                lastSaid = System.currentTimeMillis();
            }
            Thread.sleep(200);
        }
        return queryLong("registry", "SELECT count(*) FROM outbox_event");
    }

    /** Events relayed per second, from the first to the last publish (the relay runs while the load runs). */
    private double relayRate() {
        long events = queryLong("registry", "SELECT count(*) FROM outbox_event");
        long millis = queryLong("registry", "SELECT (extract(epoch FROM max(published_at) - min(published_at)) * 1000)::bigint FROM outbox_event");
        long afterLoad = queryLong("registry", "SELECT (extract(epoch FROM max(published_at) - max(occurred_at)) * 1000)::bigint FROM outbox_event");
        double rate = events * 1000.0 / Math.max(1, millis);
        results.put("outboxRelay", Map.of("events", events, "secondsFirstToLastPublish", millis / 1000.0,
                "lastPublishAfterLastWriteSeconds", afterLoad / 1000.0, "eventsPerSecond", rate));
        say("outbox relay: " + events + " events in " + millis / 1000.0 + " s, " + fmt(rate) + "/s; last publish "
                + afterLoad / 1000.0 + " s after the last write");
        return rate;
    }

    record CatchUp(long applied, boolean complete, double rate, double metricsCpuMicros, double postgresCpuMicros) {
    }

    /** Starts metrics on the backlog and times how fast the applied versions (sum over aggregates) reach it. Bounded. */
    private CatchUp metricsCatchUp(long events) throws Exception {
        Instant launched = Instant.now();
        Thread starter = new Thread(() -> suite.startAgain(Suite.METRICS), "start-metrics");
        starter.start();
        Instant first = null;
        long firstApplied = 0;
        long applied = 0;
        long[] cpuAtFirst = {0, 0};
        long lastSaid = System.currentTimeMillis();
        Instant deadline = Instant.now().plus(scale.waitFor());
        while (applied < events && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
            long counted = appliedByMetrics();
            if (counted < 0) {
                continue; // not up yet
            }
            applied = counted;
            if (first == null && applied > 0) {
                first = Instant.now();
                firstApplied = applied;
                cpuAtFirst = new long[]{rss.cpuMillis(Suite.METRICS), rss.postgresCpuMillis()};
            }
            if (System.currentTimeMillis() - lastSaid > 10_000) {
                lastSaid = System.currentTimeMillis();
                double soFar = first == null ? 0 : (applied - firstApplied) * 1000.0 / Math.max(1, Duration.between(first, Instant.now()).toMillis());
                say("  metrics: " + applied + " of " + events + " events applied (" + fmt(soFar) + "/s; waiting at most "
                        + Duration.between(Instant.now(), deadline).toSeconds() + " s more)");
            }
        }
        Instant end = Instant.now();
        double[] cpu = cpuPerEvent(cpuAtFirst, applied - firstApplied);
        starter.join(TimeUnit.MINUTES.toMillis(3));
        boolean complete = applied >= events;
        double rate = first == null ? 0 : (applied - firstApplied) * 1000.0 / Math.max(1, Duration.between(first, end).toMillis());
        results.put("metricsCatchUp", Map.of("events", events, "applied", applied, "complete", complete,
                "secondsFromFirstApplied", first == null ? -1 : Duration.between(first, end).toMillis() / 1000.0,
                "secondsFromProcessStart", Duration.between(launched, end).toMillis() / 1000.0, "eventsPerSecond", rate,
                "metricsCpuMicrosPerEvent", cpu[0], "postgresCpuMicrosPerEvent", cpu[1]));
        say(String.format(java.util.Locale.ROOT, "metrics catch-up CPU per applied event: metrics-service %.0f µs, PostgreSQL %.0f µs", cpu[0], cpu[1]));
        say("metrics: " + applied + " of " + events + " events applied, " + fmt(rate) + "/s once consuming ("
                + Duration.between(launched, end).toSeconds() + " s from process start)" + (complete ? "" : " — NOT caught up, going on"));
        return new CatchUp(applied, complete, rate, cpu[0], cpu[1]);
    }

    /** µs of CPU per event of metrics-service and of PostgreSQL since {@code before} ({metrics ms, postgres ms}). */
    private double[] cpuPerEvent(long[] before, long events) {
        long metrics = rss.cpuMillis(Suite.METRICS) - before[0];
        long postgres = rss.postgresCpuMillis() - before[1];
        return new double[]{metrics * 1000.0 / Math.max(1, events), postgres * 1000.0 / Math.max(1, events)};
    }

    // ------------------------------------------------------------------ freshness

    record Freshness(double achieved, int probes, long p50, long p99, int notVisible, long outboxBacklog, long metricsBacklog,
                     int sseProbes, long sseP50, long sseP99, int sseNotSeen) {
    }

    /**
     * {@code rate} changes/s offered for {@code duration}, open loop: a pacer sends each update at its scheduled time
     * whether or not earlier ones were answered (bounded in flight; what the bound refuses is counted, not retried).
     * The updates are PUTs with If-Match on projects outside the probe zones; 4 probe threads meanwhile update a
     * project of their own zone and time 2xx -> the zone's workers moved by one in reporting's zone rollup.
     */
    private Freshness freshness(int rate, Duration duration) throws Exception {
        String registry = suite.url(Suite.REGISTRY);
        String reporting = suite.url(Suite.REPORTING);
        int probeThreads = 4;
        // Probe zones: the zones of the first active projects found in 4 distinct zones.
        List<String> probeZones = new ArrayList<>();
        List<Tracked> probeProjects = new ArrayList<>();
        synchronized (projects) {
            for (Tracked t : projects) {
                if (t.active() && !probeZones.contains(t.zoneId) && probeZones.size() < probeThreads) {
                    probeZones.add(t.zoneId);
                    probeProjects.add(t);
                }
            }
        }
        java.util.concurrent.ConcurrentLinkedQueue<Tracked> idle = new java.util.concurrent.ConcurrentLinkedQueue<>();
        synchronized (projects) {
            projects.stream().filter(t -> !probeZones.contains(t.zoneId)).forEach(idle::add);
        }
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(256);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).executor(Executors.newFixedThreadPool(4)).build();
        List<Long> samples = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger notVisible = new AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        ExecutorService probes = Executors.newFixedThreadPool(probeThreads);
        List<Future<?>> done = new ArrayList<>();
        List<Long> sseSamples = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger sseNotSeen = new AtomicInteger();
        LiveStream live = new LiveStream(reporting);
        for (Tracked probe : probeProjects) {
            done.add(probes.submit(() -> {
                while (running.get()) {
                    long[] ms = probe(registry, reporting, probe, live);
                    if (ms[0] < 0) {
                        notVisible.incrementAndGet();
                    } else {
                        samples.add(ms[0]);
                    }
                    if (ms[1] < 0) {
                        sseNotSeen.incrementAndGet();
                    } else {
                        sseSamples.add(ms[1]);
                    }
                    Thread.sleep(50);
                }
                return null;
            }));
        }
        long cpu0 = rss.cpuMillis(Suite.REGISTRY);
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long sent = 0;
        for (long due = start; due < end; due += interval) {
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            sent++;
            Tracked t = idle.poll();
            if (t == null || !inFlight.tryAcquire()) {
                refused.incrementAndGet();
                if (t != null) {
                    idle.add(t);
                }
                continue;
            }
            ObjectNode body = t.body.deepCopy();
            body.put("workers", body.path("workers").asInt() + 1);
            HttpRequest request = HttpRequest.newBuilder(URI.create(registry + "/api/v1/projects/" + t.id)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + bearer).header("Content-Type", "application/json")
                    .header("If-Match", "\"" + t.revision + "\"")
                    .PUT(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build();
            client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
                if (e == null && r.statusCode() == 200) {
                    t.revision = r.headers().firstValue("ETag").map(v -> Long.parseLong(v.replace("\"", "").replace("W/", ""))).orElse(t.revision + 1);
                    t.body.put("workers", body.path("workers").asInt());
                    ok.incrementAndGet();
                } else {
                    failed.incrementAndGet();
                }
                inFlight.release();
                idle.add(t);
            });
        }
        long offeredNanos = System.nanoTime() - start;
        // Let what is in flight finish (bounded), then stop the probes.
        inFlight.tryAcquire(256, 30, TimeUnit.SECONDS);
        inFlight.release(256);
        long answeredNanos = System.nanoTime() - start;
        long cpu = rss.cpuMillis(Suite.REGISTRY) - cpu0;
        running.set(false);
        waitAll(done);
        probes.shutdown();
        live.close();
        long[] sse = sseSamples.stream().mapToLong(Long::longValue).sorted().toArray();
        long outbox = queryLong("registry", "SELECT count(*) FROM outbox_event WHERE published_at IS NULL");
        long metrics = queryLong("registry", "SELECT count(*) FROM outbox_event") - queryLong("metrics", "SELECT coalesce(sum(version), 0) FROM applied_version");
        double achieved = ok.get() * 1e9 / answeredNanos;
        long[] sorted = samples.stream().mapToLong(Long::longValue).sorted().toArray();
        long p50 = percentile(sorted, 50);
        long p99 = percentile(sorted, 99);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("offeredPerSecond", rate);
        r.put("seconds", duration.toSeconds());
        r.put("offered", sent);
        r.put("accepted2xx", ok.get());
        r.put("failed", failed.get());
        r.put("notSentInFlightBound", refused.get());
        r.put("achievedPerSecond", achieved);
        r.put("offeredForSeconds", offeredNanos / 1e9);
        r.put("answeredWithinSeconds", answeredNanos / 1e9);
        r.put("probes", sorted.length);
        r.put("probesNotVisibleWithin30s", notVisible.get());
        r.put("p50Ms", p50);
        r.put("p99Ms", p99);
        r.put("maxMs", sorted.length == 0 ? -1 : sorted[sorted.length - 1]);
        r.put("sse", Map.of("probes", sse.length, "notSeenWithin30s", sseNotSeen.get(), "p50Ms", percentile(sse, 50),
                "p99Ms", percentile(sse, 99), "maxMs", sse.length == 0 ? -1 : sse[sse.length - 1]));
        r.put("registryCpuMsPerAcceptedUpdate", cpu / (double) Math.max(1, ok.get()));
        r.put("outboxBacklogAfter", outbox);
        r.put("metricsBacklogAfter", metrics);
        r.put("loadAverage", loadAverage());
        results.put("freshness" + rate, r);
        say("freshness at " + rate + "/s offered: " + ok.get() + " accepted (" + fmt(achieved) + "/s), " + failed.get() + " failed, "
                + refused.get() + " not sent (in-flight bound); " + sorted.length + " probes p50 " + p50 + " ms p99 " + p99
                + " ms, " + notVisible.get() + " not visible; backlog outbox " + outbox + ", metrics " + metrics);
        say("  through the open SSE stream: " + sse.length + " probes p50 " + percentile(sse, 50) + " ms p99 " + percentile(sse, 99)
                + " ms, " + sseNotSeen.get() + " not seen");
        return new Freshness(achieved, sorted.length, p50, p99, notVisible.get(), outbox, metrics, sse.length,
                percentile(sse, 50), percentile(sse, 99), sseNotSeen.get());
    }

    /**
     * One probe: +1 worker on the project, then the zone rollup polled until it shows the zone's workers as the
     * registry now has them (the sum over the zone's active projects, which only this probe thread changes); -1 if
     * not in 30 s. The expected figure is absolute: while metrics still works through a backlog the zone's earlier
     * changes arrive too, and a relative "+1" would never be seen.
     */
    private long[] probe(String registry, String reporting, Tracked t, LiveStream live) throws Exception {
        ObjectNode body = t.body.deepCopy();
        body.put("workers", body.path("workers").asInt() + 1);
        long willHave;
        synchronized (projects) {
            willHave = projects.stream().filter(o -> o.zoneId.equals(t.zoneId) && o.active() && o != t)
                    .mapToLong(o -> o.body.path("workers").asLong()).sum() + (t.active() ? body.path("workers").asLong() : 0);
        }
        java.util.concurrent.CompletableFuture<Long> pushed = live.expect(t.zoneId, willHave);
        HttpResult r = send("PUT", registry + "/api/v1/projects/" + t.id, body.toString(), Map.of("If-Match", "\"" + t.revision + "\""));
        if (r.status() != 200) {
            throw new IllegalStateException("probe update answered " + r.status() + " " + r.text());
        }
        long accepted = System.nanoTime();
        t.revision = r.json().path("revision").asLong();
        t.body.put("workers", body.path("workers").asInt());
        long expected;
        synchronized (projects) {
            expected = projects.stream().filter(o -> o.zoneId.equals(t.zoneId) && o.active())
                    .mapToLong(o -> o.body.path("workers").asLong()).sum();
        }
        long deadline = accepted + TimeUnit.SECONDS.toNanos(30);
        long rest = -1;
        while (System.nanoTime() < deadline) {
            if (zoneRollupWorkers(reporting, t.zoneId) == expected) {
                rest = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - accepted);
                break;
            }
            Thread.sleep(10);
        }
        if (rest < 0) {
            say("  probe not visible in 30 s: zone " + t.zoneId + " expected workers " + expected + "; reporting shows "
                    + zoneRollupWorkers(reporting, t.zoneId) + ", metrics " + zoneWorkers(suite.url(Suite.METRICS) + "/api/v1/indicators/zone/" + t.zoneId)
                    + ", the registry's active projects sum to " + registryZoneWorkers(registry, t.zoneId));
        }
        long sse = -1;
        try {
            long at = pushed.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            sse = TimeUnit.NANOSECONDS.toMillis(Math.max(0, at - accepted));
        } catch (java.util.concurrent.TimeoutException notSeen) {
            // counted as not seen
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        }
        return new long[]{rest, sse};
    }

    private long zoneWorkers(String url) {
        HttpResult r = send("GET", url, null, Map.of());
        return r.status() == 200 ? r.json().path("employment").path("workers").asLong(-1) : -r.status();
    }

    /** What the register itself says: the workers of the zone's active projects, from the registry's API. */
    private long registryZoneWorkers(String registry, String zoneId) {
        HttpResult r = send("GET", registry + "/api/v1/zones/" + zoneId + "/projects", null, Map.of());
        if (r.status() != 200) {
            return -r.status();
        }
        long sum = 0;
        for (JsonNode p : r.json()) {
            String status = p.path("status").asText();
            if (!status.equals("SUSPENDED") && !status.equals("REVOKED")) {
                sum += p.path("workers").asLong();
            }
        }
        return sum;
    }

    private long zoneRollupWorkers(String reporting, String zoneId) {
        HttpResult rollup = send("GET", reporting + "/api/v1/rollups/zones/" + zoneId, null, Map.of());
        return rollup.status() == 200 ? rollup.json().path("employment").path("workers").asLong(-1) : -1;
    }

    // ------------------------------------------------------------------ convergence

    /**
     * registry API recomputation == metrics == reporting, for every scope (BoardConvergence), bounded; the time it
     * took to settle and any difference go into the results and the table.
     */
    private void converged(String when) {
        BoardConvergence.Result r = new BoardConvergence(suite.url(Suite.REGISTRY), suite.url(Suite.METRICS), suite.url(Suite.REPORTING), true)
                .await(Duration.ofMinutes(2), Bench::say);
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("scopes", r.scopes());
        c.put("converged", r.converged());
        c.put("settledMillis", r.settledMillis());
        c.put("rounds", r.rounds());
        c.put("differences", r.differences().stream().limit(20).map(Object::toString).toList());
        results.put("convergence " + when, c);
        say("convergence " + when + ": " + r);
        row("Board figures == register, every scope, " + when + " (registry API recomputation = metrics = reporting snapshot)",
                r.converged() ? r.scopes() + " scopes, settled in " + r.settledMillis() + " ms" : "NOT converged: " + r.differences().size() + " differences",
                "-", "-", "-");
    }

    // ------------------------------------------------------------------ rebuild

    record Rebuilt(boolean done, String state, long applied, long total, long seconds, double rate) {
    }

    /** POST /api/v1/admin/rebuild on metrics, then its progress polled until DONE (bounded). */
    private Rebuilt rebuild() throws Exception {
        String metrics = suite.url(Suite.METRICS);
        HttpResult started = send("POST", metrics + "/api/v1/admin/rebuild", null, Map.of("Authorization", "Bearer " + operatorBearer));
        if (started.status() != 202 && started.status() != 200) {
            throw new IllegalStateException("rebuild answered " + started.status() + " " + started.text());
        }
        Instant t0 = Instant.now();
        Instant deadline = t0.plus(scale.waitFor());
        JsonNode progress = started.json();
        long lastSaid = System.currentTimeMillis();
        while (Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            HttpResult r = send("GET", metrics + "/api/v1/admin/rebuild", null, Map.of());
            if (r.status() == 200) {
                progress = r.json();
            }
            String state = progress.path("state").asText();
            if (state.equals("DONE") || state.equals("FAILED")) {
                break;
            }
            if (System.currentTimeMillis() - lastSaid > 10_000) {
                lastSaid = System.currentTimeMillis();
                say("  rebuild: " + progress.path("eventsApplied").asLong() + " of " + progress.path("eventsTotal").asLong()
                        + " events applied (" + progress.path("eventsRead").asLong() + " read)");
            }
        }
        String state = progress.path("state").asText();
        long seconds = Duration.between(t0, Instant.now()).toSeconds();
        long read = progress.path("eventsRead").asLong();
        long total = progress.path("eventsTotal").asLong();
        double rate = state.equals("DONE") && progress.hasNonNull("eventsPerSecond") ? progress.path("eventsPerSecond").asDouble()
                : read * 1.0 / Math.max(1, seconds);
        results.put("rebuild", JSON.convertValue(progress, Map.class));
        say("rebuild: " + state + ", " + read + " of " + total + " events read in " + seconds + " s, " + fmt(rate) + "/s");
        return new Rebuilt(state.equals("DONE"), state, progress.path("eventsApplied").asLong(), total, seconds, rate);
    }

    // ------------------------------------------------------------------ read latency

    /** {p50 micros, p99 micros, requests per second}: {@code readers} threads for {@code duration}, bounded count. */
    private long[] readLatency(String url, int readers, Duration duration) throws Exception {
        int maxPerReader = 200_000;
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        // warm-up
        for (int i = 0; i < 200; i++) {
            client.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.discarding());
        }
        List<long[]> perReader = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger errors = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(readers);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < readers; t++) {
            done.add(pool.submit(() -> {
                long[] lat = new long[maxPerReader];
                int n = 0;
                go.await();
                Instant end = Instant.now().plus(duration);
                HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build();
                while (n < maxPerReader && Instant.now().isBefore(end)) {
                    long t0 = System.nanoTime();
                    HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                    lat[n++] = (System.nanoTime() - t0) / 1000;
                    if (r.statusCode() != 200) {
                        errors.incrementAndGet();
                    }
                }
                perReader.add(Arrays.copyOf(lat, n));
                return null;
            }));
        }
        Instant start = Instant.now();
        go.countDown();
        waitAll(done);
        double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
        pool.shutdown();
        long[] all = perReader.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        long rps = Math.round(all.length / seconds);
        long[] result = {percentile(all, 50), percentile(all, 99), rps};
        results.put("read " + url.substring(url.indexOf('/', 8)), Map.of("requests", all.length, "errors", errors.get(),
                "p50Micros", result[0], "p99Micros", result[1], "requestsPerSecond", rps, "readers", readers));
        say("GET " + url + ": " + all.length + " requests (" + errors.get() + " errors), p50 " + ms(result[0]) + " ms, p99 "
                + ms(result[1]) + " ms, " + rps + " req/s");
        return result;
    }

    // ------------------------------------------------------------------ helpers

    record HttpResult(int status, String text) {
        JsonNode json() {
            try {
                return JSON.readTree(text);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static HttpResult send(String method, String url, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("X-Izone-Actor", "dept:bench");
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        headers.forEach(request::setHeader); // may replace the registrar's Authorization
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        }
        try {
            HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new HttpResult(r.statusCode(), r.body());
        } catch (IOException e) {
            return new HttpResult(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private long queryLong(String database, String sql) {
        try (Connection c = DriverManager.getConnection(suite.jdbcUrl(database), suite.postgresUser(), suite.postgresPassword());
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private static void waitAll(List<Future<?>> futures) throws Exception {
        for (Future<?> f : futures) {
            f.get();
        }
    }

    private static long percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return -1;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    /**
     * Events the (freshly started) metrics process has applied, from its own counter: cheap to ask. The bench used to
     * ask PostgreSQL for {@code sum(version) FROM applied_version} ten times a second — a scan of 157,000 rows, 47 ms
     * each, a fifth of PostgreSQL's time in the national catch-up (pg_stat_statements), charged to metrics' events.
     * -1 while metrics does not answer.
     */
    private long appliedByMetrics() {
        HttpResult r = send("GET", suite.url(Suite.METRICS) + "/q/metrics", null, Map.of());
        if (r.status() != 200) {
            return -1;
        }
        double applied = 0;
        for (String line : r.text().split("\n")) {
            if (line.startsWith("izone_metrics_events_total{") && (line.contains("outcome=\"applied\"") || line.contains("outcome=\"gap_applied\""))) {
                applied += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return (long) applied;
    }

    /** The registry's own timer of the relay (izone.outbox.recorded.to.acknowledged): {p50, p99} in ms, -1 if absent. */
    private double[] relayLatencyMs() {
        HttpResult r = send("GET", suite.url(Suite.REGISTRY) + "/q/metrics", null, Map.of());
        double[] q = {-1, -1};
        if (r.status() != 200) {
            return q;
        }
        for (String line : r.text().split("\n")) {
            if (line.startsWith("izone_outbox_recorded_to_acknowledged_seconds{")) {
                int i = line.contains("quantile=\"0.5\"") ? 0 : line.contains("quantile=\"0.99\"") ? 1 : -1;
                if (i >= 0) {
                    q[i] = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)) * 1000;
                }
            }
        }
        return q;
    }

    private Statements statements(String database) {
        return new Statements(suite.jdbcUrl(database), suite.postgresUser(), suite.postgresPassword());
    }

    /** The phase's top statements, kept for the results and printed now. */
    private void profile(String title, Statements db, long operations, String operation) {
        List<String> lines = Statements.table(title, db.top(10), operations, operation);
        profiles.addAll(lines);
        lines.forEach(Bench::say);
    }

    private void row(String figure, String value, String limit, String limitValue, String ratio) {
        table.add(new String[]{figure, value, limit, limitValue, ratio});
        say("| " + String.join(" | ", figure, value, limit, limitValue, ratio) + " |");
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%,.0f", v);
    }

    private static String ms(long micros) {
        return String.format(java.util.Locale.ROOT, "%.1f", micros / 1000.0);
    }

    private static String ratio(double value, double limit) {
        return limit <= 0 ? "-" : String.format(java.util.Locale.ROOT, "%.1f %%", 100.0 * value / limit);
    }

    private void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
        ObjectNode json = JSON.valueToTree(results);
        ArrayNode rows = json.putArray("table");
        for (String[] r : table) {
            rows.addObject().put("figure", r[0]).put("value", r[1]).put("rawLimit", r[2]).put("rawLimitValue", r[3]).put("ratio", r[4]);
        }
        String base = stamp + "-" + scale.name();
        Files.writeString(dir.resolve(base + ".json"), JSON.writeValueAsString(json));
        StringBuilder md = new StringBuilder();
        md.append("# izone bench, scale ").append(scale.name()).append(" (").append(scale.zones()).append(" zones, ")
                .append(results.get("projects")).append(" projects, ").append(results.get("reports")).append(" quarterly reports), ").append(stamp).append(" UTC\n\n");
        md.append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, load average at start ")
                .append(String.format(java.util.Locale.ROOT, "%.1f", (Double) ((Map<?, ?>) results.get("machine")).get("loadAverageAtStart")))
                .append(", at the end ").append(String.format(java.util.Locale.ROOT, "%.1f", (Double) results.get("loadAverageAtEnd")))
                .append(", Java ").append(System.getProperty("java.version")).append(". Run time ").append(results.get("totalSeconds")).append(" s.\n\n");
        md.append("| Figure | Value | Raw limit measured in the same run | Limit | Ratio |\n|---|---:|---|---:|---:|\n");
        for (String[] r : table) {
            md.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        if (!profiles.isEmpty()) {
            md.append("\n## Where PostgreSQL spent each phase\n");
            profiles.forEach(l -> md.append(l).append('\n'));
        }
        Files.writeString(dir.resolve(base + ".md"), md.toString());
        Files.writeString(dir.resolve("latest-" + scale.name() + ".md"), md.toString());
        say("results: " + dir.resolve(base + ".json") + " and " + dir.resolve(base + ".md"));
        System.out.println(md);
    }

    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
