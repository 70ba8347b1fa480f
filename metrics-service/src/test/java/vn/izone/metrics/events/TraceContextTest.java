package vn.izone.metrics.events;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import vn.izone.metrics.support.IndicatorTopic;
import vn.izone.metrics.support.MetricsTestServers;
import vn.izone.metrics.support.RegistryEvents;
import vn.izone.servers.KafkaRecords;
import vn.izone.servers.Traceparents;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A registry event's W3C {@code traceparent} (issue #17) is optional: an event that carries one is applied and its zone's
 * snapshot goes out on the indicator topic continuing its trace; an event without one, or with one that does not parse,
 * is applied just the same (tolerant reader), nothing is dead-lettered, and its snapshot starts a trace of its own.
 */
@QuarkusTest
@QuarkusTestResource(MetricsTestServers.class)
class TraceContextTest {

    @Inject
    DataSource db;

    @Test
    void anEventsTraceReachesItsZonesSnapshotAndEventsWithoutOneAreAppliedAlike() throws SQLException {
        String trace = Traceparents.randomHex(16);
        String relaySpan = Traceparents.randomHex(8);
        UUID traced = UUID.randomUUID();
        UUID untraced = UUID.randomUUID();
        UUID broken = UUID.randomUUID();
        try (RegistryEvents events = new RegistryEvents()) {
            events.send(RegistryEvents.ZONES, traced,
                    RegistryEvents.zone(traced, 1, "T80", "T81", "INDUSTRIAL_PARK", "IN_OPERATION", 100, 40),
                    Map.of("traceparent", "00-" + trace + "-" + relaySpan + "-01", "ce_id", UUID.randomUUID().toString()));
            awaitApplied(traced, 1);
            ConsumerRecord<String, String> snapshot = awaitSnapshot("zone:" + traced);
            List<String> traceparents = KafkaRecords.headers(snapshot, "traceparent");
            assertEquals(1, traceparents.size(), "one traceparent per snapshot: " + traceparents);
            Matcher sent = Traceparents.parse(traceparents.get(0));
            assertEquals(trace, sent.group(1), "the zone's snapshot continues the trace of its change");
            assertNotEquals(relaySpan, sent.group(2), "from metrics' own span");

            events.send(RegistryEvents.ZONES, untraced,
                    RegistryEvents.zone(untraced, 1, "T80", "T81", "INDUSTRIAL_PARK", "IN_OPERATION", 80, 20));
            events.send(RegistryEvents.ZONES, broken,
                    RegistryEvents.zone(broken, 1, "T80", "T81", "INDUSTRIAL_PARK", "IN_OPERATION", 60, 10),
                    Map.of("traceparent", "not-a-traceparent"));
            awaitApplied(untraced, 1);
            awaitApplied(broken, 1);
            for (UUID zone : List.of(untraced, broken)) {
                Matcher own = Traceparents.parse(KafkaRecords.headers(awaitSnapshot("zone:" + zone), "traceparent").get(0));
                assertNotEquals(trace, own.group(1), "a change without a trace context gets a trace of its own");
            }
            assertEquals(40.0, leased(traced));
            assertEquals(20.0, leased(untraced));
            assertEquals(10.0, leased(broken));
        }
        assertTrue(deadLetters(Set.of(traced.toString(), untraced.toString(), broken.toString())).isEmpty(),
                "nothing dead-lettered for a missing or broken traceparent");
    }

    private void awaitApplied(UUID aggregate, long version) {
        await().atMost(Duration.ofSeconds(60)).until(() -> appliedVersion(aggregate) >= version);
    }

    private long appliedVersion(UUID aggregate) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT version FROM applied_version WHERE aggregate_id = ?")) {
            s.setObject(1, aggregate);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    private double leased(UUID zone) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT leased_area_ha FROM zone_state WHERE zone_id = ?")) {
            s.setObject(1, zone);
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next(), "zone " + zone + " not applied");
                return rs.getDouble(1);
            }
        }
    }

    /** The first snapshot of the scope on the indicator topic, waiting for it. */
    private static ConsumerRecord<String, String> awaitSnapshot(String scopeKey) {
        AtomicReference<ConsumerRecord<String, String>> found = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            List<ConsumerRecord<String, String>> records = readToEnd(IndicatorTopic.NAME, Set.of(scopeKey));
            if (!records.isEmpty()) {
                found.set(records.get(0));
            }
            return found.get() != null;
        });
        return found.get();
    }

    private static List<ConsumerRecord<String, String>> deadLetters(Set<String> keys) {
        return readToEnd(RegistryEvents.DLQ, keys);
    }

    /** Every record of the topic with one of the keys, from its beginning to its end as of now. */
    private static List<ConsumerRecord<String, String>> readToEnd(String topic, Set<String> keys) {
        return KafkaRecords.readToEnd(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class), topic, keys);
    }
}
