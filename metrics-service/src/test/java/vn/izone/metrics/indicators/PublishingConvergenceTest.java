package vn.izone.metrics.indicators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import vn.izone.metrics.events.RegistryEvent;
import vn.izone.metrics.publish.PublishQueue;
import vn.izone.metrics.store.AggregateStore;
import vn.izone.metrics.support.DirectEvents;
import vn.izone.metrics.support.MetricsTestServers;
import vn.izone.metrics.support.IndicatorTopic;
import vn.izone.metrics.support.RegistryEvents;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Publishing cannot lose an update: writers apply events to the same scopes continuously while the publisher
 * runs; once they stop and nothing is due any more, the last snapshot published for every scope they touched
 * must equal the figures computed from the state, and those (the incremental aggregates) must equal a full
 * recomputation by grouping. A publisher that forgets a change made while it was computing leaves a scope stale for
 * good, and this test sees it; so does an aggregate that drifts under concurrent folding. One writer also submits and
 * corrects reports, so that the zones' report periods move between the projects' changes, which the zone lane sends
 * with the periods it holds ({@link HeldPeriods}): periods held past a change of theirs would be seen here too.
 */
@QuarkusTest
@QuarkusTestResource(MetricsTestServers.class)
class PublishingConvergenceTest {
    private static final Logger LOG = Logger.getLogger(PublishingConvergenceTest.class);
    private static final int ZONES = 12;
    private static final int WRITERS = 4;
    private static final Duration WRITING = Duration.ofSeconds(6);

    @Inject
    AggregateStore store;
    @Inject
    IndicatorCalculator calculator;
    @Inject
    PublishQueue queue;
    @Inject
    vn.izone.metrics.admin.AggregateReferee referee;
    @Inject
    ObjectMapper json;
    @Inject
    DirectEvents direct;
    @Inject
    HeldPeriods heldPeriods;

    @Test
    void theLastPublishedSnapshotOfEveryScopeEqualsTheStateAfterConcurrentChanges() throws Exception {
        String province = "PC" + Integer.toString(new Random().nextInt(36 * 36), 36).toUpperCase();
        List<UUID> zones = new ArrayList<>();
        Set<Scope> scopes = new LinkedHashSet<>(List.of(Scope.national(), Scope.province(province),
                Scope.formerProvince(province + "A"), Scope.formerProvince(province + "B"),
                Scope.zoneKind("INDUSTRIAL_PARK"), Scope.zoneKind("INDUSTRIAL_CLUSTER")));
        // the kinds' scopes are published on their own and read again as their parents' breakdowns (zoneEvent: the
        // parks are in former province A, the clusters in B)
        scopes.addAll(List.of(Scope.provinceKind(province, "INDUSTRIAL_PARK"), Scope.provinceKind(province, "INDUSTRIAL_CLUSTER"),
                Scope.formerProvinceKind(province + "A", "INDUSTRIAL_PARK"), Scope.formerProvinceKind(province + "B", "INDUSTRIAL_CLUSTER")));
        List<RegistryEvent> registrations = new ArrayList<>();
        for (int i = 0; i < ZONES; i++) {
            UUID zone = UUID.randomUUID();
            zones.add(zone);
            scopes.add(Scope.zone(zone.toString()));
            registrations.add(event(zoneEvent(zone, 1, province, i)));
        }
        store.applyBatch(registrations);
        long periodsReused = heldPeriods.reused();

        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        List<Future<Integer>> applied = new ArrayList<>();
        Instant until = Instant.now().plus(WRITING);
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            applied.add(writers.submit(() -> write(writer, zones, province, until)));
        }
        int events = 0;
        for (Future<Integer> f : applied) {
            events += f.get();
        }
        writers.shutdown();
        Instant stopped = Instant.now();
        direct.putOnTopics();

        // settle: nothing due any more (the publisher keeps running)
        while (queue.dueScopes() > 0) {
            if (Duration.between(stopped, Instant.now()).toSeconds() > 60) {
                fail(queue.dueScopes() + " scopes still due 60 s after the writers stopped");
            }
            Thread.sleep(50);
        }
        long settledMillis = Duration.between(stopped, Instant.now()).toMillis();

