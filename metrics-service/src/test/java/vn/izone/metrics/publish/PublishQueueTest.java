package vn.izone.metrics.publish;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import vn.izone.metrics.support.MetricsTestServers;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The publish queue's marks and their logs of changed rows: a publisher drops exactly the part of a log it read, and
 * what was applied after its read stays (and keeps the scope due); a log too long, or emptied tables, make it unknown.
 */
@QuarkusTest
@QuarkusTestResource(MetricsTestServers.class)
class PublishQueueTest {
    @Inject
    PublishQueue queue;
    @Inject
    DataSource db;

    @Test
    void publishingDropsTheReadPartOfTheLogAndKeepsWhatCameAfter() throws Exception {
        String key = "province:Q" + UUID.randomUUID().toString().substring(0, 6);
        try (Held held = heldFromThePublisher(key)) {
            dropsTheReadPart(key);
        }
    }

    private void dropsTheReadPart(String key) {
        mark(key, 7, List.of("projects.active", "zones.total"));
        PublishQueue.Mark read = only(key);
        assertEquals(List.of("projects.active", "zones.total"), read.changed());
        assertTrue(read.due());

        mark(key, 7, List.of("period-row:QUARTER|2025|1")); // applied after the publisher's read
        published(read);
        PublishQueue.Mark after = only(key);
        assertEquals(read.version(), after.published());
        assertTrue(after.due(), "a change applied after the read keeps the scope due");
        assertEquals(List.of("period-row:QUARTER|2025|1"), after.changed(), "only the part read is dropped");

        published(after);
        PublishQueue.Mark done = only(key);
        assertFalse(done.due());
        assertEquals(List.of(), done.changed());
        assertEquals(0, QuarkusTransaction.requiringNew().call(() -> queue.due(PublishQueue.Lane.ABOVE_ZONES, 100_000)).stream()
                .filter(key::equals).count(), "a published scope is not due");
    }

    @Test
    void aLogTooLongOrEmptiedTablesMakeTheRowsUnknownUntilPublishedQuietly() throws Exception {
        String key = "province:R" + UUID.randomUUID().toString().substring(0, 6);
        try (Held held = heldFromThePublisher(key)) {
            unknownRows(key);
        }
    }

    private void unknownRows(String key) {
        mark(key, 3, IntStream.range(0, PublishQueue.LOG_LIMIT + 1).mapToObj(i -> "status:S" + i).toList());
        PublishQueue.Mark overflowed = only(key);
        assertTrue(overflowed.changed() == null, "past the limit the log is dropped: read the scope whole");

        mark(key, 3, List.of("zones.total"));
        published(overflowed);
        PublishQueue.Mark busy = only(key);
        assertNull(busy.changed(), "changes since an unknown log's read stay unknown");
        assertTrue(busy.due());

        published(busy);
        PublishQueue.Mark quiet = only(key);
        assertEquals(List.of(), quiet.changed(), "published with nothing applied since: the log starts again");
        assertFalse(quiet.due());

        QuarkusTransaction.requiringNew().run(queue::everythingChanged);
        PublishQueue.Mark replayed = only(key);
        assertTrue(replayed.due(), "after a replay every scope is due");
        assertNull(replayed.changed(), "and read whole");
    }

    /**
     * The service's own publisher runs in this test too: the scope's claim is held on a connection of its own (the
     * publisher skips a scope it cannot claim), so that only this test publishes it.
     */
    private Held heldFromThePublisher(String key) throws SQLException {
        Connection c = db.getConnection();
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_lock(hashtext(?))")) {
            lock.setString(1, key);
            lock.executeQuery().close();
        }
        return new Held(c);
    }

    /** A pooled connection outlives close(): the lock is given back before it goes back to the pool. */
    private record Held(Connection connection) implements AutoCloseable {
        @Override
        public void close() throws SQLException {
            try (var unlock = connection.createStatement()) {
                unlock.execute("SELECT pg_advisory_unlock_all()");
            } finally {
                connection.close();
            }
        }
    }

    private void mark(String key, int shard, Collection<String> rows) {
        SortedMap<String, Collection<String>> changed = new TreeMap<>();
        changed.put(key, new ArrayList<>(rows));
        QuarkusTransaction.requiringNew().run(() -> queue.markChanged(changed, shard));
    }

    private PublishQueue.Mark only(String key) {
        List<PublishQueue.Mark> marks = QuarkusTransaction.requiringNew().call(() -> queue.marks(List.of(key))).get(key);
        assertEquals(1, marks.size(), "one shard's mark");
        return marks.get(0);
    }

    private void published(PublishQueue.Mark read) {
        QuarkusTransaction.requiringNew().run(() -> queue.published(List.of(read), Instant.now()));
    }
}
