package vn.izone.metrics.aggregates;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import vn.izone.metrics.events.RegistryEvent;
import vn.izone.metrics.indicators.IndicatorCalculator;
import vn.izone.metrics.indicators.Scope;
import vn.izone.metrics.publish.PublishQueue;
import vn.izone.metrics.publish.Shard;
import vn.izone.metrics.store.AggregateStore;
import vn.izone.metrics.store.Jdbc;
import vn.izone.metrics.support.DirectEvents;
import vn.izone.metrics.support.MetricsTestServers;
import vn.izone.metrics.support.RegistryEvents;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a publisher keeps of the scopes above zones stays exact under concurrency: writers on their own shards apply
 * project changes and reports continuously, while two publishers (two instances, each with its own kept sums; the
 * service's own publisher runs too) take turns reading and publishing the same scopes. Once the writers stop, each
 * publisher's kept sums of every scope must equal the scope's rows read whole. A cache that skipped a shard whose
 * version moved, trusted a version read after the rows, or let a part's old values stay in the total, would keep a
 * stale figure and fail here.
 */
@QuarkusTest
@QuarkusTestResource(MetricsTestServers.class)
class SumsCacheTest {
    private static final Logger LOG = Logger.getLogger(SumsCacheTest.class);
    private static final int ZONES = 10;
    private static final int WRITERS = 3;
    private static final Duration WRITING = Duration.ofSeconds(5);

    @Inject
    AggregateStore store;
    @Inject
    PublishQueue queue;
    @Inject
    Aggregates aggregates;
    @Inject
    Jdbc jdbc;
    @Inject
    ObjectMapper json;
    @Inject
    DirectEvents direct;

    @Test
    void keptSumsOfTwoPublishersEqualTheRowsAfterConcurrentWrites() throws Exception {
        String province = "KC" + Integer.toString(new Random().nextInt(36 * 36), 36).toUpperCase();
        List<UUID> zones = new ArrayList<>();
        List<RegistryEvent> registrations = new ArrayList<>();
        for (int i = 0; i < ZONES; i++) {
            UUID zone = UUID.randomUUID();
            zones.add(zone);
            registrations.add(event(RegistryEvents.zone(zone, 1, province, province + (i % 2), i % 2 == 0 ? "INDUSTRIAL_PARK"
                    : "INDUSTRIAL_CLUSTER", "IN_OPERATION", 100 + i, 10 + i)));
        }
        store.applyBatch(registrations, Shard.of("zone", 0));
        List<Scope> scopes = List.of(Scope.province(province), Scope.formerProvince(province + "0"),
                Scope.formerProvince(province + "1"), Scope.provinceKind(province, "INDUSTRIAL_PARK"));
        List<String> keys = IndicatorCalculator.keysOf(scopes);

        SumsCache first = new SumsCache(jdbc, null);
        SumsCache second = new SumsCache(jdbc, null);
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 2);
        List<Future<Integer>> writers = new ArrayList<>();
        Instant until = Instant.now().plus(WRITING);
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            writers.add(pool.submit(() -> write(writer, zones, until)));
        }
        Future<Integer> a = pool.submit(() -> publishWhile(first, keys, writing));
        Future<Integer> b = pool.submit(() -> publishWhile(second, keys, writing));
        int events = 0;
        for (Future<Integer> f : writers) {
            events += f.get();
        }
        writing.set(false);
        int rounds = a.get() + b.get();
        pool.shutdown();
        direct.putOnTopics();

        Map<String, Sums> rows = QuarkusTransaction.requiringNew().call(() -> aggregates.read(keys));
        for (SumsCache cache : List.of(first, second)) {
            Map<String, Sums> kept = QuarkusTransaction.requiringNew().call(() -> cache.read(keys, queue.marks(keys)));
            for (String key : keys) {
                assertEquals(rows.get(key), kept.get(key), key + ": kept sums differ from the rows");
            }
        }
        LOG.infof("KEPT SUMS: %d events by %d writers, %d publishing rounds; shards read again %d + %d, scopes read whole %d + %d",
                events, WRITERS, rounds, first.shardsReread(), second.shardsReread(), first.scopesReadWhole(), second.scopesReadWhole());
        assertTrue(events > WRITERS * 5, "the writers applied " + events + " events");
        assertTrue(first.shardsReread() > 0 && second.shardsReread() > 0, "no round brought kept sums up to date by reading a shard again");
        assertEquals(keys.stream().distinct().count(), first.scopesReadWhole(), "each scope is read whole once, then by shard");
        assertTrue(rows.get(Scope.province(province).key()).count("projects.active") > 0, "the writers' projects are in the rows");

        // writer 0's rows move to a shard nothing wrote before (both marks move, as a writer's would): its part must
        // leave each kept total and the new shard's join it; the scopes' totals, and what the referee sees, stay
        int from = Shard.of("project", 0);
        int to = Shard.of("project", 999);
        int moved = QuarkusTransaction.requiringNew().call(() -> {
            int rowsMoved = jdbc.inTransaction(c -> moveShard(c, keys, from, to));
            queue.markChanged(new java.util.TreeSet<>(keys), from);
            queue.markChanged(new java.util.TreeSet<>(keys), to);
            return rowsMoved;
        });
        assertTrue(moved > 0, "writer 0's shard held rows");
        for (SumsCache cache : List.of(first, second)) {
            Map<String, Sums> kept = QuarkusTransaction.requiringNew().call(() -> cache.read(keys, queue.marks(keys)));
            for (String key : keys) {
                assertEquals(rows.get(key), kept.get(key), key + ": a shard's part left or joined the kept sums wrongly");
            }
        }
    }

    private static int moveShard(java.sql.Connection c, List<String> keys, int from, int to) throws java.sql.SQLException {
        String periods = "period, reports, revenue, revenue_n, export, export_n, budget, budget_n, workers, workers_n, "
                + "income_x_workers, income_workers, zones";
        int moved = 0;
        for (String sql : List.of(
                "WITH gone AS (DELETE FROM scope_value WHERE scope_key = ANY(?) AND shard = ? RETURNING scope_key, figure, value) "
                        + "INSERT INTO scope_value (scope_key, shard, figure, value) SELECT scope_key, ?, figure, value FROM gone",
                "WITH gone AS (DELETE FROM scope_period WHERE scope_key = ANY(?) AND shard = ? RETURNING scope_key, " + periods + ") "
                        + "INSERT INTO scope_period (scope_key, shard, " + periods + ") SELECT scope_key, ?, " + periods + " FROM gone")) {
            try (var move = c.prepareStatement(sql)) {
                move.setArray(1, c.createArrayOf("text", keys.toArray()));
                move.setInt(2, from);
                move.setInt(3, to);
                moved += move.executeUpdate();
            }
        }
        return moved;
    }

    /** A publisher's rounds over the scopes, as the lane above zones runs them, until the writers stop. */
    private int publishWhile(SumsCache cache, List<String> keys, AtomicBoolean writing) throws InterruptedException {
        int rounds = 0;
        while (writing.get()) {
            QuarkusTransaction.requiringNew().run(() -> {
                Instant readAt = Instant.now();
                List<String> claimed = queue.take(PublishQueue.Lane.ABOVE_ZONES, 100_000).claimed().stream()
                        .filter(keys::contains).toList();
                Map<String, List<PublishQueue.Mark>> marks = queue.marks(keys);
                cache.read(keys, marks);
                List<PublishQueue.Mark> sent = new ArrayList<>();
                claimed.forEach(k -> sent.addAll(marks.getOrDefault(k, List.of())));
                queue.published(sent, readAt);
            });
            rounds++;
            Thread.sleep(5);
        }
        return rounds;
    }

    /** One writer, on a shard of its own: its projects move between statuses and capital, and its reports come in. */
    private int write(int writer, List<UUID> zones, Instant until) {
        Random random = new Random(writer);
        Map<UUID, Long> versions = new HashMap<>();
        Map<UUID, UUID> zoneOf = new HashMap<>();
        List<UUID> projects = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            projects.add(UUID.randomUUID());
        }
        int events = 0;
        int shard = Shard.of(writer == 2 ? "report" : "project", writer);
        while (Instant.now().isBefore(until)) {
            List<RegistryEvent> batch = new ArrayList<>();
            for (int n = 1 + random.nextInt(4); n > 0; n--) {
                UUID project = projects.get(random.nextInt(projects.size()));
                UUID zone = zoneOf.computeIfAbsent(project, p -> zones.get(random.nextInt(zones.size())));
                long version = versions.merge(project, 1L, Long::sum);
                if (writer == 2) {
                    int quarter = 1 + random.nextInt(4);
                    batch.add(event(RegistryEvents.report(project, version, zone, null, "QUARTER", 2025, quarter,
                            "2025-%02d-01".formatted(quarter * 3 - 2), "2025-%02d-28".formatted(quarter * 3), 1000L * random.nextInt(90),
                            random.nextInt(50), random.nextInt(9) * 100L, random.nextInt(300), 5_000_000L + random.nextInt(1000))));
                } else {
                    batch.add(event(RegistryEvents.project(project, version, zone, random.nextBoolean() ? "FDI" : "DOMESTIC",
                            1000 + random.nextInt(1_000_000), random.nextBoolean() ? "USD" : "VND", random.nextInt(500),
                            random.nextInt(4) == 0 ? "SUSPENDED" : "OPERATING")));
                }
            }
            store.applyBatch(batch, shard);
            events += batch.size();
        }
        return events;
    }

    private RegistryEvent event(String value) {
        return direct.event(value);
    }
}
