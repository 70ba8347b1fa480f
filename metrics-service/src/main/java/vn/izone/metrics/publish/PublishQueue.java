package vn.izone.metrics.publish;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import vn.izone.metrics.store.Jdbc;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scopes whose published snapshot is behind the state, with a version per (scope, shard). An applying
 * transaction bumps the versions of the scopes it changed; the publisher reads the versions, then computes and
 * sends the scopes, then deletes each mark only if its version is still the one it read. A change committed at
 * any moment after that read bumps the version, so its mark survives and the scope is published again: no update
 * can be lost, by construction (see docs/metrics.md, "Publishing").
 */
@ApplicationScoped
public class PublishQueue {
    private final EntityManager em;
    private final Jdbc jdbc;

    public PublishQueue(EntityManager em, Jdbc jdbc) {
        this.em = em;
        this.jdbc = jdbc;
    }

    /** A scope due for publishing, with the version of each of its marks as read. */
    public record Due(String scopeKey, Map<Integer, Long> versions) {
    }

    /** What is behind: how many scopes are due and the age of the oldest change not yet published. */
    public record Lag(long dueScopes, Duration oldestChange) {
    }

    /**
     * Marks the scopes changed, in the caller's (applying) transaction. In key order, so concurrent transactions
     * never deadlock; only this shard's rows, so transactions of other consumers never wait on them.
     */
    public void markChanged(Collection<String> sortedScopeKeys, int shard) {
        if (sortedScopeKeys.isEmpty()) {
            return;
        }
        jdbc.inTransaction(c -> {
            try (var s = c.prepareStatement("""
                    INSERT INTO scope_due (scope_key, shard, version, marked_at)
                    SELECT k, ?, 1, ? FROM unnest(?::text[]) AS k ORDER BY k
                    ON CONFLICT (scope_key, shard) DO UPDATE SET version = scope_due.version + 1""")) {
                s.setInt(1, shard);
                s.setTimestamp(2, Timestamp.from(Instant.now()));
                s.setArray(3, c.createArrayOf("text", sortedScopeKeys.toArray()));
                return s.executeUpdate();
            }
        });
    }

    /** The publisher's two lanes: zones' scopes, and every scope above a zone. */
    public enum Lane {
        ZONES, ABOVE_ZONES
    }

    /** Up to {@code limit} due scopes of the lane, those waiting longest first, in the caller's transaction. */
    @SuppressWarnings("unchecked")
    public List<Due> due(Lane lane, int limit) {
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT d.scope_key, d.shard, d.version FROM scope_due d
                        JOIN (SELECT d.scope_key, min(d.marked_at) AS oldest FROM scope_due d
                              WHERE (d.scope_key LIKE 'zone:%') = ?2 GROUP BY d.scope_key
                              ORDER BY oldest LIMIT ?1) o ON o.scope_key = d.scope_key
                        ORDER BY o.oldest, d.scope_key""")
                .setParameter(1, limit).setParameter(2, lane == Lane.ZONES).getResultList();
        Map<String, Map<Integer, Long>> due = new LinkedHashMap<>();
        for (Object[] r : rows) {
            due.computeIfAbsent((String) r[0], k -> new LinkedHashMap<>()).put(((Number) r[1]).intValue(), ((Number) r[2]).longValue());
        }
        List<Due> list = new ArrayList<>(due.size());
        due.forEach((k, v) -> list.add(new Due(k, v)));
        return list;
    }

    /**
     * Takes the scopes for this publisher until the transaction ends (another instance skips them meanwhile), so two
     * publishers never send snapshots of one scope out of order. One statement for the whole round.
     *
     * @return the keys taken, in the order given
     */
    @SuppressWarnings("unchecked")
    public List<String> claim(List<String> scopeKeys) {
        if (scopeKeys.isEmpty()) {
            return List.of();
        }
        return jdbc.inTransaction(c -> {
            try (var q = c.prepareStatement("""
                    SELECT k FROM unnest(?::text[]) WITH ORDINALITY AS t(k, n)
                    WHERE pg_try_advisory_xact_lock(hashtext(k)) ORDER BY n""")) {
                q.setArray(1, c.createArrayOf("text", scopeKeys.toArray()));
                List<String> taken = new ArrayList<>(scopeKeys.size());
                try (var rs = q.executeQuery()) {
                    while (rs.next()) {
                        taken.add(rs.getString(1));
                    }
                }
                return taken;
            }
        });
    }

    /**
     * Deletes the marks at the versions read; a mark bumped since stays due, dated to the read ({@code readAt}):
     * what it still holds was applied after that, so the oldest-unpublished age stays true and a busy scope does
     * not keep its first mark's date (and its place at the head of the queue) for as long as it stays busy.
     */
    public void published(List<Due> scopes, Instant readAt) {
        if (scopes.isEmpty()) {
            return;
        }
        // (scope, shard) order, the order applying transactions lock their marks in (they hold one shard each):
        // the publisher takes every row it will delete or re-date first, in that order, and then never waits
        record Mark(String key, int shard, long version) {
        }
        List<Mark> marks = new ArrayList<>();
        for (Due d : scopes) {
            d.versions().forEach((shard, version) -> marks.add(new Mark(d.scopeKey(), shard, version)));
        }
        marks.sort(java.util.Comparator.comparing(Mark::key).thenComparingInt(Mark::shard));
        jdbc.inTransaction(c -> {
            var k = c.createArrayOf("text", marks.stream().map(Mark::key).toArray());
            var sh = c.createArrayOf("integer", marks.stream().map(Mark::shard).toArray());
            var v = c.createArrayOf("bigint", marks.stream().map(Mark::version).toArray());
            try (var lock = c.prepareStatement("""
                    SELECT 1 FROM scope_due d JOIN unnest(?::text[], ?::int[]) AS p(k, s) ON d.scope_key = p.k AND d.shard = p.s
                    ORDER BY d.scope_key, d.shard FOR UPDATE OF d""");
                 var delete = c.prepareStatement("""
                    DELETE FROM scope_due d USING unnest(?::text[], ?::int[], ?::bigint[]) AS p(k, s, v)
                    WHERE d.scope_key = p.k AND d.shard = p.s AND d.version = p.v""");
                 var redate = c.prepareStatement("""
                    UPDATE scope_due d SET marked_at = greatest(d.marked_at, ?) FROM unnest(?::text[], ?::int[]) AS p(k, s)
                    WHERE d.scope_key = p.k AND d.shard = p.s""")) {
                lock.setArray(1, k);
                lock.setArray(2, sh);
                lock.executeQuery().close();
                delete.setArray(1, k);
                delete.setArray(2, sh);
                delete.setArray(3, v);
                delete.executeUpdate();
                redate.setTimestamp(1, Timestamp.from(readAt));
                redate.setArray(2, k);
                redate.setArray(3, sh);
                return redate.executeUpdate();
            }
        });
    }

    @Transactional
    public Lag lag() {
        Object[] row = (Object[]) em.createNativeQuery("SELECT count(DISTINCT scope_key), min(marked_at) FROM scope_due")
                .getSingleResult();
        long due = ((Number) row[0]).longValue();
        Duration age = row[1] == null ? Duration.ZERO : Duration.between(instant(row[1]), Instant.now());
        return new Lag(due, age.isNegative() ? Duration.ZERO : age);
    }

    @Transactional
    public long dueScopes() {
        return lag().dueScopes();
    }

    private static Instant instant(Object value) {
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        return (Instant) value;
    }
}
