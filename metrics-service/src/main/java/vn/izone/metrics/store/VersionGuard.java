package vn.izone.metrics.store;

import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The idempotency guard: the last version applied of every aggregate ({@code applied_version}). A batch locks the
 * guard rows of all its aggregates in one statement (created at 0 if new, in key order so concurrent batches never
 * deadlock), decides each event against them, and advances them in one statement. The rows stay locked until the
 * applying transaction ends, so two consumers can never apply the same aggregate's versions at once.
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

    /** Locks the aggregates' guard rows and returns the version each had applied (0 if none). */
    public Map<Aggregate, Long> lock(Connection c, Collection<Aggregate> aggregates) throws SQLException {
        List<Aggregate> sorted = new ArrayList<>(new TreeSet<>(aggregates));
        Map<Aggregate, Long> applied = new HashMap<>();
        if (sorted.isEmpty()) {
            return applied;
        }
        try (PreparedStatement q = c.prepareStatement("""
                INSERT INTO applied_version (aggregate_type, aggregate_id, version)
                SELECT t, i, 0 FROM unnest(?::text[], ?::uuid[]) WITH ORDINALITY AS a(t, i, n) ORDER BY n
                ON CONFLICT (aggregate_type, aggregate_id) DO UPDATE SET version = applied_version.version
                RETURNING aggregate_type, aggregate_id, version""")) {
            q.setArray(1, c.createArrayOf("text", sorted.stream().map(Aggregate::type).toArray()));
            q.setArray(2, c.createArrayOf("uuid", sorted.stream().map(Aggregate::id).toArray()));
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    applied.put(new Aggregate(rs.getString(1), (UUID) rs.getObject(2)), rs.getLong(3));
                }
            }
        }
        return applied;
    }

    /** Records the versions now applied. */
    public void advance(Connection c, Map<Aggregate, Long> versions) throws SQLException {
        if (versions.isEmpty()) {
            return;
        }
        List<Aggregate> keys = new ArrayList<>(new TreeSet<>(versions.keySet()));
        try (PreparedStatement u = c.prepareStatement("""
                UPDATE applied_version a SET version = v.version
                FROM unnest(?::text[], ?::uuid[], ?::bigint[]) AS v(t, i, version)
                WHERE a.aggregate_type = v.t AND a.aggregate_id = v.i""")) {
            u.setArray(1, c.createArrayOf("text", keys.stream().map(Aggregate::type).toArray()));
            u.setArray(2, c.createArrayOf("uuid", keys.stream().map(Aggregate::id).toArray()));
            u.setArray(3, c.createArrayOf("bigint", keys.stream().map(versions::get).toArray()));
            u.executeUpdate();
        }
    }
}
