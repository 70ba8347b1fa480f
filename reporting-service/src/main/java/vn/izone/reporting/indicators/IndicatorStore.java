package vn.izone.reporting.indicators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The snapshots boards read. A snapshot replaces the stored one only if it is newer, so a redelivered or
 * reordered snapshot never moves a figure backwards; every snapshot is kept once in the history.
 */
@ApplicationScoped
public class IndicatorStore {
    private final EntityManager em;
    private final ObjectMapper json;

    public IndicatorStore(EntityManager em, ObjectMapper json) {
        this.em = em;
        this.json = json;
    }

    /** @return true if this snapshot is now the latest of its scope */
    @Transactional
    public boolean save(JsonNode snapshot, String payload) {
        String key = snapshot.path("scopeKey").asText();
        Timestamp computedAt = Timestamp.from(Instant.parse(snapshot.path("computedAt").asText()));
        em.createNativeQuery("INSERT INTO indicator_history (scope_key, computed_at, payload) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING")
                .setParameter(1, key).setParameter(2, computedAt).setParameter(3, payload).executeUpdate();
        int changed = em.createNativeQuery("""
                INSERT INTO indicator_snapshot (scope_key, scope_type, scope_code, scope_name, payload, computed_at, received_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                ON CONFLICT (scope_key) DO UPDATE SET scope_name = EXCLUDED.scope_name, payload = EXCLUDED.payload,
                    computed_at = EXCLUDED.computed_at, received_at = EXCLUDED.received_at
                WHERE indicator_snapshot.computed_at <= EXCLUDED.computed_at
                """)
                .setParameter(1, key).setParameter(2, snapshot.path("scopeType").asText())
                .setParameter(3, snapshot.path("scopeCode").asText()).setParameter(4, snapshot.path("scopeName").asText(null))
                .setParameter(5, payload).setParameter(6, computedAt).setParameter(7, Timestamp.from(Instant.now()))
                .executeUpdate();
        return changed > 0;
    }

    @Transactional
    public Optional<JsonNode> latest(String scopeKey) {
        @SuppressWarnings("unchecked")
        List<String> rows = em.createNativeQuery("SELECT payload FROM indicator_snapshot WHERE scope_key = ?1")
                .setParameter(1, scopeKey).getResultList();
        return rows.stream().findFirst().map(this::parse);
    }

    @Transactional
    public List<JsonNode> latestOfType(String scopeType) {
        @SuppressWarnings("unchecked")
        List<String> rows = em.createNativeQuery("SELECT payload FROM indicator_snapshot WHERE scope_type = ?1 ORDER BY scope_code")
                .setParameter(1, scopeType).getResultList();
        return rows.stream().map(this::parse).toList();
    }

    private JsonNode parse(String payload) {
        try {
            return json.readTree(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
