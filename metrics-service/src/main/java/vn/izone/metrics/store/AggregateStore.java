package vn.izone.metrics.store;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import vn.izone.metrics.aggregates.Aggregates;
import vn.izone.metrics.aggregates.ProjectChanges;
import vn.izone.metrics.events.PoisonEvent;
import vn.izone.metrics.events.RegistryEvent;
import vn.izone.metrics.aggregates.SumsCache;
import vn.izone.metrics.publish.PublishQueue;
import vn.izone.metrics.publish.Shard;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Applies registry events to the state tables, exactly once per aggregate version: the version guard, the state, the
 * incremental aggregates and the publish marks commit in one transaction, so a redelivered or replayed event changes
 * nothing. A batch (one poll) is decided in memory against its aggregates' guard rows and written with a handful of
 * set-based statements whatever its size: the guard locked and advanced once, one writer per aggregate type
 * ({@link ZoneWriter}, {@link ProjectWriter}, {@link ReportWriter}), each touched zone folded once.
 */
@ApplicationScoped
public class AggregateStore {
    private static final Logger LOG = Logger.getLogger(AggregateStore.class);

    public enum Outcome { APPLIED, DUPLICATE, LATE, GAP_APPLIED, IGNORED }

    private final EntityManager em;
    private final Jdbc jdbc;
    private final VersionGuard guard;
    private final Map<String, StateWriter> writers;
    private final PublishQueue publishQueue;
    private final Aggregates aggregates;
    private final SumsCache kept;

    public AggregateStore(EntityManager em, Jdbc jdbc, VersionGuard guard, ZoneWriter zones, ProjectWriter projects,
                          ReportWriter reports, PublishQueue publishQueue, Aggregates aggregates, SumsCache kept) {
        this.em = em;
        this.jdbc = jdbc;
        this.guard = guard;
        this.writers = Map.of("zone", zones, "project", projects, "report", reports);
        this.publishQueue = publishQueue;
        this.aggregates = aggregates;
        this.kept = kept;
    }

    /**
     * Applies one event in a transaction (joining the caller's). A {@link PoisonEvent} is thrown before anything is
     * written, so it never spoils a joined transaction.
     */
    @Transactional(dontRollbackOn = PoisonEvent.class)
    public Outcome apply(RegistryEvent event, int shard) {
        validate(event);
        return applyBatch(List.of(event), shard).get(0);
    }

    @Transactional
    public List<Outcome> applyBatch(List<RegistryEvent> events) {
        return applyBatch(events, Shard.DIRECT);
    }

    /**
     * Applies a batch of events, already {@link #validate validated}, in list order and in one transaction, written
     * under the given {@link Shard} (the consumer's partition). Either all of it commits or none of it (the caller then
     * falls back to {@link #apply} one by one).
     */
    @Transactional
    public List<Outcome> applyBatch(List<RegistryEvent> events, int shard) {
        return jdbc.inTransaction(c -> {
            // a batch of projects only (the projects' consumer): the zones move by the projects' rows before and after,
            // and the rows before are read and locked in the guard's round trip (those of a duplicate's project too:
            // its rows after are the same, so its zone moves by nothing)
            boolean projectEvents = events.stream().allMatch(e -> e.aggregateType().equals("project"));
            ProjectChanges read = projectEvents
                    ? ProjectChanges.of(new TreeSet<>(events.stream().map(RegistryEvent::aggregateId).toList()))
                    : ProjectChanges.NONE;
            Decided batch = decide(c, events, projectEvents ? read.before() : null);
            boolean projectsOnly = projectEvents && !batch.latest().isEmpty(); // else no zone moves by difference
            ProjectChanges projects = projectsOnly ? read : ProjectChanges.NONE;
            // the projects' zones before the batch are in the rows just read: no second read of them
            Set<UUID> touched = write(c, batch, projectsOnly ? projects.zonesBefore() : null);
            // the projects as the batch left them are read in the round trip that locks their zones
            Aggregates.Refreshed refreshed = aggregates.refresh(touched, projects, shard);
            // the last writes in one round trip: the guard's versions and the publish marks
            PublishQueue.Marking marks = publishQueue.marking(refreshed.changed(), shard);
            RoundTrip.run(c, Arrays.asList(guard.advance(batch.applied(), batch.guardRows()), marks));
            kept.zonesChanged(marks == null ? Map.of() : marks.versions(), refreshed.zones());
            return batch.outcomes();
        });
    }

