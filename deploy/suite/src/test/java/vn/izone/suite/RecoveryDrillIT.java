package vn.izone.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.izone.servers.Backups;
import vn.izone.servers.PostgresServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Issue #18, the recovery drill. PostgreSQL archives its WAL. A stream of project changes flows through the registry
 * API and a base backup is taken in the middle of it; reports are submitted and corrected; two writers keep updating
 * projects while the instant T is noted; after T more changes are accepted — updates, a new zone with a project and a
 * report, a new project in an old zone — and every one of them is published and applied by metrics. Then the mistake:
 * the registry's projects and reports are deleted with SQL. The registry database is restored to T on a new server and
 * the registry started on it, reconciling with its topics first. Checked: every change answered before T is there with
 * its revision and its event (the audit trail is the original's up to T); no change sent after T is (each is kept as a
 * lost event); the outbox re-publishes nothing consumers have and skips nothing: each aggregate with a lost window gets
 * one compensating event at the next version, new changes continue after it, the topics stay gap-free with one event
 * per version; metrics applied every version without a gap and reconciles with 0 differences against the restored
 * register. Last, the register is rebuilt from the topics into an empty database and equals the restored register
 * record by record. Prints the backup's size, the restore time and the RPO measured.
 */
class RecoveryDrillIT extends AbstractStreamIT {
    static final int ZONES = 3;
    static final int PROJECTS = 12;
    static final int UPDATES_PER_PROJECT = 1;
    static Suite suite;
    static Path work;
    static PostgresServer restoredServer;

    /** A change answered 2xx: what, at which revision, and when it was sent and answered. */
    record Change(String type, String id, long revision, Instant sent, Instant answered) {
    }

    final List<Change> changes = Collections.synchronizedList(new ArrayList<>());
    /** aggregate id -> type (zone, project, report); reports also -> their zone. */
    final Map<String, String> types = new ConcurrentHashMap<>();
    final Map<String, String> reportZone = new ConcurrentHashMap<>();

    @BeforeAll
    static void startSuite() throws Exception {
        work = Files.createTempDirectory("izone-recovery-drill");
        suite = startSuite("izone-recovery-it", work.resolve("wal"));
    }

    @AfterAll
    static void stopSuite() {
        if (suite != null) {
            suite.close();
        }
        if (restoredServer != null) {
            restoredServer.close();
        }
    }

