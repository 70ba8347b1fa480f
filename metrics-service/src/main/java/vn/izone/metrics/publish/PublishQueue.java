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
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The scopes whose published snapshot is behind the state, with a version per (scope, shard). An applying
 * transaction bumps the versions of the scopes it changed and appends the rows it changed to the mark's log; the
 * publisher reads the marks, then computes and sends the scopes, then records each mark's version as read as
 * published, and drops the part of the log it read. A change committed at any moment after that read bumps the
 * version above the published one and stays in the log, so the scope is due again and its rows are read again: no
 * update can be lost, by construction (see docs/metrics.md, "Publishing").
 */
@ApplicationScoped
public class PublishQueue {
    /**
     * Past this many rows a mark's log is dropped (NULL: read the scope whole). A live shard names a few dozen rows of
     * a scope between two rounds; a catch-up's batches name hundreds, and a long log is rewritten by every batch.
     */
    static final int LOG_LIMIT = 256;
    /** Between two row names in the statement's text parameter (a name never holds a control character). */
    private static final String SEPARATOR = "\u001f";
    /** The shard of every zone's marks (see {@link #markChanged}). */
    public static final int ZONE_MARKS = 0;

    private final EntityManager em;
    private final Jdbc jdbc;
    private final vn.izone.metrics.indicators.PublishingConfig config;

    public PublishQueue(EntityManager em, Jdbc jdbc, vn.izone.metrics.indicators.PublishingConfig config) {
        this.em = em;
        this.jdbc = jdbc;
        this.config = config;
    }

    /** What is behind: how many scopes are due and the age of the oldest change not yet published. */
    public record Lag(long dueScopes, Duration oldestChange) {
    }

    /**
     * One (scope, shard) mark as read: its version, the version last published, and the rows changed since the log
     * was last dropped ({@code null}: not known, read the scope whole).
     */
    public record Mark(String scopeKey, int shard, long version, long published, List<String> changed) {
        public boolean due() {
            return version > published;
        }
    }

    /**
     * Marks the scopes changed, in the caller's (applying) transaction: each scope above zones with the rows that
     * changed, on this shard's marks (so transactions of other consumers never wait on them, and the national mark is
     * no hot row); each zone's scope ({@code null} rows: always read whole) on {@link #ZONE_MARKS}, since every writer
     * of a zone holds the zone's lock anyway. In key order, so concurrent transactions never deadlock.
     *
     * @return the zones' marks' versions after this change, by scope key (none for a replay's)
     */
    public Map<String, Long> markChanged(SortedMap<String, Collection<String>> changedRows, int shard) {
        SortedMap<String, Collection<String>> zones = new TreeMap<>();
        SortedMap<String, Collection<String>> above = new TreeMap<>();
        // a replay's marks are made unknown when it ends (everythingChanged): logging its rows would only cost; and
        // nothing reads the logs unless the lane above zones re-reads changed rows
        boolean replay = shard == Shard.REBUILD;
        boolean logged = !replay && config.rereadChangedRows();
        changedRows.forEach((key, rows) -> {
            if (rows == null) {
                zones.put(key, null);
            } else {
                above.put(key, logged ? rows : null);
            }
        });
        mark(above, shard);
        // a replay holds its marks until it commits: on marks of its own, the zone lane never waits for it
        Map<String, Long> versions = mark(zones, replay ? Shard.REBUILD : ZONE_MARKS);
        return replay ? Map.of() : versions;
    }

