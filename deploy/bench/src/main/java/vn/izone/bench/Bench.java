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
 */
public final class Bench {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Writes need a token: the suite's own issuer signs a registrar's. */
    static volatile String bearer;
    static final List<String> PROVINCES = List.of("01", "04", "08", "11", "12", "14", "15", "19", "20", "22", "24", "25", "37");
    static final List<String> TOPICS = List.of("izone.registry.zones.v1", "izone.registry.projects.v1", "izone.registry.reports.v1");

    record Scale(String name, int zones, int projects, int writers, int probes, int readers, Duration readFor) {
        static Scale of(String name) {
            return switch (name) {
                case "small" -> new Scale("small", 300, 3_000, 8, 100, 16, Duration.ofSeconds(15));
                case "national" -> new Scale("national", 3_000, 100_000, 8, 300, 32, Duration.ofSeconds(30));
                default -> throw new IllegalArgumentException("--scale small|national, not " + name);
            };
        }
    }

    private final Scale scale;
    private final Suite suite;
    private final Map<String, Object> results = new LinkedHashMap<>();
    private final List<String[]> table = new ArrayList<>();
    /** zone id -> the workers of its projects, which the freshness probes move by one. */
    private final Map<String, AtomicLong> zoneWorkers = new ConcurrentHashMap<>();
    private final List<String[]> projects = new ArrayList<>(); // {projectId, zoneId}
    private final Map<String, Long> projectRevision = new ConcurrentHashMap<>();
    private final Map<String, Integer> projectWorkers = new ConcurrentHashMap<>();
    private final Map<String, Integer> projectNumber = new ConcurrentHashMap<>();