    @Test
    void theRegisterComesBackToAnInstantAndEveryConsumerWithIt() throws Exception {
        PostgresServer postgres = suite.postgres();
        assertNotNull(postgres, "the drill needs the embedded PostgreSQL server");
        String registry = suite.url(Suite.REGISTRY);
        List<String> zones = createZones(registry, "recovery", ZONES);
        zones.forEach(z -> types.put(z, "zone"));

        // 1. a stream of changes, a base backup taken in the middle of it
        Stream stream = new Stream(List.of(registry), zones, "recovery", PROJECTS, UPDATES_PER_PROJECT, 3, Duration.ofMillis(20)).start();
        stream.awaitAccepted(PROJECTS / 2, Duration.ofSeconds(90));
        int atBackup = stream.acceptedCount.get();
        Backups.BaseBackup backup = Backups.baseBackup(postgres, work.resolve("base"));
        int afterBackup = stream.acceptedCount.get();
        stream.awaitEnd(Duration.ofSeconds(120));
        stream.accepted.keySet().forEach(p -> types.put(p, "project"));
        say("stream: " + stream.acceptedCount.get() + " changes; base backup taken between " + atBackup + " and " + afterBackup
                + " accepted changes: " + mib(backup.bytes()) + " in " + Duration.between(backup.started(), backup.finished()).toMillis() + " ms");
        Map<String, Integer> projectNumbers = projectNumbers(registry, stream.accepted.keySet());

        // 2. reports, one corrected
        List<String> reports = new ArrayList<>();
        for (String zone : zones) {
            reports.add(submitReport(registry, zone, 2024, 1));
        }
        correctReport(registry, zones.get(0), reports.get(0), 1, 7);

        // 3. two writers update projects while T is noted between their changes
        List<String> projects = new ArrayList<>(projectNumbers.keySet());
        Collections.sort(projects);
        List<Thread> writers = new ArrayList<>();
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        Instant writersUntil = Instant.now().plusMillis(1_600);
        for (int w = 0; w < 2; w++) {
            int writer = w;
            Thread t = new Thread(() -> {
                try {
                    for (int i = writer; Instant.now().isBefore(writersUntil); i += 2) {
                        String id = projects.get(i % projects.size());
                        updateProject(registry, id, projectNumbers.get(id));
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }, "tail-" + w);
            t.start();
            writers.add(t);
        }
        ServiceProcess.sleep(800);
        Instant target = Instant.now();
        say("T = " + target + " (" + changes.size() + " changes of the tail so far)");
        for (Thread t : writers) {
            t.join(60_000);
        }
        assertEquals(List.of(), failures, "the writers around T");

        // 4. after T: a zone corrected, a new zone with a project and a report, a new project in an old zone, a report corrected
        Instant afterT = Instant.now();
        updateZone(registry, zones.get(1), "corrected after T");
        String newZone = createZones(registry, "recovery-after-t", 1).get(0);
        types.put(newZone, "zone");
        changes.add(new Change("zone", newZone, 1, afterT, Instant.now()));
        String newProject = registerProject(registry, newZone, 900);
        String oldZoneProject = registerProject(registry, zones.get(2), 901);
        String newReport = submitReport(registry, newZone, 2024, 2);
        correctReport(registry, zones.get(0), reports.get(0), 2, 8);
        awaitOutboxDrained(suite, Duration.ofSeconds(60));
        assertMetricsAppliedEveryVersion(suite, readRegistry(registry), Duration.ofSeconds(90));
        Map<String, List<JsonNode>> original = histories(registry);
        long sentAfterT = changes.stream().filter(c -> c.sent().isAfter(target)).count();
        say("after T: " + sentAfterT + " changes sent, published and applied by metrics (new zone " + newZone + ", projects "
                + newProject + " and " + oldZoneProject + ", report " + newReport + ")");

        // 5. the mistake: the projects and reports deleted with SQL; the WAL that holds it is archived
        try (Connection c = DriverManager.getConnection(suite.jdbcUrl("registry"), suite.postgresUser(), suite.postgresPassword());
             Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            int deletedReports = s.executeUpdate("DELETE FROM report");
            int deletedProjects = s.executeUpdate("DELETE FROM project");
            c.commit();
            say("the mistake: DELETE FROM report (" + deletedReports + " rows), DELETE FROM project (" + deletedProjects + " rows)");
        }
        Backups.switchWal(postgres);
        long walBytes = Backups.size(postgres.walArchive());

        // 6. restore to T on a new server, start the registry on it (reconciling with the topics first)
        Instant restoring = Instant.now();
        Backups.Restored restored = Backups.restore(backup.directory(), postgres.walArchive(), target, work.resolve("restored"), 0, null);
        restoredServer = restored.server();
        Duration restoreTime = Duration.between(restoring, Instant.now());
        say("restored to T in " + restoreTime.toMillis() + " ms (files " + restored.copy().toMillis() + " ms, WAL replay and promotion "
                + restored.replay().toMillis() + " ms); last transaction replayed at " + restored.lastReplayedCommit());
        long topicRecordsBefore = topicRecords(suite.bootstrapServers());
        // the registry that will be rebuilt from the topics (step 9), on an empty database: started meanwhile
        restoredServer.ensureDatabase("registry_rebuilt");
        java.util.concurrent.CompletableFuture<ServiceProcess> rebuiltStarting = java.util.concurrent.CompletableFuture.supplyAsync(() ->
                suite.startInstance(Suite.REGISTRY, "registry-rebuilt", Map.of("QUARKUS_DATASOURCE_JDBC_URL",
                        restoredServer.jdbcUrl("registry_rebuilt"), "IZONE_RECOVERY_RECONCILE", "false")));
        Instant restarting = Instant.now();
        suite.startAgain(Suite.REGISTRY, Map.of("QUARKUS_DATASOURCE_JDBC_URL", restoredServer.jdbcUrl("registry"),
                "IZONE_RECOVERY_RECONCILE", "true"));
        JsonNode recovery = awaitAcceptingChanges(registry, Duration.ofSeconds(60));
        JsonNode report = recovery.path("runs").path(0).path("report");
        say("registry on the restored database, reconciled and taking changes " + Duration.between(restarting, Instant.now()).toMillis()
                + " ms after its start: " + report);

        // 7. every change answered before T is there with its revision and its event; nothing sent after T is
        Map<String, List<JsonNode>> now = histories(registry, original.keySet());
        List<JsonNode> lost = new ArrayList<>();
        getJson(registry + "/api/v1/admin/recovery/lost-events?limit=10000").forEach(lost::add);
        Set<String> lostIds = new HashSet<>();
        lost.forEach(e -> lostIds.add(e.path("eventId").asText()));
        int answeredBeforeT = 0;
        int absent = 0;
        List<Change> missing = new ArrayList<>();
        for (Change c : allChanges(stream)) {
            JsonNode originalEvent = version(original.get(c.id()), c.revision());
            assertNotNull(originalEvent, "the original history has " + c);
            JsonNode restoredEvent = version(now.get(c.id()), c.revision());
            if (c.answered().isBefore(target)) {
                answeredBeforeT++;
                if (restoredEvent == null || !restoredEvent.equals(originalEvent)) {
                    missing.add(c);
                }
            } else if (c.sent().isAfter(target)) {
                absent++;
                assertTrue(restoredEvent == null || !restoredEvent.path("eventId").equals(originalEvent.path("eventId")),
                        "a change sent after T is in the restored register: " + c);
                assertTrue(lostIds.contains(originalEvent.path("eventId").asText()), "a change sent after T is kept as a lost event: " + c);
            }
        }
        Duration rpo = missing.isEmpty() ? Duration.ZERO
                : Duration.between(missing.stream().map(Change::answered).min(Instant::compareTo).orElseThrow(), target);
        assertEquals(List.of(), missing, "changes answered before T that the restore lost (RPO " + rpo.toMillis() + " ms)");

        // the audit trail: up to T, each history is the original's; an aggregate with a lost window has one
        // compensating event after it, at the version after the last one consumers had
        int restoredAggregates = 0;
        int withdrawnAggregates = 0;
        long lostVersions = 0;
        for (Map.Entry<String, List<JsonNode>> e : original.entrySet()) {
            List<JsonNode> before = e.getValue();
            List<JsonNode> after = now.getOrDefault(e.getKey(), List.of());
            List<JsonNode> kept = after.stream().filter(x -> !x.path("eventType").asText().matches(".*\\.(restored|withdrawn)")).toList();
            assertEquals(before.subList(0, kept.size()), kept, "the history of " + e.getKey() + " up to T is the original's");
            if (kept.size() < before.size()) {
                lostVersions += before.size() - kept.size();
                String type = types.get(e.getKey());
                if (kept.isEmpty()) {
                    withdrawnAggregates++;
                    assertEquals(404, call("GET", recordUrl(registry, type, e.getKey()), null, Map.of()).status(),
                            e.getKey() + " was recorded after T");
                } else {
                    restoredAggregates++;
                    JsonNode compensation = after.get(kept.size());
                    assertEquals(type + ".restored", compensation.path("eventType").asText(), e.getKey() + ": " + compensation);
                    assertEquals(before.size() + 1, compensation.path("aggregateVersion").asLong(), e.getKey() + ": " + compensation);
                    assertEquals(withoutRevision(kept.get(kept.size() - 1).path("data")), withoutRevision(compensation.path("data")),
                            e.getKey() + " is back at its state of T");
                }
            }
        }
        assertEquals(lostVersions, lost.size(), "lost events: every version published after T that the restore lost");
        assertEquals(lostVersions, report.path("lostEvents").asLong());
        assertEquals(restoredAggregates, report.path("aggregatesRestored").asInt());
        assertEquals(withdrawnAggregates, report.path("aggregatesWithdrawn").asInt());
        assertTrue(restoredAggregates >= 3 && withdrawnAggregates >= 4, "the drill moves updated aggregates and withdraws new ones: " + report);

        // 8. the restored register takes changes; they continue after the versions consumers have
        Instant resumed = Instant.now();
        List<String> updatedAfter = new ArrayList<>();
        for (String id : projects.subList(0, 3)) {
            updateProject(registry, id, projectNumbers.get(id));
            updatedAfter.add(id);
        }
        String afterRestore = registerProject(registry, zones.get(ZONES - 1), 902);
        awaitRestoredOutboxDrained(Duration.ofSeconds(60));
        long compensations = restoredAggregates + withdrawnAggregates;
        long newRecords = topicRecords(suite.bootstrapServers()) - topicRecordsBefore;
        assertEquals(compensations + updatedAfter.size() + 1, newRecords,
                "the restored registry published its compensations and its new changes, nothing again");

        RegistryState state = readRegistry(registry);
        Map<String, Set<Long>> accepted = new HashMap<>();
        for (Change c : allChanges(stream)) {
            if (!c.type().equals("report")) {
                accepted.computeIfAbsent(c.id(), k -> new HashSet<>()).add(c.revision());
            }
        }
        Audit audit = auditTopics(suite.bootstrapServers(), accepted, state);
        say("topics: " + audit.records() + " records, " + audit.distinct() + " distinct (aggregate, version), " + audit.duplicates()
                + " duplicates; every aggregate gap-free, one event per version");
        assertMetricsAppliedEveryVersion(suite, state, Duration.ofSeconds(90));
        assertMetricsEqualRecomputation(suite.url(Suite.METRICS), state, Duration.ofSeconds(60));
        assertReconciled(suite.url(Suite.METRICS), state);
        assertEquals(0, deadLetterCount(suite.bootstrapServers()), "nothing dead-lettered");
        assertEquals(0, queryLong(suite, "metrics", "SELECT count(*) FROM project_state WHERE project_id IN ('" + newProject + "', '"
                + oldZoneProject + "')"), "metrics forgot the projects recorded after T");
        say("metrics: every version applied, no gap, 0 differences with the restored register " + Duration.between(resumed, Instant.now()).toMillis()
                + " ms after it resumed");

        // 9. the last resort: the register rebuilt from the topics into an empty database equals it, record by record
        ServiceProcess rebuilt = rebuiltStarting.get(180, java.util.concurrent.TimeUnit.SECONDS);
        Answer rebuild = call("POST", rebuilt.url() + "/api/v1/admin/rebuild", null, Map.of("Authorization", "Bearer " + operatorBearer));
        assertEquals(200, rebuild.status(), () -> "rebuild answered " + rebuild.status() + " " + rebuild.body());
        int compared = assertSameRegister(registry, rebuilt.url());
        say("rebuild from the topics: " + rebuild.body() + "; " + compared + " records equal to the restored register's");
        suite.stop("registry-rebuilt");

        say("RECOVERY DRILL: base backup " + mib(backup.bytes()) + " taken mid-stream in "
                + Duration.between(backup.started(), backup.finished()).toMillis() + " ms, WAL archive " + mib(walBytes)
                + "; restore to T " + restoreTime.toMillis() + " ms (files " + restored.copy().toMillis() + " ms, replay and promotion "
                + restored.replay().toMillis() + " ms); RPO " + rpo.toMillis() + " ms (" + answeredBeforeT
                + " changes answered before T, all restored; " + absent + " sent after T, all absent and kept as lost events); "
                + "reconciliation: " + report.path("lostEvents") + " lost events, " + restoredAggregates + " aggregates restored, "
                + withdrawnAggregates + " withdrawn, " + report.path("alreadyOnTopics") + " outbox events found already published; "
                + "rebuild: " + rebuild.body().path("events") + " events into " + compared + " equal records in "
                + rebuild.body().path("millis") + " ms");
    }

    // ---------------------------------------------------------------- changes

    private List<Change> allChanges(Stream stream) {
        List<Change> all = new ArrayList<>(changes);
        Instant before = stream.started;
        stream.accepted.forEach((id, revisions) -> revisions.forEach(r -> all.add(new Change("project", id, r, before, stream.finished))));
        return all;
    }

    private Map<String, Integer> projectNumbers(String registry, Set<String> ids) {
        Map<String, Integer> numbers = new TreeMap<>();
        for (String id : ids) {
            String name = getJson(registry + "/api/v1/projects/" + id).path("name").asText();
            numbers.put(id, Integer.parseInt(name.replace("Drill project ", "")));
        }
        return numbers;
    }

    private void updateProject(String registry, String id, int number) {
        for (int attempt = 0; attempt < 20; attempt++) {
            long revision = getJson(registry + "/api/v1/projects/" + id).path("revision").asLong();
            Instant sent = Instant.now();
            Answer a = call("PUT", registry + "/api/v1/projects/" + id, projectRequest(number, (int) revision + 1),
                    Map.of("If-Match", "\"" + revision + "\""));
            if (a.ok()) {
                changes.add(new Change("project", id, a.body().path("revision").asLong(), sent, Instant.now()));
                return;
            }
            if (a.status() != 412) {
                fail("update of " + id + " answered " + a.status() + " " + a.body());
            }
        }
        fail("update of " + id + " kept meeting 412");
    }

    private String registerProject(String registry, String zone, int number) {
        Instant sent = Instant.now();
        Answer a = call("POST", registry + "/api/v1/zones/" + zone + "/projects", projectRequest(number, 1), Map.of());
        assertEquals(201, a.status(), () -> String.valueOf(a.body()));
        String id = a.body().path("id").asText();
        types.put(id, "project");
        changes.add(new Change("project", id, 1, sent, Instant.now()));
        return id;
    }

    private void updateZone(String registry, String zone, String source) {
        JsonNode current = getJson(registry + "/api/v1/zones/" + zone);
        ObjectNode body = zoneRequest(current.path("name").asText(), current.path("provinceCode").asText());
        body.put("source", source);
        Instant sent = Instant.now();
        Answer a = call("PUT", registry + "/api/v1/zones/" + zone, body, Map.of("If-Match", "\"" + current.path("revision").asLong() + "\""));
        assertEquals(200, a.status(), () -> String.valueOf(a.body()));
        changes.add(new Change("zone", zone, a.body().path("revision").asLong(), sent, Instant.now()));
    }

    private static ObjectNode reportRequest(int year, int quarter, int workers) {
        ObjectNode r = JSON.createObjectNode();
        r.put("periodKind", "QUARTER").put("year", year).put("number", quarter).put("workers", workers)
                .put("revenueVnd", 1_000_000_000L * workers).put("validOn", LocalDate.of(year, quarter * 3, 28).toString()).put("source", "drill");
        return r;
    }

    private String submitReport(String registry, String zone, int year, int quarter) {
        Instant sent = Instant.now();
        Answer a = call("POST", registry + "/api/v1/zones/" + zone + "/reports", reportRequest(year, quarter, 100 + quarter), Map.of());
        assertEquals(201, a.status(), () -> String.valueOf(a.body()));
        String id = a.body().path("id").asText();
        types.put(id, "report");
        reportZone.put(id, zone);
        changes.add(new Change("report", id, 1, sent, Instant.now()));
        return id;
    }

    private void correctReport(String registry, String zone, String report, long revision, int workers) {
        Instant sent = Instant.now();
        Answer a = call("PUT", registry + "/api/v1/zones/" + zone + "/reports/" + report, reportRequest(2024, 1, 100 + workers),
                Map.of("If-Match", "\"" + revision + "\""));
        assertEquals(200, a.status(), () -> String.valueOf(a.body()));
        changes.add(new Change("report", report, a.body().path("revision").asLong(), sent, Instant.now()));
    }

    // ---------------------------------------------------------------- the registry read back

    private String recordUrl(String registry, String type, String id) {
        return switch (type) {
            case "zone" -> registry + "/api/v1/zones/" + id;
            case "project" -> registry + "/api/v1/projects/" + id;
            default -> registry + "/api/v1/zones/" + reportZone.get(id) + "/reports/" + id;
        };
    }

    private Map<String, List<JsonNode>> histories(String registry) {
        return histories(registry, types.keySet());
    }

    /** The history (GET …/history) of each aggregate; empty for one the register does not hold. */
    private Map<String, List<JsonNode>> histories(String registry, Set<String> ids) {
        Map<String, List<JsonNode>> histories = new LinkedHashMap<>();
        for (String id : ids) {
            Answer a = call("GET", recordUrl(registry, types.get(id), id) + "/history", null, Map.of());
            List<JsonNode> events = new ArrayList<>();
            if (a.ok()) {
                a.body().forEach(events::add);
            } else if (a.status() != 404) {
                fail("history of " + id + " answered " + a.status());
            }
            histories.put(id, events);
        }
        return histories;
    }

    private static JsonNode version(List<JsonNode> history, long version) {
        if (history == null) {
            return null;
        }
        return history.stream().filter(e -> e.path("aggregateVersion").asLong() == version).findFirst().orElse(null);
    }

    /**
     * A state without its revision, numbers by value (an event built from a request says 5000 where the database
     * gives back 5000.0000) and instants to the microsecond (what PostgreSQL keeps).
     */
    private static JsonNode withoutRevision(JsonNode data) {
        ObjectNode copy = data.deepCopy();
        copy.remove("revision");
        return canonical(copy);
    }

    private static JsonNode canonical(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = JSON.createObjectNode();
            node.fields().forEachRemaining(e -> out.set(e.getKey(), canonical(e.getValue())));
            return out;
        }
        if (node.isArray()) {
            com.fasterxml.jackson.databind.node.ArrayNode out = JSON.createArrayNode();
            node.forEach(n -> out.add(canonical(n)));
            return out;
        }
        if (node.isNumber()) {
            return JSON.getNodeFactory().textNode(node.decimalValue().stripTrailingZeros().toPlainString());
        }
        if (node.isTextual() && node.asText().matches("\\d{4}-\\d{2}-\\d{2}T.*Z")) {
            return JSON.getNodeFactory().textNode(Instant.parse(node.asText()).plusNanos(500).truncatedTo(java.time.temporal.ChronoUnit.MICROS).toString());
        }
        return node;
    }

    private static JsonNode awaitAcceptingChanges(String registry, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Answer a = call("GET", registry + "/api/v1/admin/recovery", null, Map.of());
            if (a.ok() && a.body().path("acceptingChanges").asBoolean()) {
                return a.body();
            }
            if (Instant.now().isAfter(deadline)) {
                fail("the restored registry did not reconcile within " + timeout + ": " + a.status() + " " + a.body());
            }
            ServiceProcess.sleep(300);
        }
    }

