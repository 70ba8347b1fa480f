package vn.izone.registry.recovery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The record of reconciliations and rebuilds ({@code recovery_run}), and the lost window ({@code lost_event}). */
@ApplicationScoped
public class RecoveryRuns {
    private final EntityManager em;
    private final ObjectMapper json;

    public RecoveryRuns(EntityManager em, ObjectMapper json) {
        this.em = em;
        this.json = json;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void record(String kind, Instant started, Instant finished, String startedBy, Object report) {
        try {
            em.createNativeQuery("INSERT INTO recovery_run (kind, started_at, finished_at, started_by, report) VALUES (?1, ?2, ?3, ?4, ?5)")
                    .setParameter(1, kind).setParameter(2, started.atOffset(ZoneOffset.UTC)).setParameter(3, finished.atOffset(ZoneOffset.UTC))
                    .setParameter(4, startedBy == null ? "anonymous" : startedBy).setParameter(5, json.writeValueAsString(report))
                    .executeUpdate();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The last runs, newest first, each as {kind, report}. */
    @Transactional
    public List<Map<String, Object>> lastRuns(int limit) {
        List<Map<String, Object>> runs = new ArrayList<>();
        for (Object row : em.createNativeQuery("SELECT kind, report FROM recovery_run ORDER BY id DESC LIMIT " + Math.max(1, limit))
                .getResultList()) {
            Object[] r = (Object[]) row;
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("kind", r[0]);
            run.put("report", read((String) r[1]));
            runs.add(run);
        }
        return runs;
    }

    /** Events the topics carry beyond the restored register, oldest first: what the restore lost. */
    @Transactional
    public List<JsonNode> lostEvents(int limit) {
        List<JsonNode> events = new ArrayList<>();
        for (Object payload : em.createNativeQuery("SELECT payload FROM lost_event ORDER BY recorded_at, aggregate_id, aggregate_version LIMIT "
                + Math.max(1, Math.min(limit, 10_000))).getResultList()) {
            events.add(read((String) payload));
        }
        return events;
    }

    @Transactional
    public long lostEventCount() {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM lost_event").getSingleResult()).longValue();
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