    private Bench(Scale scale, Suite suite) {
        this.scale = scale;
        this.suite = suite;
        bearer = suite.tokens().registrar("bench@suite");
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
            Bench bench = new Bench(scale, suite);
            bench.run();
            bench.results.put("totalSeconds", Duration.between(started, Instant.now()).toSeconds());
            bench.write(root.resolve(out));
        }
        say("bench: done in " + Duration.between(started, Instant.now()).toSeconds() + " s");
        System.exit(0);
    }

    private void run() throws Exception {
        results.put("scale", scale.name());
        results.put("zones", scale.zones());
        results.put("projects", scale.projects());
        results.put("startedAt", Instant.now().toString());
        results.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(),
                "loadAverageAtStart", java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                "java", System.getProperty("java.version")));

        // 1. Raw limit: plain JDBC single-row inserts, same PostgreSQL, same number of threads as the writers.
        double jdbc = jdbcInsertRate(scale.writers(), Duration.ofSeconds(10), 200_000);

        // 2. Registry writes through the public API, with metrics stopped so its backlog can be timed later.
        suite.stop(Suite.METRICS);
        double writes = loadDataset();
        row("Registry write throughput (changes/s, " + scale.writers() + " writers, POST with Idempotency-Key)",
                fmt(writes), "JDBC single-row insert loop, same PostgreSQL, " + scale.writers() + " threads", fmt(jdbc), ratio(writes, jdbc));
        long events = awaitOutboxDrained(Duration.ofMinutes(20));
        results.put("events", events);

        // 3. Metrics consumption: catch-up of the whole backlog after a start, vs a plain consumer of the same topics.
        double plain = plainConsumerRate(events);
        double consumed = metricsCatchUpRate(events);
        row("Metrics consumption (events/s, catch-up of " + events + " events, applied in PostgreSQL)",
                fmt(consumed), "plain KafkaConsumer reading the same topics", fmt(plain), ratio(consumed, plain));

        // 4. Freshness: registry 2xx -> figure visible in reporting's zone rollup.
        long[] freshness = freshness(scale.probes(), 4);
        row("End-to-end freshness p50 / p99 (ms, registry 2xx -> reporting zone rollup, " + scale.probes() + " probes)",
                freshness[0] + " / " + freshness[1], "metrics snapshot publish interval (config)", "200", "-");

        // 5. Reporting national rollup under concurrent readers vs the liveness endpoint of the same service.
        String reporting = suite.url(Suite.REPORTING);
        long[] rollup = readLatency(reporting + "/api/v1/rollups/national", scale.readers(), scale.readFor());
        long[] live = readLatency(reporting + "/q/health/live", scale.readers(), scale.readFor());
        row("Reporting national rollup p50 / p99 (ms, " + scale.readers() + " concurrent readers; " + rollup[2] + " req/s)",
                ms(rollup[0]) + " / " + ms(rollup[1]), "GET /q/health/live, same service, same readers (" + live[2] + " req/s)",
                ms(live[0]) + " / " + ms(live[1]), ratio(rollup[2], live[2]) + " of its req/s");

        // 6. Memory.
        for (String service : List.of(Suite.REGISTRY, Suite.METRICS, Suite.REPORTING)) {
            long[] rss = rss(suite.service(service).pid());
            results.put("rss." + service, Map.of("vmRssKb", rss[0], "vmHwmKb", rss[1]));
            row("RSS of " + service + " (MiB, now / peak)", rss[0] / 1024 + " / " + rss[1] / 1024, "JVM heap limit (-Xmx)", "512", "-");
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

    private double loadDataset() throws Exception {
        String registry = suite.url(Suite.REGISTRY);
        ExecutorService pool = Executors.newFixedThreadPool(scale.writers());
        List<String> zones = new ArrayList<>(java.util.Collections.nCopies(scale.zones(), (String) null));
        AtomicInteger accepted = new AtomicInteger();
        Instant start = Instant.now();
        Instant deadline = start.plus(Duration.ofMinutes(scale.name().equals("small") ? 8 : 120));
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < scale.zones(); i++) {
            int n = i;
            done.add(pool.submit(() -> {
                ObjectNode z = JSON.createObjectNode();
                z.put("kind", "INDUSTRIAL_PARK").put("name", "Khu công nghiệp bench " + n)
                        .put("provinceCode", PROVINCES.get(n % PROVINCES.size())).put("status", "IN_OPERATION")
                        .put("plannedAreaHa", 5000).put("establishedAreaHa", 5000).put("industrialLandHa", 4000)
                        .put("validOn", LocalDate.now().minusDays(1).toString()).put("source", "bench");
                JsonNode body = postUntilAccepted(registry + "/api/v1/zones", z, "bench-zone-" + n, deadline);
                zones.set(n, body.path("id").asText());
                zoneWorkers.put(body.path("id").asText(), new AtomicLong());
                accepted.incrementAndGet();
                return null;
            }));
        }
        waitAll(done);
        say("  " + scale.zones() + " zones registered");
        done.clear();
        List<String[]> created = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < scale.projects(); i++) {
            int n = i;
            done.add(pool.submit(() -> {
                String zone = zones.get(n % zones.size());
                int workers = 50 + (n * 37) % 2000;
                boolean fdi = n % 3 != 0;
                ObjectNode p = JSON.createObjectNode();
                p.put("name", "Nhà máy bench " + n).put("investor", "Investor " + n).put("origin", fdi ? "FDI" : "DOMESTIC");
                if (fdi) {
                    p.put("investorCountry", n % 2 == 0 ? "KR" : "JP");
                }
                p.put("sector", "electronics");
                p.putObject("registeredCapital").put("amount", 1_000_000L * (1 + n % 50)).put("currency", n % 2 == 0 ? "USD" : "VND");
                p.put("leasedAreaHa", 0.1).put("workers", workers).put("status", "OPERATING")
                        .put("validOn", LocalDate.now().minusDays(1).toString()).put("source", "bench");
                JsonNode body = postUntilAccepted(registry + "/api/v1/zones/" + zone + "/projects", p, "bench-project-" + n, deadline);
                String id = body.path("id").asText();
                projectRevision.put(id, body.path("revision").asLong());
                projectWorkers.put(id, workers);
                projectNumber.put(id, n);
                zoneWorkers.get(zone).addAndGet(workers);
                created.add(new String[]{id, zone});
                int count = accepted.incrementAndGet();
                if (count % 1000 == 0) {
                    say("  " + count + " changes accepted");
                }
                return null;
            }));
        }
        waitAll(done);
        pool.shutdown();
        projects.addAll(created);
        double rate = accepted.get() * 1000.0 / Duration.between(start, Instant.now()).toMillis();
        results.put("registry", Map.of("changes", accepted.get(), "seconds", Duration.between(start, Instant.now()).toMillis() / 1000.0,
                "changesPerSecond", rate, "writers", scale.writers()));
        say("registry: " + accepted.get() + " changes accepted, " + fmt(rate) + "/s");
        return rate;
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
        while (queryLong("registry", "SELECT count(*) FROM outbox_event WHERE published_at IS NULL") > 0) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("outbox not drained after " + timeout);
            }
            Thread.sleep(200);
        }
        return queryLong("registry", "SELECT count(*) FROM outbox_event");
    }

    /** Starts metrics on the backlog and times how fast the applied versions (sum over aggregates) reach it. */
    private double metricsCatchUpRate(long events) throws Exception {
        Instant launched = Instant.now();
        Thread starter = new Thread(() -> suite.startAgain(Suite.METRICS), "start-metrics");
        starter.start();
        Instant first = null;
        long firstApplied = 0;
        long applied = 0;
        Instant deadline = Instant.now().plus(Duration.ofMinutes(scale.name().equals("small") ? 5 : 90));
        while (applied < events && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            try {
                applied = queryLong("metrics", "SELECT coalesce(sum(version), 0) FROM applied_version");
            } catch (IllegalStateException notMigratedYet) {
                continue;
            }
            if (first == null && applied > 0) {
                first = Instant.now();
                firstApplied = applied;
            }
        }
        Instant end = Instant.now();
        starter.join(TimeUnit.MINUTES.toMillis(3));
        if (applied < events) {
            throw new IllegalStateException("metrics applied " + applied + " of " + events + " events before the deadline");
        }
        double rate = (applied - firstApplied) * 1000.0 / Math.max(1, Duration.between(first, end).toMillis());
        results.put("metricsCatchUp", Map.of("events", events, "secondsFromFirstApplied", Duration.between(first, end).toMillis() / 1000.0,
                "secondsFromProcessStart", Duration.between(launched, end).toMillis() / 1000.0, "eventsPerSecond", rate));
        say("metrics: " + events + " events applied, " + fmt(rate) + "/s once consuming ("
                + Duration.between(launched, end).toSeconds() + " s from process start)");
        return rate;
    }

    // ------------------------------------------------------------------ freshness

    /** {@code probes} updates (+1 worker each), spread over {@code threads} threads on distinct zones. */
    private long[] freshness(int probes, int threads) throws Exception {
        String registry = suite.url(Suite.REGISTRY);
        String reporting = suite.url(Suite.REPORTING);
        List<Long> samples = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        for (int t = 0; t < threads; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                for (int i = thread; i < probes && Instant.now().isBefore(deadline); i += threads) {
                    String[] project = projects.get((i * 7919) % projects.size());
                    // distinct zones per thread at any moment: zone index mod threads == thread
                    int idx = (i * 7919) % projects.size();
                    while (projectNumber.get(projects.get(idx)[0]) % scale.zones() % threads != thread) {
                        idx = (idx + 1) % projects.size();
                    }
                    project = projects.get(idx);
                    samples.add(probe(registry, reporting, project[0], project[1]));
                }
                return null;
            }));
        }
        waitAll(done);
        pool.shutdown();
        long[] sorted = samples.stream().mapToLong(Long::longValue).sorted().toArray();
        long p50 = percentile(sorted, 50);
        long p99 = percentile(sorted, 99);
        results.put("freshnessMs", Map.of("probes", sorted.length, "p50", p50, "p99", p99, "max", sorted[sorted.length - 1]));
        say("freshness: " + sorted.length + " probes, p50 " + p50 + " ms, p99 " + p99 + " ms");
        return new long[]{p50, p99};
    }

    private long probe(String registry, String reporting, String projectId, String zoneId) throws Exception {
        int n = projectNumber.get(projectId);
        int workers = projectWorkers.get(projectId) + 1;
        boolean fdi = n % 3 != 0;
        ObjectNode p = JSON.createObjectNode();
        p.put("name", "Nhà máy bench " + n).put("investor", "Investor " + n).put("origin", fdi ? "FDI" : "DOMESTIC");
        if (fdi) {
            p.put("investorCountry", n % 2 == 0 ? "KR" : "JP");
        }
        p.put("sector", "electronics");
        p.putObject("registeredCapital").put("amount", 1_000_000L * (1 + n % 50)).put("currency", n % 2 == 0 ? "USD" : "VND");
        p.put("leasedAreaHa", 0.1).put("workers", workers).put("status", "OPERATING")
                .put("validOn", LocalDate.now().minusDays(1).toString()).put("source", "bench");
        HttpResult r = send("PUT", registry + "/api/v1/projects/" + projectId, p.toString(),
                Map.of("If-Match", "\"" + projectRevision.get(projectId) + "\""));
        if (r.status() != 200) {
            throw new IllegalStateException("probe update answered " + r.status() + " " + r.text());
        }
        long accepted = System.nanoTime();
        projectRevision.put(projectId, r.json().path("revision").asLong());
        projectWorkers.put(projectId, workers);
        long expected = zoneWorkers.get(zoneId).incrementAndGet();
        long deadline = accepted + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            HttpResult rollup = send("GET", reporting + "/api/v1/rollups/zones/" + zoneId, null, Map.of());
            if (rollup.status() == 200 && rollup.json().path("employment").path("workers").asLong() == expected) {
                return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - accepted);
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("zone " + zoneId + " never showed " + expected + " workers in reporting");
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
        headers.forEach(request::header);
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

    private static long[] rss(long pid) throws IOException {
        long rss = 0;
        long hwm = 0;
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = Long.parseLong(line.replaceAll("\\D", ""));
            } else if (line.startsWith("VmHWM:")) {
                hwm = Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return new long[]{rss, hwm};
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
        String base = "bench-" + scale.name() + "-" + stamp;
        Files.writeString(dir.resolve(base + ".json"), JSON.writeValueAsString(json));
        StringBuilder md = new StringBuilder();
        md.append("# izone bench, scale ").append(scale.name()).append(" (").append(scale.zones()).append(" zones, ")
                .append(scale.projects()).append(" projects), ").append(stamp).append(" UTC\n\n");
        md.append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, load average at start ")
                .append(String.format(java.util.Locale.ROOT, "%.1f", (Double) ((Map<?, ?>) results.get("machine")).get("loadAverageAtStart")))
                .append(", Java ").append(System.getProperty("java.version")).append(". Run time ").append(results.get("totalSeconds")).append(" s.\n\n");
        md.append("| Figure | Value | Raw limit measured in the same run | Limit | Ratio |\n|---|---:|---|---:|---:|\n");
        for (String[] r : table) {
            md.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        Files.writeString(dir.resolve(base + ".md"), md.toString());
        Files.writeString(dir.resolve("latest-" + scale.name() + ".md"), md.toString());
        say("results: " + dir.resolve(base + ".json") + " and " + dir.resolve(base + ".md"));
        System.out.println(md);
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