    private Map<String, Long> mark(SortedMap<String, Collection<String>> changedRows, int shard) {
        Map<String, Long> versions = new HashMap<>();
        if (changedRows.isEmpty()) {
            return versions;
        }
        List<String> keys = new ArrayList<>(changedRows.size());
        List<String> rows = new ArrayList<>(changedRows.size());
        changedRows.forEach((key, names) -> {
            keys.add(key);
            rows.add(names == null || names.size() > LOG_LIMIT ? null : String.join(SEPARATOR, names));
        });
        return jdbc.inTransaction(c -> {
            try (var s = c.prepareStatement("""
                    INSERT INTO scope_due AS d (scope_key, shard, version, published, marked_at, changed)
                    SELECT k, ?, 1, 0, ?, string_to_array(r, E'\\x1f') FROM unnest(?::text[], ?::text[]) AS m(k, r) ORDER BY k
                    ON CONFLICT (scope_key, shard) DO UPDATE SET version = d.version + 1,
                        marked_at = CASE WHEN d.version > d.published THEN d.marked_at ELSE EXCLUDED.marked_at END,
                        changed = CASE WHEN d.changed IS NULL OR EXCLUDED.changed IS NULL
                                         OR cardinality(d.changed) + cardinality(EXCLUDED.changed) > ? THEN NULL
                                       ELSE d.changed || EXCLUDED.changed END
                    RETURNING d.scope_key, d.version""")) {
                s.setInt(1, shard);
                s.setTimestamp(2, Timestamp.from(Instant.now()));
                s.setArray(3, c.createArrayOf("text", keys.toArray()));
                s.setArray(4, c.createArrayOf("text", rows.toArray()));
                s.setInt(5, LOG_LIMIT);
                try (var rs = s.executeQuery()) {
                    while (rs.next()) {
                        versions.put(rs.getString(1), rs.getLong(2));
                    }
                }
                return versions;
            }
        });
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

    /** Every mark of the scopes (all their shards, due or not), by scope key. */
    public Map<String, List<Mark>> marks(Collection<String> scopeKeys) {
        Map<String, List<Mark>> marks = new LinkedHashMap<>();
        if (scopeKeys.isEmpty()) {
            return marks;
        }
        return jdbc.inTransaction(c -> {
            try (var q = c.prepareStatement("""
                    SELECT scope_key, shard, version, published, changed FROM scope_due
                    WHERE scope_key = ANY(?) ORDER BY scope_key, shard""")) {
                q.setArray(1, c.createArrayOf("text", scopeKeys.toArray()));
                try (var rs = q.executeQuery()) {
                    while (rs.next()) {
                        java.sql.Array changed = rs.getArray(5);
                        List<String> rows = changed == null ? null : List.of((String[]) changed.getArray());
                        marks.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                                .add(new Mark(rs.getString(1), rs.getInt(2), rs.getLong(3), rs.getLong(4), rows));
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
     * Records the marks as read as published: each mark's version (a mark bumped since stays due) and the log's part
     * that was read dropped (what was appended since stays). A mark still due is dated to the read ({@code readAt}):
     * what it still holds was applied after that, so the oldest-unpublished age stays true and a busy scope does not
     * keep its first mark's date (and its place at the head of the queue) for as long as it stays busy. A log read as
     * unknown becomes empty only if nothing was applied since; otherwise it stays unknown.
     */
    public void published(Collection<Mark> read, Instant readAt) {
        if (read.isEmpty()) {
            return;
        }
        // (scope, shard) order, the order applying transactions lock their marks in (they hold one shard each):
        // the publisher takes every row it will update first, in that order, and then never waits
        // a mark neither due nor holding a log when read has nothing to record (and may be another writer's: the rebuild's)
        List<Mark> marks = new ArrayList<>(read.stream().filter(m -> m.due() || m.changed() == null || !m.changed().isEmpty()).toList());
        if (marks.isEmpty()) {
            return;
        }
        marks.sort(Comparator.comparing(Mark::scopeKey).thenComparingInt(Mark::shard));
        jdbc.inTransaction(c -> {
            var k = c.createArrayOf("text", marks.stream().map(Mark::scopeKey).toArray());
            var sh = c.createArrayOf("integer", marks.stream().map(Mark::shard).toArray());
            var v = c.createArrayOf("bigint", marks.stream().map(Mark::version).toArray());
            var n = c.createArrayOf("integer", marks.stream().map(m -> m.changed() == null ? -1 : m.changed().size()).toArray());
            try (var lock = c.prepareStatement("""
                    SELECT 1 FROM scope_due d JOIN unnest(?::text[], ?::int[]) AS p(k, s) ON d.scope_key = p.k AND d.shard = p.s
                    ORDER BY d.scope_key, d.shard FOR UPDATE OF d""");
                 var update = c.prepareStatement("""
                    UPDATE scope_due d SET published = greatest(d.published, p.v),
                        changed = CASE WHEN p.n < 0 THEN CASE WHEN d.version = p.v THEN '{}'::text[] END
                                       ELSE d.changed[p.n + 1:] END,
                        marked_at = CASE WHEN d.version > p.v THEN greatest(d.marked_at, ?) ELSE d.marked_at END
                    FROM unnest(?::text[], ?::int[], ?::bigint[], ?::int[]) AS p(k, s, v, n)
                    WHERE d.scope_key = p.k AND d.shard = p.s""")) {
                lock.setArray(1, k);
                lock.setArray(2, sh);
                lock.executeQuery().close();
                update.setTimestamp(1, Timestamp.from(readAt));
                update.setArray(2, k);
                update.setArray(3, sh);
                update.setArray(4, v);
                update.setArray(5, n);
                return update.executeUpdate();
            }
        });
    }

    /**
     * After the derived tables were emptied for a replay (admin/Rebuild): every scope is due, and read whole (the sums
     * a publisher keeps in memory are of rows that are gone), so a scope the replay leaves empty is published empty.
     */
    public void everythingChanged() {
        jdbc.inTransaction(c -> {
            try (var s = c.prepareStatement("""
                    UPDATE scope_due SET version = version + 1, changed = NULL,
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
