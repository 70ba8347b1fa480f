package vn.izone.reporting.indicators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import javax.sql.DataSource;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The snapshots boards read. A snapshot replaces the stored one only if it is newer, so a redelivered or
 * reordered snapshot never moves a figure backwards; every snapshot is kept once in the history.
 * <p>
 * The latest of a scope is a row of its head fields pointing at its JSON in the history ({@link #LATEST}): each
 * snapshot's JSON is written once. Written twice, it was most of reporting's PostgreSQL work on the board's live path
 * (docs/performance.md, session 15); a foreign key keeps the pointer from ever dangling.
 */
@ApplicationScoped
public class IndicatorStore {
    /** The latest snapshot of each scope ({@code s}) with its JSON ({@code h.payload}). */
    static final String LATEST =
            "indicator_snapshot s JOIN indicator_history h ON h.scope_key = s.scope_key AND h.computed_at = s.computed_at";

    private final EntityManager em;
    private final ObjectMapper json;
    private final DataSource dataSource;

    public IndicatorStore(EntityManager em, ObjectMapper json, DataSource dataSource) {
        this.em = em;
        this.json = json;
        this.dataSource = dataSource;
    }

    /**
     * One received snapshot: the fields stored beside it, and its JSON exactly as received, in the UTF-8 bytes it came
     * in: stored (PostgreSQL converts them to text) and sent to the live stream as they are, never made a string.
     */
    public record Received(SnapshotHead head, byte[] json) {
        /** @throws IOException when the payload is not JSON; null head when it is not an object */
        public static Received of(String payload) throws IOException {
            return of(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        /**
         * As the record's value came off Kafka.
         * @throws IOException when it is not JSON in well-formed UTF-8; null head when it is not an object
         */
        public static Received of(byte[] utf8) throws IOException {
            if (!Utf8.wellFormed(utf8)) {
                throw new IOException("not well-formed UTF-8 text");
            }
            return new Received(SnapshotHead.read(utf8), utf8);
        }

        /** The JSON as text (tests, logs). */
        public String payload() {
            return new String(json, java.nio.charset.StandardCharsets.UTF_8);
        }

        String scopeKey() {
            return head.scopeKey();
        }

        Instant computedAt() {
            return head.computedAt();
        }
    }

    /**
     * Stores a poll's snapshots in one transaction and two JDBC batches, whatever their number: each one in the
     * history, and per scope the newest of the batch as the latest unless a newer one is stored already. Metrics
     * republishes a busy scope (national, a province) every round, so a poll holds many snapshots of few scopes.
     *
     * @return the snapshots that are now the latest of their scope, in the order received
     */
    @Transactional
    public List<Received> saveAll(List<Received> snapshots) {
        if (snapshots.isEmpty()) {
            return List.of();
        }
        java.util.Map<String, Received> newest = new java.util.LinkedHashMap<>();
        for (Received r : snapshots) {
            newest.merge(r.scopeKey(), r, (a, b) -> b.computedAt().isBefore(a.computedAt()) ? a : b);
        }
        Timestamp receivedAt = Timestamp.from(Instant.now());
        return em.unwrap(org.hibernate.Session.class).doReturningWork(c -> {
            try (PreparedStatement history = c.prepareStatement(
                    "INSERT INTO indicator_history (scope_key, computed_at, payload) VALUES (?, ?, convert_from(?, 'UTF8')) ON CONFLICT DO NOTHING")) {
                for (Received r : snapshots) {
                    history.setString(1, r.scopeKey());
                    history.setTimestamp(2, Timestamp.from(r.computedAt()));
                    history.setBytes(3, r.json()); // bound as bytes: the driver encodes no string
                    history.addBatch();
                }
                history.executeBatch();
            }
            List<Received> candidates = new java.util.ArrayList<>(newest.values());
            int[] changed;
            try (PreparedStatement latest = c.prepareStatement("""
                    INSERT INTO indicator_snapshot (scope_key, scope_type, scope_code, scope_name, computed_at, received_at,
                        province_code, former_province_code)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (scope_key) DO UPDATE SET scope_name = EXCLUDED.scope_name,
                        computed_at = EXCLUDED.computed_at, received_at = EXCLUDED.received_at,
                        province_code = COALESCE(EXCLUDED.province_code, indicator_snapshot.province_code),
                        former_province_code = COALESCE(EXCLUDED.former_province_code, indicator_snapshot.former_province_code)
                    WHERE indicator_snapshot.computed_at <= EXCLUDED.computed_at""")) {
                for (Received r : candidates) {
                    SnapshotHead h = r.head();
                    latest.setString(1, r.scopeKey());
                    latest.setString(2, h.scopeType() == null ? "" : h.scopeType());
                    latest.setString(3, h.scopeCode() == null ? "" : h.scopeCode());
                    latest.setString(4, h.scopeName());
                    latest.setTimestamp(5, Timestamp.from(r.computedAt()));
                    latest.setTimestamp(6, receivedAt);
                    latest.setString(7, h.provinceCode());
                    latest.setString(8, h.formerProvinceCode());
                    latest.addBatch();
                }
                changed = latest.executeBatch();
            }
            List<Received> now = new java.util.ArrayList<>();
            for (int i = 0; i < candidates.size(); i++) {
                if (changed[i] > 0 || changed[i] == java.sql.Statement.SUCCESS_NO_INFO) {
                    now.add(candidates.get(i));
                }
            }
            return now;
        });
    }

    /** The stored JSON of a scope's latest snapshot, as received: two primary-key probes (latest, then its history row), no parsing. */
    public Optional<String> latestJson(String scopeKey) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("SELECT h.payload FROM " + LATEST + " WHERE s.scope_key = ?")) {
            q.setString(1, scopeKey);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the snapshot of " + scopeKey, e);
        }
    }

    @Transactional
    public Optional<JsonNode> latest(String scopeKey) {
        @SuppressWarnings("unchecked")
        List<String> rows = em.createNativeQuery("SELECT h.payload FROM " + LATEST + " WHERE s.scope_key = ?1")
                .setParameter(1, scopeKey).getResultList();
        return rows.stream().findFirst().map(this::parse);
    }

    @Transactional
    public List<JsonNode> latestOfType(String scopeType) {
        @SuppressWarnings("unchecked")
        List<String> rows = em.createNativeQuery("SELECT h.payload FROM " + LATEST + " WHERE s.scope_type = ?1 ORDER BY s.scope_code")
                .setParameter(1, scopeType).getResultList();
        return rows.stream().map(this::parse).toList();
    }

    /** The latest snapshots of one kind within every province / former province: PROVINCE_KIND with code "…:KIND". */
    @Transactional
    public java.util.Map<String, JsonNode> latestOfKind(String kindScopeType, String kind) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT s.scope_code, h.payload FROM " + LATEST + " WHERE s.scope_type = ?1 AND s.scope_code LIKE ?2 ORDER BY s.scope_code")
                .setParameter(1, kindScopeType).setParameter(2, "%:" + kind).getResultList();
        java.util.Map<String, JsonNode> byParent = new java.util.LinkedHashMap<>();
        for (Object[] r : rows) {
            byParent.put(vn.izone.reporting.kinds.Kinds.split((String) r[0])[0], parse((String) r[1]));
        }
        return byParent;
    }

    /**
     * The zone snapshots of a province (today's, or a former one): placed by the snapshot itself when it says
     * where the zone is, else by the registry's answer cached in zone_place. Each gets a "place" object.
     */
    @Transactional
    public List<JsonNode> zonesOf(boolean former, String code) {
        String column = former ? "former_province_code" : "province_code";
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT h.payload, COALESCE(s.province_code, p.province_code), COALESCE(s.former_province_code, p.former_province_code),
                       p.kind, p.status, CASE WHEN s.%1$s IS NOT NULL THEN 'snapshot' ELSE p.source END
                FROM %2$s LEFT JOIN zone_place p ON p.zone_id = s.scope_code
                WHERE s.scope_type = 'ZONE' AND COALESCE(s.%1$s, p.%1$s) = ?1
                ORDER BY s.scope_name, s.scope_code
                """.formatted(column, LATEST)).setParameter(1, code).getResultList();
        return rows.stream().map(r -> {
            ObjectNode zone = (ObjectNode) parse((String) r[0]);
            ObjectNode place = zone.putObject("place");
            place.put("provinceCode", (String) r[1]);
            place.put("formerProvinceCode", (String) r[2]);
            place.put("kind", r[3] != null ? (String) r[3] : zone.path("kind").asText(null));
            place.put("status", r[4] != null ? (String) r[4] : zone.path("status").asText(null));
            place.put("source", (String) r[5]);
            return (JsonNode) zone;
        }).toList();
    }

    /** Zone snapshots whose province is known neither from the snapshot nor from the registry yet. */
    @Transactional
    public List<String> unplacedZones(int limit) {
        @SuppressWarnings("unchecked")
        List<String> ids = em.createNativeQuery("""
                SELECT s.scope_code FROM indicator_snapshot s
                WHERE s.scope_type = 'ZONE' AND s.province_code IS NULL
                  AND NOT EXISTS (SELECT 1 FROM zone_place p WHERE p.zone_id = s.scope_code)
                ORDER BY s.received_at DESC LIMIT ?1
                """).setParameter(1, limit).getResultList();
        return ids;
    }

    public static String text(JsonNode snapshot, String field) {
        JsonNode value = snapshot.path(field);
        if (value.isMissingNode() || value.isNull()) {
            value = snapshot.path("place").path(field);
        }
        return value.isValueNode() && !value.isNull() && !value.asText().isBlank() ? value.asText() : null;
    }

    JsonNode parse(String payload) {
        try {
            return json.readTree(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
