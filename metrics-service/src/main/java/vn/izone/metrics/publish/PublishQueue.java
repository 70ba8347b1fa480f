package vn.izone.metrics.publish;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import vn.izone.metrics.indicators.Scope;
import vn.izone.metrics.store.Jdbc;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/**
 * The scopes whose published snapshot is behind the state, with a version per (scope, shard). An applying
 * transaction bumps the versions of the (scope, shard) marks whose rows it changed; the publisher reads the marks,
 * then computes and sends the scopes, then records each mark's version as read as published. A change committed at
 * any moment after that read bumps the version above the published one, so the scope is due again: no update can be
 * lost, by construction (see docs/metrics.md, "Publishing"). The versions also say which shards of a scope a
 * publisher that keeps sums must read again (aggregates/SumsCache).
 */
@ApplicationScoped
public class PublishQueue {
    /** The shard of every zone's marks (see {@link #markChanged}). */
    public static final int ZONE_MARKS = 0;

    private final EntityManager em;
    private final Jdbc jdbc;

    public PublishQueue(EntityManager em, Jdbc jdbc) {
        this.em = em;
        this.jdbc = jdbc;
    }

    /** What is behind: how many scopes are due and the age of the oldest change not yet published. */
    public record Lag(long dueScopes, Duration oldestChange) {
    }

    /** One (scope, shard) mark as read: its version and the version last published. */
    public record Mark(String scopeKey, int shard, long version, long published) {
        public boolean due() {
            return version > published;
        }
    }

    /**
     * Marks the scopes changed, in the caller's (applying) transaction: each scope above zones on this shard's marks
     * (so transactions of other consumers never wait on them, and the national mark is no hot row); each zone's scope
     * on {@link #ZONE_MARKS}, since every writer of a zone holds the zone's lock anyway. In key order, so concurrent
     * transactions never deadlock.
     *
     * @return the zones' marks' versions after this change, by scope key (none for a replay's)
     */
    public Map<String, Long> markChanged(SortedSet<String> changed, int shard) {
        // a replay holds its marks until it commits: on marks of its own, the zone lane never waits for it
        boolean replay = shard == Shard.REBUILD;
        int zoneShard = replay ? Shard.REBUILD : ZONE_MARKS;
        List<String> keys = new ArrayList<>(changed);
        List<Integer> shards = new ArrayList<>(keys.size());
        keys.forEach(key -> shards.add(Scope.isZoneKey(key) ? zoneShard : shard));
        Map<String, Long> versions = new HashMap<>();
        if (keys.isEmpty()) {
            return versions;
        }
        // One statement for both kinds of marks (one round trip less per applied batch), in (scope, shard) order.
        jdbc.inTransaction(c -> {
            try (var s = c.prepareStatement("""
                    INSERT INTO scope_due AS d (scope_key, shard, version, published, marked_at)
                    SELECT k, sh, 1, 0, ? FROM unnest(?::text[], ?::int[]) AS m(k, sh) ORDER BY k, sh
                    ON CONFLICT (scope_key, shard) DO UPDATE SET version = d.version + 1,
                        marked_at = CASE WHEN d.version > d.published THEN d.marked_at ELSE EXCLUDED.marked_at END
                    RETURNING d.scope_key, d.shard, d.version""")) {
                s.setTimestamp(1, Timestamp.from(Instant.now()));
                s.setArray(2, c.createArrayOf("text", keys.toArray()));
                s.setArray(3, c.createArrayOf("integer", shards.toArray()));
                try (var rs = s.executeQuery()) {
                    while (rs.next()) {
                        if (Scope.isZoneKey(rs.getString(1))) {
                            versions.put(rs.getString(1), rs.getLong(3));
                        }
                    }
                }
                return null;
            }
        });
        return replay ? Map.of() : versions;
    }

    /** The publisher's two lanes: zones' scopes, and every scope above a zone. */
    public enum Lane {
        ZONES, ABOVE_ZONES
    }

    /** Up to {@code limit} keys of the lane's due scopes, those waiting longest first, in the caller's transaction. */
    @SuppressWarnings("unchecked")
    public List<String> due(Lane lane, int limit) {
        return em.createNativeQuery("""
                        SELECT d.scope_key FROM scope_due d
                        WHERE d.version > d.published AND (d.scope_key LIKE 'zone:%') = ?2
                        GROUP BY d.scope_key ORDER BY min(d.marked_at), d.scope_key LIMIT ?1""")
                .setParameter(1, limit).setParameter(2, lane == Lane.ZONES).getResultList();
    }

