package vn.izone.registry.recovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;
import vn.izone.registry.events.Outbox;
import vn.izone.registry.events.OutboxRelay;
import vn.izone.registry.events.Topics;
import vn.izone.registry.project.Project;
import vn.izone.registry.project.ProjectService;
import vn.izone.registry.report.ReportService;
import vn.izone.registry.zone.Zone;
import vn.izone.registry.zone.ZoneService;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * After a point-in-time restore the register is back at instant T, but its topics — kept forever, already read by
 * every consumer — carry the events committed after T. Reusing those aggregate versions for new changes would make
 * every consumer drop the new changes as duplicates; re-sending the events that were published but whose
 * {@code published_at} was lost would deliver them twice. This reconciliation (issue #18), run before the restored
 * register accepts a change, reads the topics once and:
 * <ul>
 * <li>marks as published every outbox event already on a topic (nothing is sent twice);</li>
 * <li>keeps every event the topics carry beyond the register's own versions in {@code lost_event}: the lost window,
 * explicit and readable (GET /api/v1/admin/recovery);</li>
 * <li>moves each such aggregate past the versions consumers have: one compensating event at the next version — {@code
 * <type>.restored} with the register's state as restored, or {@code <type>.withdrawn} (the state consumers last had)
 * for an aggregate the restored register does not hold — so every consumer converges on the restored register and
 * the next change continues after it.</li>
 * </ul>
 * Idempotent: a second run finds the compensating events in the outbox and does nothing.
 */
@ApplicationScoped
public class TopicReconciliation {
    private static final Logger LOG = Logger.getLogger(TopicReconciliation.class);
    public static final String ACTOR = "system:recovery";

    private final EntityManager em;
    private final ObjectMapper json;
    private final RegistryTopics topics;
    private final Outbox outbox;
    private final ZoneService zones;
    private final RecoveryGate gate;
    private final RecoveryRuns runs;
    private final boolean atStart;
    private volatile boolean reconciledAtStart;
    private volatile Report last;

    public TopicReconciliation(EntityManager em, ObjectMapper json, RegistryTopics topics, Outbox outbox, ZoneService zones,
                               RecoveryGate gate, RecoveryRuns runs,
                               RecoveryConfig config) {
        this.em = em;
        this.json = json;
        this.topics = topics;
        this.outbox = outbox;
        this.zones = zones;
        this.gate = gate;
        this.runs = runs;
        this.atStart = config.reconcileAtStart();
    }

    /** What a reconciliation found and did. */
    public record Report(Instant startedAt, Instant finishedAt, String startedBy, long topicRecords, int alreadyOnTopics,
                         int lostEvents, int aggregatesRestored, int aggregatesWithdrawn, Instant lostFrom, Instant lostTo,
                         List<Aggregate> aggregates) {
    }

    /** One aggregate moved past the lost window: versions {@code lostFrom..lostTo} void, compensated at {@code compensatedAt}. */
    public record Aggregate(String type, UUID id, long registerRevision, long lostFrom, long lostTo, long compensatedAt, String eventType) {
    }

    /**
     * After a restore ({@code izone.recovery.reconcile-at-start}): reconciles as soon as the service is up, and again
     * every few seconds until it succeeds (the topics or the database may still be coming up); changes are refused
     * meanwhile (the gate stays closed). The scheduler's thread, not one of our own: shutdown stops it.
     */
    @Scheduled(every = "${izone.recovery.retry-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void reconcileAtStart() {
        if (!atStart || reconciledAtStart) {
            return;
        }
        try {
            Report report = reconcile("izone.recovery.reconcile-at-start");
            reconciledAtStart = true;
            gate.open();
            LOG.infof("reconciled with the topics after a restore: %d records read, %d outbox events already on the topics, "
                            + "%d lost events, %d aggregates restored, %d withdrawn; the register takes changes again",
                    report.topicRecords(), report.alreadyOnTopics(), report.lostEvents(), report.aggregatesRestored(),
                    report.aggregatesWithdrawn());
        } catch (RuntimeException e) {
            LOG.warnf("reconciliation with the topics failed, retrying at the next attempt (changes are refused meanwhile): %s", e.toString());
        }
    }

    public Report last() {
        return last;
    }

    /** An event as the topics carry it. */
    private record Seen(String topic, int partition, long offset, String key, UUID eventId, String eventType, String aggregateType,
                        UUID aggregateId, long version, Instant recordedAt, String payload, JsonNode event) {
    }

    /** Runs the reconciliation in one transaction, holding the relay's lock (no batch goes out meanwhile). */
    public Report reconcile(String startedBy) {
        Instant started = Instant.now();
        Report report = QuarkusTransaction.requiringNew().timeout(1800).call(() -> RecoveryGate.asRecovery(() -> {
            em.createNativeQuery("SELECT pg_advisory_xact_lock(?1)").setParameter(1, OutboxRelay.RELAY_LOCK).getSingleResult();
            Map<UUID, Long> registerVersions = new HashMap<>();
            for (Object row : em.createNativeQuery("SELECT aggregate_id, max(aggregate_version) FROM outbox_event GROUP BY aggregate_id")
                    .getResultList()) {
                Object[] r = (Object[]) row;
                registerVersions.put((UUID) r[0], ((Number) r[1]).longValue());
            }
            Set<UUID> unpublished = new HashSet<>();
            for (Object id : em.createNativeQuery("SELECT event_id FROM outbox_event WHERE published_at IS NULL").getResultList()) {
                unpublished.add((UUID) id);
            }
            List<UUID> onTopics = new ArrayList<>();
            List<Seen> lost = new ArrayList<>();
            Map<UUID, Seen> latestLost = new HashMap<>();
            long read = topics.readAll(r -> {
                Seen e = parse(r);
                if (e == null) {
                    return;
                }
                if (unpublished.remove(e.eventId())) {
                    onTopics.add(e.eventId());
                }
                if (e.version() > registerVersions.getOrDefault(e.aggregateId(), 0L)) {
                    lost.add(e);
                    latestLost.merge(e.aggregateId(), e, (a, b) -> b.version() >= a.version() ? b : a);
                }
            }, Duration.ofMinutes(25));

            if (!onTopics.isEmpty()) {
                em.createNativeQuery("UPDATE outbox_event SET published_at = ?1 WHERE event_id IN (?2)")
                        .setParameter(1, OffsetDateTime.now(ZoneOffset.UTC)).setParameter(2, onTopics).executeUpdate();
            }
            for (Seen e : lost) {
                em.createNativeQuery("""
                                INSERT INTO lost_event (event_id, topic, partition_no, record_offset, event_type, aggregate_type,
                                    aggregate_id, aggregate_version, recorded_at, payload, found_at)
                                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) ON CONFLICT (event_id) DO NOTHING""")
                        .setParameter(1, e.eventId()).setParameter(2, e.topic()).setParameter(3, e.partition())
                        .setParameter(4, e.offset()).setParameter(5, e.eventType()).setParameter(6, e.aggregateType())
                        .setParameter(7, e.aggregateId()).setParameter(8, e.version())
                        .setParameter(9, e.recordedAt().atOffset(ZoneOffset.UTC)).setParameter(10, e.payload())
                        .setParameter(11, OffsetDateTime.now(ZoneOffset.UTC)).executeUpdate();
            }
            // Compensations in the relay's (id) order: zones, projects, reports restored; then withdrawals the other
            // way round, so that a consumer never holds a project of a zone it was told is gone.
            List<Seen> latest = new ArrayList<>(latestLost.values());
            latest.sort(Comparator.comparing((Seen s) -> rank(s.aggregateType())).thenComparing(Seen::aggregateId));
            List<Aggregate> moved = new ArrayList<>();
            List<Seen> withdrawals = new ArrayList<>();
            for (Seen e : latest) {
                long registerRevision = registerVersions.getOrDefault(e.aggregateId(), 0L);
                if (!restore(e, registerRevision, moved)) {
                    withdrawals.add(e);
                }
            }
            java.util.Collections.reverse(withdrawals);
            for (Seen e : withdrawals) {
                withdraw(e, registerVersions.getOrDefault(e.aggregateId(), 0L), moved);
            }
            Instant from = lost.stream().map(Seen::recordedAt).min(Comparator.naturalOrder()).orElse(null);
            Instant to = lost.stream().map(Seen::recordedAt).max(Comparator.naturalOrder()).orElse(null);
            Report done = new Report(started, Instant.now(), startedBy, read, onTopics.size(), lost.size(),
                    (int) moved.stream().filter(a -> a.eventType().endsWith(".restored")).count(),
                    (int) moved.stream().filter(a -> a.eventType().endsWith(".withdrawn")).count(), from, to, moved);
            runs.record("RECONCILE", done.startedAt(), done.finishedAt(), startedBy, done);
            return done;
        }));
        last = report;
        return report;
    }

    private static int rank(String aggregateType) {
        return switch (aggregateType) {
            case "zone" -> 0;
            case "project" -> 1;
            default -> 2;
        };
    }

    private String source(long registerRevision, long lostFrom, long lostTo) {
        return "point-in-time recovery: versions " + lostFrom + (lostTo > lostFrom ? "–" + lostTo : "")
                + " were published after the restore point and are void; the register is back at "
                + (registerRevision == 0 ? "no record of it" : "revision " + registerRevision);
    }

    /** The aggregate is in the restored register: its state as restored, at the version after the topics'. */
    private boolean restore(Seen e, long registerRevision, List<Aggregate> moved) {
        long next = e.version() + 1;
        String source = source(registerRevision, registerRevision + 1, e.version());
        switch (e.aggregateType()) {
            case "zone" -> {
                Zone zone = Zone.findById(e.aggregateId());
                if (zone == null) {
                    return false;
                }
                zone.revision = next;
                outbox.record(Topics.ZONES, "zone.restored", "zone", zone.id, next, zone.id,
                        new Outbox.Change(ACTOR, zone.validOn, source), zones.view(zone));
            }
            case "project" -> {
                Project project = Project.findById(e.aggregateId());
                if (project == null) {
                    return false;
                }
                project.revision = next;
                outbox.record(Topics.PROJECTS, "project.restored", "project", project.id, next, project.zoneId,
                        new Outbox.Change(ACTOR, project.validOn, source), ProjectService.view(project));
            }
            case "report" -> {
                vn.izone.registry.report.Report r = vn.izone.registry.report.Report.findById(e.aggregateId());
                if (r == null) {
                    return false;
                }
                r.revision = next;
                outbox.record(Topics.REPORTS, "report.restored", "report", r.id, next, r.zoneId,
                        new Outbox.Change(ACTOR, r.validOn, source), ReportService.view(r));
            }
            default -> {
                return true; // not an aggregate of the register: nothing to move
            }
        }
        moved.add(new Aggregate(e.aggregateType(), e.aggregateId(), registerRevision, registerRevision + 1, e.version(), next,
                e.aggregateType() + ".restored"));
        return true;
    }

    /** The aggregate is not in the restored register: consumers are told it is gone, with the state they last had. */
    private void withdraw(Seen e, long registerRevision, List<Aggregate> moved) {
        long next = e.version() + 1;
        ObjectNode data = e.event().path("data").isObject() ? ((ObjectNode) e.event().path("data")).deepCopy() : json.createObjectNode();
        data.put("revision", next);
        String topic = switch (e.aggregateType()) {
            case "zone" -> Topics.ZONES;
            case "project" -> Topics.PROJECTS;
            default -> Topics.REPORTS;
        };
        JsonNode validOn = e.event().path("validOn");
        outbox.record(topic, e.aggregateType() + ".withdrawn", e.aggregateType(), e.aggregateId(), next,
                UUID.fromString(e.event().path("zoneId").asText()),
                new Outbox.Change(ACTOR, validOn.isTextual() ? LocalDate.parse(validOn.asText()) : LocalDate.now(),
                        source(registerRevision, registerRevision + 1, e.version())), data);
        moved.add(new Aggregate(e.aggregateType(), e.aggregateId(), registerRevision, registerRevision + 1, e.version(), next,
                e.aggregateType() + ".withdrawn"));
    }

    private Seen parse(ConsumerRecord<String, String> r) {
        try {
            JsonNode e = json.readTree(r.value());
            if (e == null || !e.hasNonNull("eventId") || !e.hasNonNull("aggregateId")) {
                return null;
            }
            return new Seen(r.topic(), r.partition(), r.offset(), r.key(), UUID.fromString(e.get("eventId").asText()),
                    e.path("eventType").asText(), e.path("aggregateType").asText(), UUID.fromString(e.get("aggregateId").asText()),
                    e.path("aggregateVersion").asLong(), Instant.parse(e.path("recordedAt").asText()), r.value(), e);
        } catch (IOException | RuntimeException unreadable) {
            LOG.warnf("unreadable record %s-%d@%d skipped: %s", r.topic(), r.partition(), r.offset(), unreadable.toString());
            return null;
        }
    }
}
