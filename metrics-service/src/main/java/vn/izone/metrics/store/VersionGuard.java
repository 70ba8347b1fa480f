package vn.izone.metrics.store;

import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The idempotency guard: the last version applied of every aggregate ({@code applied_version}). A batch locks the
 * guard rows of all its aggregates in one round trip (created at the batch's version if new, in key order so
 * concurrent batches never deadlock), decides each event against them, and advances the others in one statement. The
 * rows stay locked until the applying transaction ends, so two consumers can never apply the same aggregate's versions
 * at once.
 */
@ApplicationScoped
public class VersionGuard {
    /** An aggregate: its type (zone, project, report) and id. Ordered by type, then id. */
    public record Aggregate(String type, UUID id) implements Comparable<Aggregate> {
        @Override
        public int compareTo(Aggregate o) {
            int t = type.compareTo(o.type);
            return t != 0 ? t : id.compareTo(o.id);
        }
    }

    /**
     * The guard rows of a batch's aggregates, locked: the version each had applied (0 for one seen the first time), and
     * the aggregates seen the first time, whose rows were created already at the version the batch brings them to.
     */
    public record Locked(Map<Aggregate, Long> applied, Map<Aggregate, Long> created) {
    }

    /**
     * Locks the aggregates' guard rows and returns the version each had applied (0 if none). An aggregate without a row
     * gets one at {@code newest}'s version (the highest of its events in the batch, all of which then apply), so that
     * {@link #advance} has nothing to write for it: a catch-up's aggregates are nearly all new, and each row was written
     * twice (created at 0, then advanced; pg_stat_statements of the national catch-up: 9 of its 57 s). The rows that
     * exist are locked without being rewritten. One round trip: the insert and the read that locks are one prepared
     * statement of two (the read sees the rows the insert created, in the same transaction).
     */
    public Locked lock(Connection c, Map<Aggregate, Long> newest) throws SQLException {
        return lock(c, newest, null);
    }

    /** {@link #lock(Connection, Map)}, with a part that goes in the same round trip, after it (null: none). */
    public Locked lock(Connection c, Map<Aggregate, Long> newest, RoundTrip.Part alongside) throws SQLException {
        List<Aggregate> sorted = new ArrayList<>(new TreeSet<>(newest.keySet()));
        Map<Aggregate, Long> applied = new HashMap<>();
        Map<Aggregate, Long> created = new HashMap<>();
        if (sorted.isEmpty()) {
            RoundTrip.run(c, Collections.singletonList(alongside));
            return new Locked(applied, created);
        }
        RoundTrip.Part lock = new RoundTrip.Part() {
            @Override
            public String sql() {
                return """
                        INSERT INTO applied_version (aggregate_type, aggregate_id, version)
                        SELECT t, i, v FROM unnest(?::text[], ?::uuid[], ?::bigint[]) WITH ORDINALITY AS a(t, i, v, n) ORDER BY n
                        ON CONFLICT (aggregate_type, aggregate_id) DO NOTHING
                        RETURNING aggregate_type, aggregate_id, version;
                        SELECT a.aggregate_type, a.aggregate_id, a.version FROM applied_version a
                        JOIN unnest(?::text[], ?::uuid[]) AS k(t, i) ON a.aggregate_type = k.t AND a.aggregate_id = k.i
                        ORDER BY a.aggregate_type, a.aggregate_id FOR UPDATE OF a""";
            }

            @Override
            public int bind(Connection c, PreparedStatement q, int first) throws SQLException {
                java.sql.Array types = c.createArrayOf("text", sorted.stream().map(Aggregate::type).toArray());
                java.sql.Array ids = c.createArrayOf("uuid", sorted.stream().map(Aggregate::id).toArray());
                q.setArray(first, types);
                q.setArray(first + 1, ids);
                q.setArray(first + 2, c.createArrayOf("bigint", sorted.stream().map(newest::get).toArray()));
                q.setArray(first + 3, types);
                q.setArray(first + 4, ids);
                return first + 5;
            }

            @Override
            public void read(PreparedStatement q) throws SQLException {
                try (ResultSet rs = q.getResultSet()) {
                    while (rs.next()) {
                        created.put(new Aggregate(rs.getString(1), (UUID) rs.getObject(2)), rs.getLong(3));
                    }
                }
                q.getMoreResults();
                try (ResultSet rs = q.getResultSet()) {
                    while (rs.next()) {
                        Aggregate a = new Aggregate(rs.getString(1), (UUID) rs.getObject(2));
                        applied.put(a, created.containsKey(a) ? 0L : rs.getLong(3));
                    }
                }
            }
        };
        RoundTrip.run(c, Arrays.asList(lock, alongside));
        return new Locked(applied, created);
    }

    /**
     * Records the versions now applied (nothing for a row {@link #lock} created at the version it now has): a part of
     * the round trip that ends the applying transaction's writes ({@link AggregateStore}), null when there is nothing
     * to record. The rows are locked since {@link #lock}, so when in the transaction they are written changes nothing.
     */
    public RoundTrip.Part advance(Map<Aggregate, Long> versions, Locked locked) {
        List<Aggregate> keys = new ArrayList<>();
        for (Aggregate a : new TreeSet<>(versions.keySet())) {
            if (!versions.get(a).equals(locked.created().get(a))) {
                keys.add(a);
            }
        }
        if (keys.isEmpty()) {
            return null;
        }
        return new RoundTrip.Part() {
            @Override
            public String sql() {
                return """
                        UPDATE applied_version a SET version = v.version
                        FROM unnest(?::text[], ?::uuid[], ?::bigint[]) AS v(t, i, version)
                        WHERE a.aggregate_type = v.t AND a.aggregate_id = v.i""";
            }

            @Override
            public int bind(Connection c, PreparedStatement u, int first) throws SQLException {
                u.setArray(first, c.createArrayOf("text", keys.stream().map(Aggregate::type).toArray()));
                u.setArray(first + 1, c.createArrayOf("uuid", keys.stream().map(Aggregate::id).toArray()));
                u.setArray(first + 2, c.createArrayOf("bigint", keys.stream().map(versions::get).toArray()));
                return first + 3;
            }
        };
    }
}
