package vn.izone.suite;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.izone.servers.KafkaServer;
import vn.izone.servers.PostgresServer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #6, fault drills. While a bounded stream of project registrations and updates flows through the
 * registry API: (a) the Kafka broker is stopped and started again; (b) metrics-service is killed (SIGKILL) and
 * started again; (c) with the broker killed so that committed events pile up in the outbox, registry-service is
 * killed (SIGKILL), then the broker and the registry are started again; (d) PostgreSQL, every service's
 * database, is stopped (fast shutdown) and started again on the same data and port, then (e) killed (SIGKILL)
 * and started again, no service being restarted. Afterwards every accepted change is on the topics, exactly
 * once per version after dedup, in order; metrics' figures equal a recomputation from the registry's current
 * state; metrics' own reconciliation reports no difference; and nothing went to the dead-letter topic.
 */
class FaultDrillIT extends AbstractStreamIT {
    static final int ZONES = 10;
    static final int PROJECTS = 100;
    static final int UPDATES_PER_PROJECT = 2; // 100 registrations + 200 updates = 300 changes
    static Suite suite;

    @BeforeAll
    static void startSuite() throws IOException {
        suite = startSuite("izone-drill-it");
    }

    @AfterAll
    static void stopSuite() {
        if (suite != null) {
            suite.close();
        }
    }

