package vn.izone.metrics.publish;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import vn.izone.metrics.indicators.Scope;
import vn.izone.metrics.store.Jdbc;
import vn.izone.metrics.store.RoundTrip;

import java.sql.ResultSet;
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
        Marking marking = marking(changed, shard);
        if (marking != null) {
            jdbc.inTransaction(c -> {
                RoundTrip.run(c, List.of(marking));
                return null;
            });
        }
        return marking == null ? Map.of() : marking.versions();
    }

    /**
     * {@link #markChanged} as a part of a round trip of the caller's (the applying transaction's last writes go
     * together, {@link RoundTrip}): null when nothing changed; its {@link Marking#versions} once the round trip ran.
     */
    public Marking marking(SortedSet<String> changed, int shard) {
        if (changed.isEmpty()) {
            return null;
        }
        // a replay holds its marks until it commits: on marks of its own, the zone lane never waits for it
        boolean replay = shard == Shard.REBUILD;
        int zoneShard = replay ? Shard.REBUILD : ZONE_MARKS;
        List<String> keys = new ArrayList<>(changed);
        List<Integer> shards = new ArrayList<>(keys.size());
        keys.forEach(key -> shards.add(Scope.isZoneKey(key) ? zoneShard : shard));
        return new Marking(keys, shards, replay);
    }

    /** The marks of changed scopes, both kinds in one statement, in (scope, shard) order. */
    public static final class Marking implements RoundTrip.Part {
        private final List<String> keys;
        private final List<Integer> shards;
        private final boolean replay;
        private final Map<String, Long> versions = new HashMap<>();

        private Marking(List<String> keys, List<Integer> shards, boolean replay) {
            this.keys = keys;
            this.shards = shards;
            this.replay = replay;
        }

        @Override
        public String sql() {
            return """
                    INSERT INTO scope_due AS d (scope_key, shard, version, published, marked_at)
                    SELECT k, sh, 1, 0, ? FROM unnest(?::text[], ?::int[]) AS m(k, sh) ORDER BY k, sh
                    ON CONFLICT (scope_key, shard) DO UPDATE SET version = d.version + 1,
                        marked_at = CASE WHEN d.version > d.published THEN d.marked_at ELSE EXCLUDED.marked_at END
                    RETURNING d.scope_key, d.shard, d.version""";
        }

        @Override
        public int bind(java.sql.Connection c, java.sql.PreparedStatement s, int first) throws java.sql.SQLException {
            s.setTimestamp(first, Timestamp.from(Instant.now()));
            s.setArray(first + 1, c.createArrayOf("text", keys.toArray()));
            s.setArray(first + 2, c.createArrayOf("integer", shards.toArray()));
            return first + 3;
        }

        @Override
        public void read(java.sql.PreparedStatement s) throws java.sql.SQLException {
            try (ResultSet rs = s.getResultSet()) {
                while (rs.next()) {
                    if (!replay && Scope.isZoneKey(rs.getString(1))) {
                        versions.put(rs.getString(1), rs.getLong(3));
                    }
                }
            }
        }

        /** The zones' marks' versions after this change, by scope key (none for a replay's). */
        public Map<String, Long> versions() {
            return versions;
        }
    }

    /** The publisher's two lanes: zones' scopes, and every scope above a zone. */
    public enum Lane {
        ZONES, ABOVE_ZONES
    }

    /** A round's due scopes, those waiting longest first, and those of them this publisher took. */
    public record Taken(List<String> due, List<String> claimed) {
    }

    /**
     * Up to {@code limit} of the lane's due scopes, those waiting longest first, each taken for this publisher until
     * the transaction ends if no other has it ({@code pg_try_advisory_xact_lock}): two publishers never send snapshots
     * of one scope out of order, and one never waits for the other (the scopes another holds stay due). One statement:
     * on a machine whose cores are busy each round trip costs milliseconds of waiting (wall-clock profile, session 16).
     */
    public Taken take(Lane lane, int limit) {
        return jdbc.inTransaction(c -> {
            try (var q = c.prepareStatement("""
                    SELECT scope_key, pg_try_advisory_xact_lock(hashtext(scope_key)) FROM (
                        SELECT d.scope_key, min(d.marked_at) AS since FROM scope_due d
                        WHERE d.version > d.published AND (d.scope_key LIKE 'zone:%') = ?
                        GROUP BY d.scope_key ORDER BY min(d.marked_at), d.scope_key LIMIT ?) AS due
                    ORDER BY since, scope_key""")) {
                q.setBoolean(1, lane == Lane.ZONES);
                q.setInt(2, limit);
                List<String> due = new ArrayList<>();
                List<String> claimed = new ArrayList<>();
                try (var rs = q.executeQuery()) {
                    while (rs.next()) {
                        due.add(rs.getString(1));
                        if (rs.getBoolean(2)) {
                            claimed.add(rs.getString(1));
                        }
                    }
                }
                return new Taken(due, claimed);
            }
        });
    }

    /** Every mark of some scopes (all their shards, due or not): one parameter, the scopes' keys; read by {@link #marks(ResultSet)}. */
    public static final String MARKS = """
            SELECT scope_key, shard, version, published FROM scope_due
            WHERE scope_key = ANY(?) ORDER BY scope_key, shard""";

    /** Every mark of the scopes (all their shards, due or not), by scope key, in shard order. */
    public Map<String, List<Mark>> marks(Collection<String> scopeKeys) {
        if (scopeKeys.isEmpty()) {
            return new LinkedHashMap<>();
        }
        return jdbc.inTransaction(c -> {
            try (var q = c.prepareStatement(MARKS)) {
                q.setArray(1, c.createArrayOf("text", scopeKeys.toArray()));
                try (var rs = q.executeQuery()) {
                    return marks(rs);
                }
            }
        });
    }

    /** The rows of {@link #MARKS}, by scope key, in shard order. */
    public static Map<String, List<Mark>> marks(ResultSet rs) throws java.sql.SQLException {
        Map<String, List<Mark>> marks = new LinkedHashMap<>();
        while (rs.next()) {
            marks.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                    .add(new Mark(rs.getString(1), rs.getInt(2), rs.getLong(3), rs.getLong(4)));
        }
        return marks;
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
            // the locks, then the update, in one round trip (a prepared statement of two)
            try (var q = c.prepareStatement("""
                    SELECT 1 FROM scope_due d JOIN unnest(?::text[], ?::int[]) AS p(k, s) ON d.scope_key = p.k AND d.shard = p.s
                    ORDER BY d.scope_key, d.shard FOR UPDATE OF d;
                    UPDATE scope_due d SET published = greatest(d.published, p.v),
                        marked_at = CASE WHEN d.version > p.v THEN greatest(d.marked_at, ?) ELSE d.marked_at END
                    FROM unnest(?::text[], ?::int[], ?::bigint[]) AS p(k, s, v)
                    WHERE d.scope_key = p.k AND d.shard = p.s""")) {
                q.setArray(1, k);
                q.setArray(2, sh);
                q.setTimestamp(3, Timestamp.from(readAt));
                q.setArray(4, k);
                q.setArray(5, sh);
                q.setArray(6, v);
                q.execute();
                q.getMoreResults();
                return q.getUpdateCount();
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
