package vn.izone.registry.recovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;
import vn.izone.registry.api.RejectedChange;
import vn.izone.registry.events.OutboxEvent;
import vn.izone.registry.events.OutboxRelay;
import vn.izone.registry.project.ProjectService;
import vn.izone.registry.project.ProjectView;
import vn.izone.registry.report.ReportService;
import vn.izone.registry.report.ReportView;
import vn.izone.registry.zone.ZoneService;
import vn.izone.registry.zone.ZoneView;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The last resort (issue #18): rebuilds the register — zones, projects, reports, with their revisions and provenance
 * (validOn, source, updatedBy, updatedAt) — and its event history into an <em>empty</em> registry database from the
 * registry topics, which are kept forever and carry every aggregate's full state. Each aggregate becomes the state of
 * its latest event (one that was withdrawn stays out); every event, deduplicated by eventId, goes back into the
 * outbox as already published, so the audit trail (GET …/history) is whole again and the relay re-sends nothing.
 * Not on the topics, so not rebuilt: idempotency keys and declared figures (docs/deploy.md).
 */
@ApplicationScoped
public class RegisterRebuild {
    private static final Logger LOG = Logger.getLogger(RegisterRebuild.class);

    private final EntityManager em;
    private final ObjectMapper json;
    private final RegistryTopics topics;
    private final ZoneService zones;
    private final RecoveryRuns runs;

    public RegisterRebuild(EntityManager em, ObjectMapper json, RegistryTopics topics, ZoneService zones, RecoveryRuns runs) {
        this.em = em;
        this.json = json;
        this.topics = topics;
        this.zones = zones;
        this.runs = runs;
    }

    /** What a rebuild read and wrote. */
    public record Report(Instant startedAt, Instant finishedAt, String startedBy, long topicRecords, long events, long duplicates,
                         long conflicting, long zones, long projects, long reports, long withdrawn, long millis) {
    }

    private record Seen(String topic, String key, JsonNode event, String payload, long version, Instant recordedAt) {
    }

    public Report rebuild(String startedBy) {
        Instant started = Instant.now();
        Report report = QuarkusTransaction.requiringNew().timeout(3600).call(() -> {
            em.createNativeQuery("SELECT pg_advisory_xact_lock(?1)").setParameter(1, OutboxRelay.RELAY_LOCK).getSingleResult();
            long rows = ((Number) em.createNativeQuery("SELECT (SELECT count(*) FROM zone) + (SELECT count(*) FROM project) "
                    + "+ (SELECT count(*) FROM report) + (SELECT count(*) FROM outbox_event)").getSingleResult()).longValue();
            if (rows > 0) {
                throw RejectedChange.conflict("register-not-empty", "The register is not empty",
                        "a rebuild from the topics writes into an empty registry database only (this one holds " + rows
                                + " zones, projects, reports and events): restore a backup instead, or start the registry on a new database",
                        "register");
            }
            Map<UUID, Seen> events = new java.util.LinkedHashMap<>();
            Set<String> versions = new HashSet<>();
            Map<UUID, Seen> latest = new HashMap<>();
            long[] duplicates = {0};
            long[] conflicting = {0};
            long read = topics.readAll(r -> {
                JsonNode e;
                try {
                    e = json.readTree(r.value());
                } catch (IOException | RuntimeException unreadable) {
                    LOG.warnf("unreadable record %s-%d@%d skipped", r.topic(), r.partition(), r.offset());
                    return;
                }
                if (e == null || !e.hasNonNull("eventId") || !e.hasNonNull("aggregateId")) {
                    return;
                }
                UUID eventId = UUID.fromString(e.get("eventId").asText());
                if (events.containsKey(eventId)) {
                    duplicates[0]++; // delivered twice (a relay batch sent again): the same event
                    return;
                }
                UUID aggregate = UUID.fromString(e.get("aggregateId").asText());
                long version = e.path("aggregateVersion").asLong();
                if (!versions.add(e.path("aggregateType").asText() + ":" + aggregate + ":" + version)) {
                    conflicting[0]++; // another event at a version already seen: the first one stays
                    LOG.warnf("event %s repeats version %d of %s: skipped", eventId, version, aggregate);
                    return;
                }
                Seen seen = new Seen(r.topic(), r.key(), e, r.value(), version, Instant.parse(e.path("recordedAt").asText()));
                events.put(eventId, seen);
                latest.merge(aggregate, seen, (a, b) -> b.version() > a.version() ? b : a);
            }, Duration.ofMinutes(50));

            long[] counts = new long[4];
            List<Seen> states = new ArrayList<>(latest.values());
            states.sort(Comparator.comparing((Seen s) -> rank(s.event().path("aggregateType").asText())));
            int n = 0;
            for (Seen s : states) {
                if (s.event().path("eventType").asText().endsWith(".withdrawn")) {
                    counts[3]++;
                    continue;
                }
                JsonNode data = s.event().path("data");
                switch (s.event().path("aggregateType").asText()) {
                    case "zone" -> {
                        zones.fromView(json.treeToValue(data, ZoneView.class)).persist();
                        counts[0]++;
                    }
                    case "project" -> {
                        ProjectService.fromView(json.treeToValue(data, ProjectView.class)).persist();
                        counts[1]++;
                    }
                    case "report" -> {
                        ReportService.fromView(json.treeToValue(data, ReportView.class)).persist();
                        counts[2]++;
                    }
                    default -> {
                    }
                }
                if (++n % 500 == 0) {
                    em.flush();
                    em.clear();
                }
            }
            em.flush();
            em.clear();
            // the history back into the outbox, oldest first, as published: nothing goes out again
            List<Map.Entry<UUID, Seen>> ordered = new ArrayList<>(events.entrySet());
            ordered.sort(Comparator.comparing((Map.Entry<UUID, Seen> e) -> e.getValue().recordedAt())
                    .thenComparing(e -> e.getValue().version()));
            Instant now = Instant.now();
            n = 0;
            for (Map.Entry<UUID, Seen> entry : ordered) {
                Seen s = entry.getValue();
                OutboxEvent row = new OutboxEvent();
                row.eventId = entry.getKey();
                row.topic = s.topic();
                row.partitionKey = s.key() != null ? s.key() : s.event().path("zoneId").asText();
                row.eventType = s.event().path("eventType").asText();
                row.aggregateType = s.event().path("aggregateType").asText();
                row.aggregateId = UUID.fromString(s.event().path("aggregateId").asText());
                row.aggregateVersion = s.version();
                row.payload = s.payload();
                row.occurredAt = s.recordedAt();
                row.publishedAt = now;
                row.persist();
                if (++n % 500 == 0) {
                    em.flush();
                    em.clear();
                }
            }
            Instant finished = Instant.now();
            Report done = new Report(started, finished, startedBy, read, events.size(), duplicates[0], conflicting[0],
                    counts[0], counts[1], counts[2], counts[3], Duration.between(started, finished).toMillis());
            runs.record("REBUILD", started, finished, startedBy, done);
            return done;
        });
        LOG.infof("register rebuilt from the topics: %s", report);
        return report;
    }

    private static int rank(String aggregateType) {
        return switch (aggregateType) {
            case "zone" -> 0;
            case "project" -> 1;
            default -> 2;
        };
    }
}
