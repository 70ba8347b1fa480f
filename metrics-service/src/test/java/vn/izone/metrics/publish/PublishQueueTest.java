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
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The publish queue's marks: a publisher records as published exactly the version it read, so what was applied after
 * its read keeps the scope due; marks of other shards are their own; a replay makes every mark move.
 */
@QuarkusTest
@QuarkusTestResource(MetricsTestServers.class)
class PublishQueueTest {
    @Inject
    PublishQueue queue;
    @Inject
    DataSource db;

    @Test
    void aChangeAppliedAfterThePublishersReadKeepsTheScopeDue() throws Exception {
        String key = "province:Q" + UUID.randomUUID().toString().substring(0, 6);
        try (Held held = heldFromThePublisher(key)) {
            staysDueAfterALateChange(key);
        }
    }

    private void staysDueAfterALateChange(String key) {
        mark(key, 7);
        PublishQueue.Mark read = only(key);
        assertEquals(1, read.version());
        assertTrue(read.due());

        mark(key, 7); // applied after the publisher's read
        published(read);
        PublishQueue.Mark after = only(key);
        assertEquals(read.version(), after.published());
        assertEquals(2, after.version(), "every change moves the version");
        assertTrue(after.due(), "a change applied after the read keeps the scope due");
        PublishQueue.Taken taken = QuarkusTransaction.requiringNew().call(() -> queue.take(PublishQueue.Lane.ABOVE_ZONES, 100_000));
        assertEquals(1, taken.due().stream().filter(key::equals).count(), "and in the lane's queue");
        assertFalse(taken.claimed().contains(key), "but not taken: another publisher (this test's connection) holds it");
        assertTrue(taken.due().containsAll(taken.claimed()));

        published(read); // a late publisher's older read: never goes back
        assertEquals(read.version(), only(key).published());
        published(after);
        PublishQueue.Mark done = only(key);
        assertFalse(done.due());
        assertEquals(0, QuarkusTransaction.requiringNew().call(() -> queue.take(PublishQueue.Lane.ABOVE_ZONES, 100_000).due()).stream()
                .filter(key::equals).count(), "a published scope is not due");
    }

    @Test
    void eachShardHasItsMarkAndAReplayMovesThemAll() throws Exception {
        String key = "province:R" + UUID.randomUUID().toString().substring(0, 6);
        try (Held held = heldFromThePublisher(key)) {
            shardsApart(key);
        }
    }

    private void shardsApart(String key) {
        mark(key, 3);
        mark(key, 4);
        mark(key, 4);
        List<PublishQueue.Mark> marks = marks(key);
        assertEquals(List.of(3, 4), marks.stream().map(PublishQueue.Mark::shard).toList());
        assertEquals(List.of(1L, 2L), marks.stream().map(PublishQueue.Mark::version).toList());
        QuarkusTransaction.requiringNew().run(() -> queue.published(marks, Instant.now()));
        assertTrue(marks(key).stream().noneMatch(PublishQueue.Mark::due));

        QuarkusTransaction.requiringNew().run(queue::everythingChanged);
        List<PublishQueue.Mark> replayed = marks(key);
        assertEquals(List.of(2L, 3L), replayed.stream().map(PublishQueue.Mark::version).toList(),
                "after a replay every mark has moved: every shard a publisher keeps is read again");
        assertTrue(replayed.stream().allMatch(PublishQueue.Mark::due), "and every scope is due");
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

    private void mark(String key, int shard) {
        QuarkusTransaction.requiringNew().run(() -> queue.markChanged(new TreeSet<>(List.of(key)), shard));
    }

    private List<PublishQueue.Mark> marks(String key) {
        return QuarkusTransaction.requiringNew().call(() -> queue.marks(List.of(key))).get(key);
    }

    private PublishQueue.Mark only(String key) {
        List<PublishQueue.Mark> marks = marks(key);
        assertEquals(1, marks.size(), "one shard's mark");
        return marks.get(0);
    }

    private void published(PublishQueue.Mark read) {
        QuarkusTransaction.requiringNew().run(() -> queue.published(List.of(read), Instant.now()));
    }
}