    /** Every mark of the scopes (all their shards, due or not), by scope key, in shard order. */
    public Map<String, List<Mark>> marks(Collection<String> scopeKeys) {
        Map<String, List<Mark>> marks = new LinkedHashMap<>();
        if (scopeKeys.isEmpty()) {
            return marks;
        }
        return jdbc.inTransaction(c -> {
            try (var q = c.prepareStatement("""
                    SELECT scope_key, shard, version, published FROM scope_due
                    WHERE scope_key = ANY(?) ORDER BY scope_key, shard""")) {
                q.setArray(1, c.createArrayOf("text", scopeKeys.toArray()));
                try (var rs = q.executeQuery()) {
                    while (rs.next()) {
                        marks.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                                .add(new Mark(rs.getString(1), rs.getInt(2), rs.getLong(3), rs.getLong(4)));
                    }
                }
            }
            return marks;
        });
    }

    /**
     * Takes the scopes for this publisher until the transaction ends (another instance skips them meanwhile), so two
     * publishers never send snapshots of one scope out of order. One statement for the whole round.
     *
     * @return the keys taken, in the order given
     */
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
     * Records the marks as read as published: each due mark's version (a mark bumped since stays due). A mark still
     * due is dated to the read ({@code readAt}): what it still holds was applied after that, so the oldest-unpublished
     * age stays true and a busy scope does not keep its first mark's date (and its place at the head of the queue) for
     * as long as it stays busy.
     */
    public void published(Collection<Mark> read, Instant readAt) {
        // (scope, shard) order, the order applying transactions lock their marks in (they hold one shard each):
        // the publisher takes every row it will update first, in that order, and then never waits
        List<Mark> marks = new ArrayList<>(read.stream().filter(Mark::due).toList());
        if (marks.isEmpty()) {
            return;
        }
        marks.sort(Comparator.comparing(Mark::scopeKey).thenComparingInt(Mark::shard));
        jdbc.inTransaction(c -> {
            var k = c.createArrayOf("text", marks.stream().map(Mark::scopeKey).toArray());
            var sh = c.createArrayOf("integer", marks.stream().map(Mark::shard).toArray());
            var v = c.createArrayOf("bigint", marks.stream().map(Mark::version).toArray());
            try (var lock = c.prepareStatement("""
                    SELECT 1 FROM scope_due d JOIN unnest(?::text[], ?::int[]) AS p(k, s) ON d.scope_key = p.k AND d.shard = p.s
                    ORDER BY d.scope_key, d.shard FOR UPDATE OF d""");
                 var update = c.prepareStatement("""
                    UPDATE scope_due d SET published = greatest(d.published, p.v),
                        marked_at = CASE WHEN d.version > p.v THEN greatest(d.marked_at, ?) ELSE d.marked_at END
                    FROM unnest(?::text[], ?::int[], ?::bigint[]) AS p(k, s, v)
                    WHERE d.scope_key = p.k AND d.shard = p.s""")) {
                lock.setArray(1, k);
                lock.setArray(2, sh);
                lock.executeQuery().close();
                update.setTimestamp(1, Timestamp.from(readAt));
                update.setArray(2, k);
                update.setArray(3, sh);
                update.setArray(4, v);
                return update.executeUpdate();
            }
        });
    }

    /**
     * After the derived tables were emptied for a replay (admin/Rebuild): every mark moves, so every scope is due and
     * every shard a publisher keeps is read again (its rows are gone), and a scope the replay leaves empty is
     * published empty.
     */
    public void everythingChanged() {
        jdbc.inTransaction(c -> {
            try (var s = c.prepareStatement("""
                    UPDATE scope_due SET version = version + 1,
                        marked_at = CASE WHEN version > published THEN marked_at ELSE ? END""")) {
                s.setTimestamp(1, Timestamp.from(Instant.now()));
                return s.executeUpdate();
            }
        });
    }

    @Transactional
    public Lag lag() {
        Object[] row = (Object[]) em.createNativeQuery("SELECT count(DISTINCT scope_key), min(marked_at) FROM scope_due WHERE version > published")
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
