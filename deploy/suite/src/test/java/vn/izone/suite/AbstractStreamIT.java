package vn.izone.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * What the fault drills and the scale-out proof share: a bounded stream of registry changes through the REST
 * API, an audit of the registry topics (every accepted change delivered, exactly once per version after dedup,
 * gap-free and in order per aggregate within its partition), and a recomputation of metrics' province figures
 * from the registry's current state. Abstract: JUnit runs only its subclasses.
 */
abstract class AbstractStreamIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> TOPICS = List.of("izone.registry.zones.v1", "izone.registry.projects.v1", "izone.registry.reports.v1");
    static final List<String> PROVINCES = List.of("01", "22", "24", "37");
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    static void say(String line) {
        System.out.println("[drill " + java.time.LocalTime.now().withNano(0) + "] " + line);
        System.out.flush();
    }

    // ---------------------------------------------------------------- HTTP

    record Answer(int status, JsonNode body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /** The registry takes writes only with a token (the suite's own issuer); set once the suite is up. */
    static volatile String bearer;
    /** metrics' admin endpoints (reconcile, rebuild) take an operator's token. */
    static volatile String operatorBearer;

    /** Starts the whole suite on throw-away servers and signs the stream in as a registrar. */
    static Suite startSuite(String name) throws java.io.IOException {
        return startSuite(name, null);
    }

    /** Like {@link #startSuite(String)}, PostgreSQL archiving its WAL into {@code walArchive} (null: no archiving). */
    static Suite startSuite(String name, java.nio.file.Path walArchive) throws java.io.IOException {
        java.nio.file.Path root = java.nio.file.Path.of(System.getProperty("izone.root", "../..")).toAbsolutePath().normalize();
        java.nio.file.Path data = java.nio.file.Files.createTempDirectory(name);
        SuiteConfig config = SuiteConfig.forTests(root, data);
        Suite started = Suite.start(walArchive == null ? config : config.withWalArchive(walArchive), line -> say("[suite] " + line));
        bearer = started.tokens().registrar("drill@suite");
        operatorBearer = started.tokens().operator("drill-operator@suite");
        return started;
    }

    /** One HTTP exchange; IOException (service down, connection reset) comes back as status -1. */
    static Answer call(String method, String url, Object body, Map<String, String> headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(15))
                    .header("X-Izone-Actor", "dept:drill");
            if (bearer != null) {
                request.header("Authorization", "Bearer " + bearer);
            }
            headers.forEach(request::setHeader); // may replace the registrar's Authorization
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8));
            }
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            String text = response.body();
            return new Answer(response.statusCode(), text == null || text.isBlank() ? null : JSON.readTree(text));
        } catch (IOException e) {
            return new Answer(-1, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode getJson(String url) {
        Answer a = call("GET", url, null, Map.of());
        if (!a.ok()) {
            throw new IllegalStateException("GET " + url + " answered " + a.status() + " " + a.body());
        }
        return a.body();
    }

    // ---------------------------------------------------------------- the stream of changes

    static ObjectNode zoneRequest(String name, String province) {
        ObjectNode z = JSON.createObjectNode();
        z.put("kind", "INDUSTRIAL_PARK").put("name", name).put("provinceCode", province).put("status", "IN_OPERATION")
                .put("plannedAreaHa", 5000).put("establishedAreaHa", 5000).put("industrialLandHa", 4000)
                .put("validOn", LocalDate.now().minusDays(1).toString()).put("source", "drill");
        return z;
    }

    static ObjectNode projectRequest(int project, int revision) {
        boolean fdi = project % 3 != 0;
        boolean usd = project % 2 == 0;
        ObjectNode p = JSON.createObjectNode();
        p.put("name", "Drill project " + project).put("investor", "Drill investor " + project)
                .put("origin", fdi ? "FDI" : "DOMESTIC");
        if (fdi) {
            p.put("investorCountry", project % 4 == 0 ? "JP" : "KR");
        }
        p.put("sector", "electronics");
        p.putObject("registeredCapital").put("amount", (usd ? 1_000_000L : 25_000_000_000L) * (1 + (project * 7 + revision) % 9))
                .put("currency", usd ? "USD" : "VND");
        p.put("leasedAreaHa", 1 + (project + revision) % 5).put("workers", 100 + (project * 13 + revision * 37) % 900);
        // every fifth project is suspended on its second revision and resumes on its third: live figures move
        String status = revision == 2 && project % 5 == 0 ? "SUSPENDED" : revision == 1 ? "REGISTERED" : "OPERATING";
        p.put("status", status).put("validOn", LocalDate.now().minusDays(1).toString()).put("source", "drill");
        return p;
    }

    /** Registers zones (one at a time, retried with the same Idempotency-Key); returns their ids. */
    static List<String> createZones(String registryUrl, String run, int count) {
        List<String> ids = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            int i = n;
            ObjectNode body = zoneRequest("Khu công nghiệp drill " + run + " " + i, PROVINCES.get(i % PROVINCES.size()));
            Answer a = retry(() -> call("POST", registryUrl + "/api/v1/zones", body, Map.of("Idempotency-Key", run + "-zone-" + i)),
                    Duration.ofSeconds(60));
            assertEquals(201, a.status(), () -> String.valueOf(a.body()));
            ids.add(a.body().path("id").asText());
        }
        return ids;
    }

    static Answer retry(java.util.function.Supplier<Answer> call, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Answer a = call.get();
            if (a.status() != -1 && a.status() < 500 || Instant.now().isAfter(deadline)) {
                return a;
            }
            ServiceProcess.sleep(300);
        }
    }

    /**
     * A bounded stream: {@code projects} projects over the zones, each registered then updated
     * {@code updatesPerProject} times, by {@code threads} threads, each op followed by {@code pause}. Ops go
     * round-robin to the registry URLs. Outages are ridden out by retrying (POST with the same Idempotency-Key;
     * a PUT whose answer was lost is checked by reading the project back). Every 2xx answer is recorded.
     */
    static final class Stream {
        final List<String> registries;
        final List<String> zones;
        final String run;
        final int projects;
        final int updatesPerProject;
        final int threads;
        final Duration pause;
        final Duration opTimeout = Duration.ofSeconds(150);
        /** aggregateId -> revisions answered 2xx */
        final Map<String, Set<Long>> accepted = new ConcurrentHashMap<>();
        final AtomicInteger acceptedCount = new AtomicInteger();
        final AtomicInteger appliedAnswerLost = new AtomicInteger();
        final AtomicInteger retries = new AtomicInteger();
        /** Answers that were retried, by status (-1: no answer): what clients saw during the outages. */
        final Map<Integer, AtomicInteger> retriedAnswers = new ConcurrentHashMap<>();
        final AtomicInteger[] perRegistry;
        final List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        /** Gates: ops wait once this many changes are accepted, until the gate opens (bounded waits). */
        final java.util.concurrent.ConcurrentSkipListMap<Integer, CountDownLatch> gates = new java.util.concurrent.ConcurrentSkipListMap<>();
        private final List<Thread> workers = new ArrayList<>();
        Instant started;
        Instant finished;

        Stream(List<String> registries, List<String> zones, String run, int projects, int updatesPerProject, int threads, Duration pause) {
            this.registries = registries;
            this.zones = zones;
            this.run = run;
            this.projects = projects;
            this.updatesPerProject = updatesPerProject;
            this.threads = threads;
            this.pause = pause;
            this.perRegistry = new AtomicInteger[registries.size()];
            for (int i = 0; i < registries.size(); i++) {
                perRegistry[i] = new AtomicInteger();
            }
        }

        int plannedChanges() {
            return projects * (1 + updatesPerProject);
        }

        /** Ops wait before going on once this many changes are accepted, until {@link #open(int)}. */
        Stream holdAt(int count) {
            gates.put(count, new CountDownLatch(1));
            return this;
        }

        void open(int count) {
            gates.get(count).countDown();
        }

        Stream start() {
            started = Instant.now();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Thread worker = new Thread(() -> {
                    try {
                        work(thread);
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }, "stream-" + t);
                worker.setDaemon(true);
                workers.add(worker);
                worker.start();
            }
            return this;
        }

        void awaitAccepted(int count, Duration timeout) {
            Instant deadline = Instant.now().plus(timeout);
            while (acceptedCount.get() < count) {
                if (Instant.now().isAfter(deadline) || !failures.isEmpty()) {
                    fail("stream stuck at " + acceptedCount.get() + " accepted changes (waiting for " + count + "): " + failures);
                }
                ServiceProcess.sleep(50);
            }
        }

        void awaitEnd(Duration timeout) throws InterruptedException {
            Instant deadline = Instant.now().plus(timeout);
            for (Thread w : workers) {
                w.join(Math.max(1, Duration.between(Instant.now(), deadline).toMillis()));
                if (w.isAlive()) {
                    fail("stream did not finish within " + timeout + " (" + acceptedCount.get() + " accepted)");
                }
            }
            finished = Instant.now();
            if (!failures.isEmpty()) {
                AssertionError error = new AssertionError("stream failed: " + failures.get(0), failures.get(0));
                failures.stream().skip(1).forEach(error::addSuppressed);
                throw error;
            }
        }

        private void work(int thread) throws InterruptedException {
            // This thread's projects: every threads-th one. Interleaved: register p_j, update p_{j-1}, update p_{j-2}...
            List<Integer> mine = new ArrayList<>();
            for (int p = thread; p < projects; p += threads) {
                mine.add(p);
            }
            Map<Integer, String> ids = new HashMap<>();
            Map<Integer, Long> revisions = new HashMap<>();
            List<int[]> ops = new ArrayList<>(); // {project, revision}
            for (int j = 0; j < mine.size() + updatesPerProject; j++) {
                for (int u = 0; u <= updatesPerProject; u++) {
                    int index = j - u;
                    if (index >= 0 && index < mine.size()) {
                        ops.add(new int[]{mine.get(index), u + 1});
                    }
                }
            }
            int op = 0;
            for (int[] o : ops) {
                for (CountDownLatch gate : gates.headMap(acceptedCount.get(), true).values()) {
                    gate.await(300, TimeUnit.SECONDS);
                }
                String registry = registries.get((thread + op++) % registries.size());
                int project = o[0];
                int revision = o[1];
                if (revision == 1) {
                    String zone = zones.get(project % zones.size());
                    String key = run + "-project-" + project;
                    Answer a = untilAnswered(() -> call("POST", registry + "/api/v1/zones/" + zone + "/projects",
                            projectRequest(project, 1), Map.of("Idempotency-Key", key)));
                    assertEquals(201, a.status(), () -> "register " + project + ": " + a.body());
                    ids.put(project, a.body().path("id").asText());
                    revisions.put(project, a.body().path("revision").asLong());
                    record(a, registry);
                } else {
                    String id = ids.get(project);
                    long expected = revisions.get(project);
                    Instant deadline = Instant.now().plus(opTimeout);
                    while (true) {
                        Answer a = call("PUT", registry + "/api/v1/projects/" + id, projectRequest(project, revision),
                                Map.of("If-Match", "\"" + expected + "\""));
                        if (a.ok()) {
                            revisions.put(project, a.body().path("revision").asLong());
                            record(a, registry);
                            break;
                        }
                        if (a.status() >= 400 && a.status() < 500 && a.status() != 409 && a.status() != 412) {
                            fail("update " + project + " answered " + a.status() + ": " + a.body());
                        }
                        // Down, 5xx, or stale: was the change applied with its answer lost?
                        Answer current = call("GET", registry + "/api/v1/projects/" + id, null, Map.of());
                        if (current.ok() && current.body().path("revision").asLong() > expected) {
                            revisions.put(project, current.body().path("revision").asLong());
                            appliedAnswerLost.incrementAndGet();
                            break;
                        }
                        if (Instant.now().isAfter(deadline)) {
                            fail("update " + project + " not accepted within " + opTimeout + ": " + a.status() + " " + a.body());
                        }
                        retried(a);
                        Thread.sleep(300);
                    }
                }
                Thread.sleep(pause.toMillis());
            }
        }

        private Answer untilAnswered(java.util.function.Supplier<Answer> call) throws InterruptedException {
            Instant deadline = Instant.now().plus(opTimeout);
            while (true) {
                Answer a = call.get();
                if (a.status() != -1 && a.status() < 500) {
                    return a;
                }
                if (Instant.now().isAfter(deadline)) {
                    fail("no answer within " + opTimeout + " (last " + a.status() + ")");
                }
                retried(a);
                Thread.sleep(300);
            }
        }

        private void retried(Answer a) {
            retries.incrementAndGet();
            retriedAnswers.computeIfAbsent(a.status(), k -> new AtomicInteger()).incrementAndGet();
        }

        /** Retried answers by status, e.g. {-1=40, 503=12}. */
        Map<Integer, Integer> retriedByStatus() {
            Map<Integer, Integer> byStatus = new TreeMap<>();
            retriedAnswers.forEach((status, n) -> byStatus.put(status, n.get()));
            return byStatus;
        }

        private void record(Answer a, String registry) {
            accepted.computeIfAbsent(a.body().path("id").asText(), k -> ConcurrentHashMap.newKeySet()).add(a.body().path("revision").asLong());
            acceptedCount.incrementAndGet();
            perRegistry[registries.indexOf(registry)].incrementAndGet();
        }
    }

    // ---------------------------------------------------------------- the registry's current state

    record ProjectState(String id, String zoneId, long revision, String origin, String status, String currency, BigDecimal capital, long workers) {
    }

    record RegistryState(Map<String, String> zoneProvince, Map<String, Long> zoneRevisions, Map<String, ProjectState> projects) {
        Map<String, Long> revisions() {
            Map<String, Long> all = new HashMap<>(zoneRevisions);
            projects.values().forEach(p -> all.put(p.id(), p.revision()));
            return all;
        }
    }

    static RegistryState readRegistry(String registryUrl) {
        Map<String, String> zoneProvince = new HashMap<>();
        Map<String, Long> zoneRevisions = new HashMap<>();
        Map<String, ProjectState> projects = new HashMap<>();
        for (int page = 0; ; page++) {
            JsonNode zones = getJson(registryUrl + "/api/v1/zones?size=1000&page=" + page);
            for (JsonNode z : zones) {
                String id = z.path("id").asText();
                zoneProvince.put(id, z.path("provinceCode").asText());
                zoneRevisions.put(id, z.path("revision").asLong());
                for (JsonNode p : getJson(registryUrl + "/api/v1/zones/" + id + "/projects")) {
                    projects.put(p.path("id").asText(), new ProjectState(p.path("id").asText(), id, p.path("revision").asLong(),
                            p.path("origin").asText(), p.path("status").asText(),
                            p.path("registeredCapital").path("currency").asText(),
                            p.path("registeredCapital").path("amount").decimalValue(), p.path("workers").asLong(0)));
                }
            }
            if (zones.size() < 1000) {
                break;
            }
        }
        return new RegistryState(zoneProvince, zoneRevisions, projects);
    }

    /** Province figures recomputed here from the registry's state: what metrics must say. */
    static Map<String, Map<String, BigDecimal>> expectedProvinceFigures(RegistryState state) {
        Map<String, Map<String, BigDecimal>> expected = new TreeMap<>();
        for (String province : new TreeSet<>(state.zoneProvince().values())) {
            Map<String, BigDecimal> f = new TreeMap<>();
            for (String k : List.of("active", "workers", "USD.fdi", "USD.domestic", "VND.fdi", "VND.domestic")) {
                f.put(k, BigDecimal.ZERO);
            }
            expected.put(province, f);
        }
        for (ProjectState p : state.projects().values()) {
            if (p.status().equals("SUSPENDED") || p.status().equals("REVOKED")) {
                continue;
            }
            Map<String, BigDecimal> f = expected.get(state.zoneProvince().get(p.zoneId()));
            f.merge("active", BigDecimal.ONE, BigDecimal::add);
            f.merge("workers", BigDecimal.valueOf(p.workers()), BigDecimal::add);
            f.merge(p.currency() + "." + (p.origin().equals("FDI") ? "fdi" : "domestic"), p.capital(), BigDecimal::add);
        }
        return expected;
    }

    static Map<String, BigDecimal> metricsProvinceFigures(String metricsUrl, String province) {
        JsonNode m = getJson(metricsUrl + "/api/v1/indicators/province/" + province);
        Map<String, BigDecimal> f = new TreeMap<>();
        f.put("active", BigDecimal.valueOf(m.path("projects").path("active").asLong()));
        f.put("workers", BigDecimal.valueOf(m.path("employment").path("workers").asLong()));
        for (String currency : List.of("USD", "VND")) {
            for (String origin : List.of("fdi", "domestic")) {
                f.put(currency + "." + origin, m.path("projects").path("capitalByCurrency").path(currency).path(origin).decimalValue());
            }
        }
        return f;
    }

    /** Waits until metrics' province figures equal the recomputation (they converge as events are applied). */
    static void assertMetricsEqualRecomputation(String metricsUrl, RegistryState state, Duration timeout) {
        Map<String, Map<String, BigDecimal>> expected = expectedProvinceFigures(state);
        Instant deadline = Instant.now().plus(timeout);
        Map<String, Map<String, BigDecimal>> actual = new TreeMap<>();
        while (true) {
            actual.clear();
            boolean equal = true;
            for (String province : expected.keySet()) {
                Map<String, BigDecimal> figures = metricsProvinceFigures(metricsUrl, province);
                actual.put(province, figures);
                for (var e : expected.get(province).entrySet()) {
                    if (figures.get(e.getKey()) == null || figures.get(e.getKey()).compareTo(e.getValue()) != 0) {
                        equal = false;
                    }
                }
            }
            if (equal) {
                say("metrics equals the recomputation from the registry: " + actual);
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                fail("metrics' province figures differ from the recomputation after " + timeout + "\n expected " + expected + "\n actual   " + actual);
            }
            ServiceProcess.sleep(500);
        }
    }

    /**
     * metrics-service's own reconciliation ({@code POST /api/v1/admin/reconcile}: every zone and project of the
     * registry's REST API against its state tables) reports zero differences and compared them all.
     */
    static void assertReconciled(String metricsUrl, RegistryState state) {
        Answer a = retry(() -> call("POST", metricsUrl + "/api/v1/admin/reconcile", null,
                Map.of("Authorization", "Bearer " + operatorBearer)), Duration.ofSeconds(60));
        assertEquals(200, a.status(), () -> "reconcile answered " + a.status() + " " + a.body());
        JsonNode report = a.body();
        assertEquals(0, report.path("differences").size(), () -> "reconciliation found differences: " + report.path("differences"));
        assertEquals(state.zoneProvince().size(), report.path("zonesCompared").asLong(), () -> "zones compared: " + report);
        assertEquals(state.projects().size(), report.path("projectsCompared").asLong(), () -> "projects compared: " + report);
        say("reconciliation: " + report.path("zonesCompared") + " zones and " + report.path("projectsCompared")
                + " projects compared, 0 differences");
    }

    /**
     * Every figure a board can read converges to the register: for every scope, the recomputation from the registry's
     * API == metrics-service's figures == reporting-service's latest snapshot (BoardConvergence). Prints how long
     * settling took once the stream had ended.
     */
    static void assertBoardConverged(Suite suite, Duration timeout) {
        BoardConvergence.Result result = new BoardConvergence(suite.url(Suite.REGISTRY), suite.url(Suite.METRICS),
                suite.url(Suite.REPORTING), true).await(timeout, AbstractStreamIT::say);
        say("BOARD CONVERGENCE: " + result);
        assertEquals(List.of(), result.differences(), "figures the board reads that differ from the register");
    }

    static final String DEAD_LETTERS = "izone.metrics.dlq.v1";

    /** Records on metrics' dead-letter topic: an outage must never put a good event there. */
    static long deadLetterCount(String bootstrap) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            var infos = consumer.listTopics(Duration.ofSeconds(20)).get(DEAD_LETTERS);
            if (infos == null) {
                return 0;
            }
            List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(DEAD_LETTERS, i.partition())).toList();
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, Duration.ofSeconds(20));
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(20));
            return partitions.stream().mapToLong(tp -> end.get(tp) - begin.get(tp)).sum();
        }
    }

    // ---------------------------------------------------------------- databases

    static long queryLong(Suite suite, String database, String sql) {
        try (Connection c = DriverManager.getConnection(suite.jdbcUrl(database), suite.postgresUser(), suite.postgresPassword());
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    static void awaitOutboxDrained(Suite suite, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        long pending;
        while ((pending = queryLong(suite, "registry", "SELECT count(*) FROM outbox_event WHERE published_at IS NULL")) > 0) {
            if (Instant.now().isAfter(deadline)) {
                fail(pending + " outbox events still unpublished after " + timeout);
            }
            ServiceProcess.sleep(300);
        }
    }

    /** Metrics applied every aggregate up to the registry's current revision, and saw no version gap. */
    static void assertMetricsAppliedEveryVersion(Suite suite, RegistryState state, Duration timeout) {
        Map<String, Long> expected = state.revisions();
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Map<String, Long> applied = new HashMap<>();
            try (Connection c = DriverManager.getConnection(suite.jdbcUrl("metrics"), suite.postgresUser(), suite.postgresPassword());
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT aggregate_id, version FROM applied_version WHERE aggregate_type IN ('zone','project')")) {
                while (rs.next()) {
                    applied.put(rs.getString(1), rs.getLong(2));
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            Map<String, String> diff = new TreeMap<>();
            expected.forEach((id, v) -> {
                if (!v.equals(applied.get(id))) {
                    diff.put(id, "registry " + v + " metrics " + applied.get(id));
                }
            });
            if (diff.isEmpty()) {
                break;
            }
            if (Instant.now().isAfter(deadline)) {
                fail(diff.size() + " aggregates not applied up to their registry revision: " + diff);
            }
            ServiceProcess.sleep(500);
        }
        assertEquals(0, queryLong(suite, "metrics", "SELECT count(*) FROM sequence_gap"), "metrics recorded version gaps");
    }

    // ---------------------------------------------------------------- the topics

    record Audit(long records, long distinct, long duplicates, Map<Integer, Long> perPartition) {
    }

    /**
     * Reads the registry topics from the beginning to their current end and checks: key = zone id; each
     * aggregate on one partition; after dropping repeats of (aggregateId, aggregateVersion) — which must be the
     * same event (same eventId) — each aggregate's versions appear as 1, 2, 3… in partition order; every
     * accepted change is there; the last version of every aggregate is its current revision in the registry.
     */
    static Audit auditTopics(String bootstrap, Map<String, Set<Long>> accepted, RegistryState state) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        long records = 0;
        long duplicates = 0;
        Map<Integer, Long> perPartition = new TreeMap<>();
        Map<String, Long> lastVersion = new HashMap<>();
        Map<String, String> eventIds = new HashMap<>(); // aggregateId:version -> eventId
        Map<String, TopicPartition> home = new HashMap<>();
        List<String> violations = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : TOPICS) {
                var infos = consumer.partitionsFor(topic, Duration.ofSeconds(20));
                if (infos != null) {
                    infos.forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(20));
            Instant deadline = Instant.now().plusSeconds(90);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (Instant.now().isAfter(deadline)) {
                    fail("could not read the topics to their end within 90 s");
                }
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    records++;
                    perPartition.merge(r.partition(), 1L, Long::sum);
                    JsonNode e;
                    try {
                        e = JSON.readTree(r.value());
                    } catch (IOException ex) {
                        violations.add("unparseable record at " + r.topic() + "-" + r.partition() + "@" + r.offset());
                        continue;
                    }
                    String aggregate = e.path("aggregateId").asText();
                    long version = e.path("aggregateVersion").asLong();
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    if (!e.path("zoneId").asText().equals(r.key())) {
                        violations.add("key " + r.key() + " is not the zone id of " + aggregate);
                    }
                    TopicPartition previousHome = home.putIfAbsent(aggregate, tp);
                    if (previousHome != null && !previousHome.equals(tp)) {
                        violations.add(aggregate + " on two partitions: " + previousHome + " and " + tp);
                    }
                    long last = lastVersion.getOrDefault(aggregate, 0L);
                    String eventId = e.path("eventId").asText();
                    if (version <= last) {
                        duplicates++;
                        String first = eventIds.get(aggregate + ":" + version);
                        if (!eventId.equals(first)) {
                            violations.add(aggregate + " v" + version + " delivered as two different events " + first + " and " + eventId);
                        }
                    } else if (version == last + 1) {
                        lastVersion.put(aggregate, version);
                        eventIds.put(aggregate + ":" + version, eventId);
                    } else {
                        violations.add(aggregate + " v" + version + " after v" + last + " at " + tp + "@" + r.offset() + " (gap or out of order)");
                        lastVersion.put(aggregate, version);
                        eventIds.put(aggregate + ":" + version, eventId);
                    }
                }
            }
        }
        accepted.forEach((id, versions) -> versions.forEach(v -> {
            if (!eventIds.containsKey(id + ":" + v)) {
                violations.add("accepted change " + id + " r" + v + " is not on the topics");
            }
        }));
        state.revisions().forEach((id, v) -> {
            if (!v.equals(lastVersion.get(id))) {
                violations.add(id + " is at revision " + v + " in the registry but its last event is v" + lastVersion.get(id));
            }
        });
        if (!violations.isEmpty()) {
            fail(violations.size() + " violations on the topics, first 20: " + String.join("\n  ", violations.subList(0, Math.min(20, violations.size()))));
        }
        return new Audit(records, eventIds.size(), duplicates, perPartition);
    }

    static long count(Collection<Set<Long>> sets) {
        return sets.stream().mapToLong(Set::size).sum();
    }
}