    @Test
    void everyAcceptedChangeArrivesOnceInOrderThroughBrokerRestartCrashesAndDatabaseRestarts() throws Exception {
        KafkaServer kafka = suite.kafka();
        PostgresServer postgres = suite.postgres();
        assertNotNull(kafka, "the drill needs the embedded broker");
        assertNotNull(postgres, "the drill needs the embedded PostgreSQL server");
        String registry = suite.url(Suite.REGISTRY);
        List<String> zones = createZones(registry, "drill", ZONES);

        Stream stream = new Stream(List.of(registry), zones, "drill", PROJECTS, UPDATES_PER_PROJECT, 3, Duration.ofMillis(200))
                .holdAt(80).holdAt(140).holdAt(200).holdAt(250).holdAt(290).start();
        say("stream started: " + stream.plannedChanges() + " changes over " + ZONES + " zones, 3 threads");

        // (a) the broker goes away politely and comes back; the registry keeps accepting into its outbox.
        stream.awaitAccepted(30, Duration.ofSeconds(120));
        Instant a = Instant.now();
        int atBrokerStop = stream.acceptedCount.get();
        kafka.stop();
        ServiceProcess.sleep(3_000);
        kafka.restart();
        say("(a) broker stopped at " + atBrokerStop + " accepted changes, restarted (now " + stream.acceptedCount.get() + ") in "
                + Duration.between(a, Instant.now()).toMillis() + " ms");
        stream.open(80);

        // (b) metrics crashes mid-stream and comes back; it resumes from its last committed offsets.
        stream.awaitAccepted(90, Duration.ofSeconds(120));
        Instant b = Instant.now();
        suite.kill(Suite.METRICS);
        int atMetricsKill = stream.acceptedCount.get();
        ServiceProcess.sleep(2_000);
        suite.startAgain(Suite.METRICS);
        say("(b) metrics killed at " + atMetricsKill + " accepted changes, ready again after "
                + Duration.between(b, Instant.now()).toMillis() + " ms");
        stream.open(140);

        // (c) committed-but-unrelayed events: kill the broker so the outbox fills, then crash the registry.
        stream.awaitAccepted(150, Duration.ofSeconds(120));
        Instant c = Instant.now();
        kafka.kill(); // a power cut this time (and quicker than a controlled shutdown)
        ServiceProcess.sleep(3_000);
        suite.kill(Suite.REGISTRY);
        int atRegistryKill = stream.acceptedCount.get();
        long pending = queryLong(suite, "registry", "SELECT count(*) FROM outbox_event WHERE published_at IS NULL");
        kafka.restart();
        suite.startAgain(Suite.REGISTRY);
        say("(c) registry killed at " + atRegistryKill + " accepted changes with " + pending
                + " committed events not yet relayed; broker and registry back after " + Duration.between(c, Instant.now()).toMillis() + " ms");
        assertTrue(pending > 0, "the registry crash should leave unrelayed events behind");
        assertTrue(atRegistryKill < stream.plannedChanges(), "the registry crash happens mid-stream");
        stream.open(200);

        // (d) PostgreSQL (every service's database) stops the polite way and comes back on the same data and port;
        // (e) then it is killed like a power cut. No service is restarted: their pools, the outbox relay and the
        // metrics consumer must find the database again by themselves.
        DatabaseOutage fast = databaseOutage("(d) fast stop", stream, 205, postgres::stop, postgres);
        stream.open(250);
        DatabaseOutage killed = databaseOutage("(e) kill -9", stream, 255, postgres::kill, postgres);
        stream.open(290);

        stream.awaitEnd(Duration.ofSeconds(180));
        Duration streamed = Duration.between(stream.started, stream.finished);
        say("stream done: " + stream.acceptedCount.get() + " changes answered 2xx, " + stream.appliedAnswerLost.get()
                + " applied with the answer lost, " + stream.retries.get() + " retries " + stream.retriedByStatus()
                + " (status: count; -1 = no answer), in " + streamed.toMillis() + " ms");

        Instant checks = Instant.now();
        awaitOutboxDrained(suite, Duration.ofSeconds(60));
        RegistryState state = readRegistry(suite.url(Suite.REGISTRY));
        assertEquals(PROJECTS, state.projects().size());
        assertEquals(ZONES + 2, state.zoneProvince().size(), "the drill's zones and the two outage probes, each once");
        Audit audit = auditTopics(suite.bootstrapServers(), stream.accepted, state);
        say("topics: " + audit.records() + " records, " + audit.distinct() + " distinct (aggregate, version), "
                + audit.duplicates() + " redelivered duplicates dropped, per partition " + audit.perPartition());
        assertEquals(ZONES + 2 + PROJECTS * (1 + UPDATES_PER_PROJECT), audit.distinct());
        assertTrue(count(stream.accepted.values()) + stream.appliedAnswerLost.get() == PROJECTS * (1 + UPDATES_PER_PROJECT));
        assertEquals(null, stream.retriedAnswers.get(500), () -> "no plain 500: an unavailable database answers 503 "
                + stream.retriedByStatus() + "; the registry logged:\n" + failuresLogged(suite, Suite.REGISTRY));

        assertMetricsAppliedEveryVersion(suite, state, Duration.ofSeconds(120));
        assertMetricsEqualRecomputation(suite.url(Suite.METRICS), state, Duration.ofSeconds(60));
        assertReconciled(suite.url(Suite.METRICS), state);
        assertBoardConverged(suite, Duration.ofSeconds(60));
        assertEquals(0, deadLetterCount(suite.bootstrapServers()), "no event was dead-lettered by an outage");
        say("DRILL RESULT: " + audit.distinct() + " events (" + audit.records() + " records incl. " + audit.duplicates()
                + " duplicates) through broker restart, metrics kill -9, registry kill -9 with " + pending
                + " unrelayed, PostgreSQL fast stop (" + fast + ") and kill -9 (" + killed + "); stream "
                + streamed.toMillis() + " ms; checks " + Duration.between(checks, Instant.now()).toMillis() + " ms");
    }

    /** What one PostgreSQL outage looked like from outside. */
    record DatabaseOutage(long stopMillis, long downMillis, long restartMillis, int writeStatus, String writeType, int readyStatus,
                          long recoveredMillis) {
        @Override
        public String toString() {
            return "stopping took " + stopMillis + " ms, down " + downMillis + " ms, starting again " + restartMillis
                    + " ms; meanwhile a write answered " + writeStatus + " " + writeType + ", readiness " + readyStatus
                    + "; all services ready again and the stream accepting " + recoveredMillis + " ms after the restart";
        }
    }

