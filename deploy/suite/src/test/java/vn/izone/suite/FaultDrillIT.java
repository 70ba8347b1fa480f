package vn.izone.suite;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.izone.servers.KafkaServer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #6, fault drills. While a bounded stream of project registrations and updates flows through the
 * registry API: (a) the Kafka broker is stopped and started again; (b) metrics-service is killed (SIGKILL) and
 * started again; (c) with the broker killed so that committed events pile up in the outbox, registry-service is
 * killed (SIGKILL), then the broker and the registry are started again. Afterwards every accepted change is on
 * the topics, exactly once per version after dedup, in order; and metrics' figures equal a recomputation from
 * the registry's current state.
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
    void everyAcceptedChangeArrivesOnceInOrderThroughBrokerRestartAndCrashes() throws Exception {
        KafkaServer kafka = suite.kafka();
        assertNotNull(kafka, "the drill needs the embedded broker");
        String registry = suite.url(Suite.REGISTRY);
        List<String> zones = createZones(registry, "drill", ZONES);

        Stream stream = new Stream(List.of(registry), zones, "drill", PROJECTS, UPDATES_PER_PROJECT, 3, Duration.ofMillis(200))
                .holdAt(100).holdAt(180).holdAt(270).start();
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
        stream.open(100);

        // (b) metrics crashes mid-stream and comes back; it resumes from its last committed offsets.
        stream.awaitAccepted(100, Duration.ofSeconds(120));
        Instant b = Instant.now();
        suite.kill(Suite.METRICS);
        int atMetricsKill = stream.acceptedCount.get();
        ServiceProcess.sleep(2_000);
        suite.startAgain(Suite.METRICS);
        say("(b) metrics killed at " + atMetricsKill + " accepted changes, ready again after "
                + Duration.between(b, Instant.now()).toMillis() + " ms");
        stream.open(180);

        // (c) committed-but-unrelayed events: kill the broker so the outbox fills, then crash the registry.
        stream.awaitAccepted(180, Duration.ofSeconds(120));
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
        stream.open(270);

        stream.awaitEnd(Duration.ofSeconds(180));
        Duration streamed = Duration.between(stream.started, stream.finished);
        say("stream done: " + stream.acceptedCount.get() + " changes answered 2xx, " + stream.appliedAnswerLost.get()
                + " applied with the answer lost, " + stream.retries.get() + " retries, in " + streamed.toMillis() + " ms");

        Instant checks = Instant.now();
        awaitOutboxDrained(suite, Duration.ofSeconds(60));
        RegistryState state = readRegistry(suite.url(Suite.REGISTRY));
        assertEquals(PROJECTS, state.projects().size());
        Audit audit = auditTopics(suite.bootstrapServers(), stream.accepted, state);
        say("topics: " + audit.records() + " records, " + audit.distinct() + " distinct (aggregate, version), "
                + audit.duplicates() + " redelivered duplicates dropped, per partition " + audit.perPartition());
        assertEquals(ZONES + PROJECTS * (1 + UPDATES_PER_PROJECT), audit.distinct());
        assertTrue(count(stream.accepted.values()) + stream.appliedAnswerLost.get() == PROJECTS * (1 + UPDATES_PER_PROJECT));

        assertMetricsAppliedEveryVersion(suite, state, Duration.ofSeconds(120));
        assertMetricsEqualRecomputation(suite.url(Suite.METRICS), state, Duration.ofSeconds(60));
        say("DRILL RESULT: " + audit.distinct() + " events (" + audit.records() + " records incl. " + audit.duplicates()
                + " duplicates) through broker restart, metrics kill -9, registry kill -9 with " + pending
                + " unrelayed; stream " + streamed.toMillis() + " ms; checks " + Duration.between(checks, Instant.now()).toMillis() + " ms");
    }
}