    private void awaitRestoredOutboxDrained(Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            try (Connection c = DriverManager.getConnection(restoredServer.jdbcUrl("registry"), PostgresServer.USER, PostgresServer.PASSWORD);
                 Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM outbox_event WHERE published_at IS NULL")) {
                rs.next();
                if (rs.getLong(1) == 0) {
                    return;
                }
                if (Instant.now().isAfter(deadline)) {
                    fail(rs.getLong(1) + " events of the restored registry unpublished after " + timeout);
                }
            }
            ServiceProcess.sleep(200);
        }
    }

    /** The registry topics' records, summed over partitions (end offsets). */
    private static long topicRecords(String bootstrap) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : TOPICS) {
                consumer.partitionsFor(topic, Duration.ofSeconds(20)).forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
            }
            return consumer.endOffsets(partitions, Duration.ofSeconds(20)).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Every zone, and every project and report of each, read from both registries: equal as JSON. Returns the count. */
    private static int assertSameRegister(String expectedUrl, String actualUrl) {
        Map<String, JsonNode> expected = register(expectedUrl);
        Map<String, JsonNode> actual = register(actualUrl);
        assertEquals(expected.keySet(), actual.keySet(), "the rebuilt register holds the same records");
        List<String> different = new ArrayList<>();
        expected.forEach((id, record) -> {
            if (!record.equals(actual.get(id))) {
                different.add(id + "\n   restored " + record + "\n   rebuilt  " + actual.get(id));
            }
        });
        assertEquals(List.of(), different, "records of the rebuilt register that differ");
        return expected.size();
    }

    private static Map<String, JsonNode> register(String registryUrl) {
        Map<String, JsonNode> records = new TreeMap<>();
        for (JsonNode zone : getJson(registryUrl + "/api/v1/zones?size=1000")) {
            String id = zone.path("id").asText();
            records.put("zone " + id, zone);
            getJson(registryUrl + "/api/v1/zones/" + id + "/projects").forEach(p -> records.put("project " + p.path("id").asText(), p));
            getJson(registryUrl + "/api/v1/zones/" + id + "/reports").forEach(r -> records.put("report " + r.path("id").asText(), r));
            records.put("history " + id, last(getJson(registryUrl + "/api/v1/zones/" + id + "/history")));
        }
        return records;
    }

    private static JsonNode last(JsonNode history) {
        return history.size() == 0 ? null : history.get(history.size() - 1).path("eventId");
    }

    private static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