    /**
     * Stops PostgreSQL while the stream flows, checks what the registry answers meanwhile (503 problem+json to
     * a write, readiness DOWN), starts it again on the same data and port, and waits until every service is ready
     * again without being restarted and the stream accepts changes again. The write is a zone registration with
     * an Idempotency-Key, retried after the restart until it is created, then sent once more: the same zone.
     */
    private DatabaseOutage databaseOutage(String name, Stream stream, int at, Runnable stop, PostgresServer postgres) {
        stream.awaitAccepted(at, Duration.ofSeconds(180));
        int atStop = stream.acceptedCount.get();
        Instant stopping = Instant.now();
        stop.run();
        Instant down = Instant.now();
        String registry = suite.url(Suite.REGISTRY);
        String key = "drill-db-probe-" + name.charAt(1);
        var probe = zoneRequest("Khu công nghiệp drill probe " + name.charAt(1), PROVINCES.get(0));
        Answer write = call("POST", registry + "/api/v1/zones", probe, Map.of("Idempotency-Key", key));
        String writeType = contentType(registry, probe, key);
        Answer ready = call("GET", registry + "/q/health/ready", null, Map.of());
        ServiceProcess.sleep(3_000);
        Instant starting = Instant.now();
        postgres.restart();
        Instant up = Instant.now();
        long downMillis = Duration.between(down, starting).toMillis();
        for (String service : List.of(Suite.REGISTRY, Suite.METRICS, Suite.REPORTING)) {
            suite.service(service).awaitReady(Duration.ofSeconds(120)); // throws if the process died
        }
        Answer created = retry(() -> call("POST", registry + "/api/v1/zones", probe, Map.of("Idempotency-Key", key)), Duration.ofSeconds(60));
        assertEquals(201, created.status(), () -> "the probe after the restart: " + created.body());
        Answer again = call("POST", registry + "/api/v1/zones", probe, Map.of("Idempotency-Key", key));
        assertEquals(created.body().path("id"), again.body().path("id"), "a retry with the same Idempotency-Key creates nothing new");
        int before = stream.acceptedCount.get();
        stream.awaitAccepted(before + 1, Duration.ofSeconds(120));
        DatabaseOutage outage = new DatabaseOutage(Duration.between(stopping, down).toMillis(), downMillis,
                Duration.between(starting, up).toMillis(), write.status(), writeType, ready.status(),
                Duration.between(up, Instant.now()).toMillis());
        say(name + ": PostgreSQL stopped at " + atStop + " accepted changes; " + outage);
        assertEquals(503, write.status(), () -> name + ": a write while the database is down answers 503, not " + write.status() + " " + write.body());
        assertEquals("application/problem+json", writeType, name + ": the 503 is a problem document");
        assertEquals(503, ready.status(), name + ": readiness is DOWN while the database is down");
        return outage;
    }

    /** Each "request failed" the service logged, with the lines that say why (its causes), for a failure's message. */
    private static String failuresLogged(Suite suite, String service) {
        try {
            List<String> lines = Files.readAllLines(suite.service(service).log());
            StringBuilder why = new StringBuilder();
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains("request failed")) {
                    why.append(lines.get(i)).append('\n');
                    for (int j = i + 1; j < Math.min(lines.size(), i + 80); j++) {
                        String line = lines.get(j).trim();
                        if (line.startsWith("Caused by") || line.startsWith("Suppressed")) {
                            why.append("  ").append(line).append('\n');
                        }
                    }
                }
            }
            return why.length() == 0 ? "(no \"request failed\")" : why.toString();
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /** The content type of the registry's answer to the probe (the shared helper keeps only the body). */
    private static String contentType(String registry, Object body, String key) {
        try {
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(registry + "/api/v1/zones"))
                    .timeout(Duration.ofSeconds(15)).header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + bearer).header("Idempotency-Key", key)
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
            return HTTP.send(request, java.net.http.HttpResponse.BodyHandlers.discarding()).headers()
                    .firstValue("Content-Type").orElse("none").replaceAll(";.*", "");
        } catch (Exception e) {
            return "no answer: " + e;
        }
    }
}