    /** What the guard says of each event of the batch, in order; the latest applied event of each aggregate. */
    private record Decided(List<RegistryEvent> events, List<Outcome> outcomes, Map<VersionGuard.Aggregate, RegistryEvent> latest,
                           Map<VersionGuard.Aggregate, Long> applied, List<Object[]> gaps, VersionGuard.Locked guardRows) {
    }

    /** {@code alongside}: a part that goes in the guard's round trip (null: none). */
    private Decided decide(Connection c, List<RegistryEvent> events, RoundTrip.Part alongside) throws SQLException {
        List<VersionGuard.Aggregate> keys = new ArrayList<>(events.size());
        // each aggregate's highest version in the batch: where it gets its first guard row (an unknown type is kept at 0)
        Map<VersionGuard.Aggregate, Long> newest = new HashMap<>();
        for (RegistryEvent e : events) {
            VersionGuard.Aggregate key = new VersionGuard.Aggregate(e.aggregateType(), e.aggregateId());
            keys.add(key);
            newest.merge(key, writers.containsKey(e.aggregateType()) ? e.aggregateVersion() : 0L, Math::max);
        }
        VersionGuard.Locked locked = guard.lock(c, newest, alongside);
        Map<VersionGuard.Aggregate, Long> versions = new HashMap<>(locked.applied());
        Map<VersionGuard.Aggregate, RegistryEvent> latest = new LinkedHashMap<>();
        Map<VersionGuard.Aggregate, Long> applied = new LinkedHashMap<>();
        List<Outcome> outcomes = new ArrayList<>(events.size());
        List<Object[]> gaps = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            RegistryEvent e = events.get(i);
            VersionGuard.Aggregate key = keys.get(i);
            if (!writers.containsKey(e.aggregateType())) {
                outcomes.add(Outcome.IGNORED);
                continue;
            }
            long current = versions.getOrDefault(key, 0L);
            if (e.aggregateVersion() <= current) {
                outcomes.add(null); // duplicate or late: told apart by whether its history row is new
                continue;
            }
            if (e.aggregateVersion() != current + 1) {
                // The event carries the full state, so applying it is right; the missing version is reported.
                LOG.warnf("version gap on %s %s: expected %d, received %d", e.aggregateType(), e.aggregateId(), current + 1,
                        e.aggregateVersion());
                gaps.add(new Object[]{e.aggregateType(), e.aggregateId(), current + 1, e.aggregateVersion(), e.eventId()});
                outcomes.add(Outcome.GAP_APPLIED);
            } else {
                outcomes.add(Outcome.APPLIED);
            }
            versions.put(key, e.aggregateVersion());
            latest.put(key, e);
            applied.put(key, e.aggregateVersion());
        }
        return new Decided(events, outcomes, latest, applied, gaps, locked);
    }

    /**
     * Writes the batch: current states, history, gaps. Returns the zones whose figures may have changed.
     * {@code projectZonesBefore}: the zones the batch's projects counted in before it, when already read (else null).
     */
    private Set<UUID> write(Connection c, Decided batch, Set<UUID> projectZonesBefore) throws SQLException {
        Set<UUID> touched = new HashSet<>();
        for (Map.Entry<String, StateWriter> w : writers.entrySet()) {
            String type = w.getKey();
            StateWriter writer = w.getValue();
            List<RegistryEvent> latest = batch.latest().entrySet().stream().filter(e -> e.getKey().type().equals(type))
                    .map(Map.Entry::getValue).toList();
            List<UUID> ids = latest.stream().map(RegistryEvent::aggregateId).toList();
            // a project or report that moved leaves its old zone
            if (type.equals("project") && projectZonesBefore != null) {
                touched.addAll(projectZonesBefore);
            } else {
                touched.addAll(writer.previousZones(c, ids).values());
            }
            latest.forEach(e -> touched.add(writer.zoneOf(e)));
            // <type>.withdrawn (after a restore of the register, issue #18): the aggregate is gone from the register
            writer.upsertCurrent(c, latest.stream().filter(e -> !withdrawn(e)).toList());
            writer.deleteCurrent(c, latest.stream().filter(AggregateStore::withdrawn).map(RegistryEvent::aggregateId).toList());

            // every version joins the history once, so "as of" figures stay right; a version never seen before that
            // arrives after a newer one is LATE, one seen already a DUPLICATE
            List<Integer> positions = new ArrayList<>();
            List<RegistryEvent> history = new ArrayList<>();
            for (int i = 0; i < batch.events().size(); i++) {
                if (batch.events().get(i).aggregateType().equals(type) && withdrawn(batch.events().get(i))) {
                    if (batch.outcomes().get(i) == null) {
                        batch.outcomes().set(i, Outcome.DUPLICATE); // a withdrawal joins no history: seen again, it is a duplicate
                    }
                    continue;
                }
                if (batch.events().get(i).aggregateType().equals(type) && batch.outcomes().get(i) != Outcome.IGNORED) {
                    positions.add(i);
                    history.add(batch.events().get(i));
                }
            }
            int[] added = writer.addHistory(c, history);
            for (int j = 0; j < positions.size(); j++) {
                int i = positions.get(j);
                if (batch.outcomes().get(i) == null) {
                    RegistryEvent e = batch.events().get(i);
                    boolean late = added[j] > 0;
                    if (late) {
                        LOG.infof("late %s %s version %d: kept in history only", e.aggregateType(), e.aggregateId(), e.aggregateVersion());
                    }
                    batch.outcomes().set(i, late ? Outcome.LATE : Outcome.DUPLICATE);
                }
            }
        }
        recordGaps(c, batch.gaps());
        return touched; // the guard advances with the publish marks, at the end of the transaction
    }

    /**
     * A {@code <type>.withdrawn} event: after a point-in-time restore the register no longer holds the aggregate (it was
     * recorded after the restore point). Its current state is deleted, so it counts nowhere any more; its history rows
     * (what was published) stay, and the withdrawal itself joins no history.
     */
    static boolean withdrawn(RegistryEvent e) {
        return e.eventType() != null && e.eventType().endsWith(".withdrawn");
    }

    private static void recordGaps(Connection c, List<Object[]> gaps) throws SQLException {
        if (gaps.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO sequence_gap VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            for (Object[] g : gaps) {
                s.setString(1, (String) g[0]);
                s.setObject(2, g[1]);
                s.setLong(3, (Long) g[2]);
                s.setLong(4, (Long) g[3]);
                s.setObject(5, g[4]);
                s.setObject(6, Instant.now().atOffset(ZoneOffset.UTC));
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** Refuses, before anything is written, an event whose data cannot be stored. */
    public static void validate(RegistryEvent e) {
        EventData.check(e);
        JsonNode d = e.data();
        switch (e.aggregateType()) {
            case "zone" -> {
                require(d, "kind");
                require(d, "name");
                require(d, "provinceCode");
                require(d, "status");
                EventValues.date(d, "statusDate");
            }
            case "project" -> {
                require(d, "origin");
                require(d, "status");
            }
            case "report" -> {
                require(d, "periodKind");
                require(d, "year");
                EventValues.date(d, "periodStart");
                EventValues.date(d, "periodEnd");
                EventValues.date(d, "validOn");
                EventValues.uuid(d, "zoneId");
                EventValues.uuid(d, "projectId");
            }
            default -> {
            }
        }
    }

    private static void require(JsonNode d, String field) {
        if (!d.hasNonNull(field) || d.get(field).asText().isBlank()) {
            throw new vn.izone.metrics.events.PoisonEvent("data." + field + " missing");
        }
    }

    /** Empties every table derived from the registry events (before a replay). The publish queue is kept. */
    @Transactional
    public void truncateDerived() {
        // DELETE, not TRUNCATE: readers keep seeing the old rows (MVCC) until the rebuild commits.
        for (String table : List.of("applied_version", "zone_state", "project_state", "report_state",
                "zone_state_history", "project_state_history", "report_state_history", "sequence_gap",
                "zone_figures", "scope_value", "scope_period")) {
            em.createNativeQuery("DELETE FROM " + table).executeUpdate();
        }
    }

    /**
     * After a replay into the emptied tables, in its transaction: every scope in the publish queue is made due and its
     * log unknown, so what the replay left empty is published empty and nothing a publisher kept of the old rows is
     * used. At the end rather than with the emptying, so that the queue's rows are locked only until the commit.
     */
    public void replayed() {
        publishQueue.everythingChanged();
    }
}