        Map<String, JsonNode> published = new HashMap<>();
        for (var e : IndicatorTopic.lastPublished(scopes.stream().map(Scope::key).collect(java.util.stream.Collectors.toSet())).entrySet()) {
            published.put(e.getKey(), json.readTree(e.getValue()));
        }
        List<String> stale = new ArrayList<>();
        for (Scope scope : scopes) {
            JsonNode expected = withoutTime(json.readTree(json.writeValueAsString(calculator.compute(scope))));
            JsonNode last = published.get(scope.key());
            if (last == null || !withoutTime(last).equals(expected)) {
                stale.add(scope.key() + "\n   published " + (last == null ? null : withoutTime(last)) + "\n   state     " + expected);
            }
        }
        LOG.infof("PUBLISHING CONVERGENCE: %d events by %d writers on %d zones in %d ms; nothing due %d ms after they stopped; "
                + "%d scopes compared, %d stale", events, WRITERS, ZONES, WRITING.toMillis(), settledMillis, scopes.size(), stale.size());
        assertTrue(events > WRITERS * 20, "the writers applied " + events + " events");
        assertEquals(List.of(), stale, "scopes whose last published snapshot is not what the state says");
        // and what was published (the incremental aggregates) is what grouping the whole state gives
        var report = referee.check();
        LOG.infof("referee: %d scopes compared, %d differ", report.scopesCompared(), report.scopesDiffering());
        assertEquals(0, report.scopesDiffering(), () -> "incremental != grouped: " + report.differences());
        assertTrue(heldPeriods.reused() > periodsReused, "no zone snapshot was sent with the periods held: the path is not exercised");
    }

    /** One writer: its own projects (their versions are its own), on every zone, one to five events a batch. */
    private int write(int writer, List<UUID> zones, String province, Instant until) {
        Random random = new Random(writer);
        Map<UUID, Long> versions = new HashMap<>();
        List<UUID> projects = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            projects.add(UUID.randomUUID());
        }
        Map<UUID, UUID> projectZone = new HashMap<>();
        long zoneVersion = 1;
        int events = 0;
        List<UUID> reports = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            reports.add(UUID.randomUUID());
        }
        Map<UUID, UUID> reportZone = new HashMap<>();
        while (Instant.now().isBefore(until)) {
            List<RegistryEvent> batch = new ArrayList<>();
            if (writer == 1 && random.nextInt(3) == 0) {
                // writer 1 also submits and corrects reports: a batch of reports only, the zones' periods move
                for (int n = 1 + random.nextInt(3); n > 0; n--) {
                    UUID report = reports.get(random.nextInt(reports.size()));
                    UUID zone = reportZone.computeIfAbsent(report, r -> zones.get(random.nextInt(zones.size())));
                    int quarter = 1 + (report.hashCode() & 3);
                    batch.add(event(RegistryEvents.report(report, versions.merge(report, 1L, Long::sum), zone,
                            report.hashCode() % 3 == 0 ? null : projects.get(random.nextInt(projects.size())), "QUARTER", 2025, quarter,
                            "2025-%02d-01".formatted(3 * quarter - 2), "2025-%s".formatted(List.of("03-31", "06-30", "09-30", "12-31").get(quarter - 1)),
                            random.nextInt(1_000_000), random.nextInt(10_000), random.nextInt(100_000), random.nextInt(900), 5_000_000 + random.nextInt(3_000_000))));
                }
                store.applyBatch(batch, vn.izone.metrics.publish.Shard.of("report", writer));
                events += batch.size();
                continue;
            }
            for (int n = 1 + random.nextInt(5); n > 0; n--) {
                if (writer == 0 && random.nextInt(4) == 0) {
                    // writer 0 also owns the zones' own versions: leased area and status move
                    zoneVersion++;
                    for (int i = 0; i < zones.size(); i++) {
                        if (random.nextInt(3) == 0) {
                            batch.add(event(zoneEvent(zones.get(i), zoneVersion, province, i + random.nextInt(50))));
                        }
                    }
                    continue;
                }
                UUID project = projects.get(random.nextInt(projects.size()));
                UUID zone = projectZone.computeIfAbsent(project, p -> zones.get(random.nextInt(zones.size())));
                long version = versions.merge(project, 1L, Long::sum);
                batch.add(event(RegistryEvents.project(project, version, zone, random.nextBoolean() ? "FDI" : "DOMESTIC",
                        1000 + random.nextInt(1_000_000), random.nextBoolean() ? "USD" : "VND", random.nextInt(500),
                        random.nextInt(6) == 0 ? "SUSPENDED" : "OPERATING")));
            }
            if (batch.isEmpty()) {
                continue;
            }
            store.applyBatch(batch, vn.izone.metrics.publish.Shard.of("project", writer)); // a consumer's shard each
            events += batch.size();
        }
        return events;
    }

    private static String zoneEvent(UUID zone, long version, String province, int i) {
        return RegistryEvents.zone(zone, version, province, province + (i % 2 == 0 ? "A" : "B"),
                i % 2 == 0 ? "INDUSTRIAL_PARK" : "INDUSTRIAL_CLUSTER", i % 5 == 0 ? "PLANNED" : "IN_OPERATION",
                100 + (i % 7), 10 + (i % 40));
    }

    private RegistryEvent event(String value) {
        return direct.event(value);
    }

    private static JsonNode withoutTime(JsonNode snapshot) {
        ObjectNode copy = snapshot.deepCopy();
        copy.remove("computedAt");
        return copy;
    }
}
