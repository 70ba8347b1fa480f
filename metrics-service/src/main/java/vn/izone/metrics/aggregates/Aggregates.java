package vn.izone.metrics.aggregates;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import vn.izone.metrics.indicators.Scope;
import vn.izone.metrics.store.Jdbc;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The incremental aggregates. When events touch zones, {@link #refresh} recomputes those zones' {@link Sums} from
 * their rows ({@link ZoneFigures}), and folds the difference into every scope above them (old scopes lose the old
 * sums, new scopes gain the new ones), in the applying transaction, under the zone rows' locks (events of one zone
 * from the three topics serialise there, nowhere else) and on the batch's own shard rows (no two consumers write
 * the same row). Redelivered events touch no zone, so they change nothing. {@link #read} gives a scope's sums: one
 * row for a zone, the sum of its figures' shard rows for any other scope. Why this is exact: docs/metrics.md.
 */
@ApplicationScoped
public class Aggregates {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final Jdbc jdbc;

    public Aggregates(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** The scopes above a zone (everything but the zone's own scope), from its state. */
    public static List<String> scopesAbove(ZoneFigures.ZoneRow z) {
        List<String> keys = new ArrayList<>();
        keys.add(Scope.national().key());
        keys.add(Scope.province(z.provinceCode()).key());
        keys.add(Scope.zoneKind(z.kind()).key());
        keys.add(Scope.provinceKind(z.provinceCode(), z.kind()).key());
        if (z.formerProvinceCode() != null) {
            keys.add(Scope.formerProvince(z.formerProvinceCode()).key());
            keys.add(Scope.formerProvinceKind(z.formerProvinceCode(), z.kind()).key());
        }
        if (z.clusterModel() != null) {
            keys.add(Scope.clusterModel(z.clusterModel()).key());
        }
        return keys;
    }

    /**
     * Recomputes the zones' sums and folds the changes into their scopes, written under {@code shard}. Returns the
     * keys of every scope whose figures changed (the zones' own included), for the publish queue.
     */
    public Set<String> refresh(Collection<UUID> zones, int shard) {
        if (zones.isEmpty()) {
            return Set.of();
        }
        UUID[] ids = new TreeSet<>(zones).toArray(UUID[]::new);
        return jdbc.inTransaction(c -> {
            Map<UUID, Stored> before = lockZones(c, ids);
            Map<UUID, ZoneFigures.ZoneRow> zoneRows = zoneRows(c, ids);
            Map<UUID, List<ZoneFigures.ProjectRow>> projects = projectRows(c, ids);
            Map<UUID, List<ZoneFigures.ReportRow>> reports = reportRows(c, ids);

            Set<String> changed = new TreeSet<>();
            Map<String, Sums> deltas = new TreeMap<>();
            List<Object[]> zoneUpdates = new ArrayList<>();
            for (UUID id : ids) {
                ZoneFigures.ZoneRow row = zoneRows.get(id);
                Sums now = ZoneFigures.of(row, projects.getOrDefault(id, List.of()), reports.getOrDefault(id, List.of()));
                List<String> scopes = row == null ? List.of() : scopesAbove(row);
                Stored old = before.get(id);
                if (now.equals(old.sums()) && scopes.equals(old.scopes())) {
                    continue;
                }
                changed.add(Scope.zone(id.toString()).key());
                // each scope takes the part of the change it holds (ScopeFigures): a zone's name goes nowhere above it
                if (scopes.equals(old.scopes())) {
                    // the usual case: the zone stays where it is, and only what changed (a few entries) is folded
                    Sums change = now.minus(old.sums());
                    for (String scope : scopes) {
                        ScopeFigures.fold(deltas.computeIfAbsent(scope, k -> Sums.empty()), change, Scope.ofKey(scope).type(), 1);
                    }
                } else {
                    // a zone registered, moved to another province or kind: it leaves its old scopes and joins its new ones
                    for (String scope : old.scopes()) {
                        ScopeFigures.fold(deltas.computeIfAbsent(scope, k -> Sums.empty()), old.sums(), Scope.ofKey(scope).type(), -1);
                    }
                    for (String scope : scopes) {
                        ScopeFigures.fold(deltas.computeIfAbsent(scope, k -> Sums.empty()), now, Scope.ofKey(scope).type(), 1);
                    }
                }
                zoneUpdates.add(new Object[]{id, scopes, now});
            }
            updateZones(c, zoneUpdates);
            deltas.values().removeIf(Sums::isEmpty);
            foldIntoScopes(c, deltas, shard);
            changed.addAll(deltas.keySet());
            return changed;
        });
    }

    /** The sums of the scopes, by key (a scope nothing was ever added to has empty sums). */
    public Map<String, Sums> read(Collection<String> scopeKeys) {
        return jdbc.inTransaction(c -> {
            Map<String, Sums> out = new LinkedHashMap<>();
            List<UUID> zones = new ArrayList<>();
            List<String> others = new ArrayList<>();
            for (String key : scopeKeys) {
                out.put(key, Sums.empty());
                Scope scope = Scope.ofKey(key);
                if (scope.type() == Scope.Type.ZONE) {
                    zones.add(UUID.fromString(scope.code()));
                } else {
                    others.add(key);
                }
            }
            if (!zones.isEmpty()) {
                try (PreparedStatement q = c.prepareStatement("SELECT zone_id, sums::text FROM zone_figures WHERE zone_id = ANY(?)")) {
                    q.setArray(1, c.createArrayOf("uuid", zones.toArray()));
                    try (ResultSet rs = q.executeQuery()) {
                        while (rs.next()) {
                            out.put(Scope.zone(rs.getObject(1).toString()).key(), parse(rs.getString(2)));
                        }
                    }
                }
            }
            if (!others.isEmpty()) {
                // A publishing round reads hundreds of scopes of ~1,000 figures each: with the default 4 MB the
                // grouping spilled to disk (an external merge sort of 27 MB, 3.3 s of a 3.3 s read, EXPLAIN ANALYZE
                // at national scale). For this transaction only.
                try (var memory = c.createStatement()) {
                    memory.execute("SET LOCAL work_mem = '64MB'");
                }
                // the scope's shard rows summed by PostgreSQL, exactly (numeric): one row per figure reaches Java
                try (PreparedStatement q = c.prepareStatement("""
                        SELECT scope_key, figure, sum(value) FROM scope_value WHERE scope_key = ANY(?)
                        GROUP BY scope_key, figure""")) {
                    q.setArray(1, c.createArrayOf("text", others.toArray()));
                    try (ResultSet rs = q.executeQuery()) {
                        while (rs.next()) {
                            out.get(rs.getString(1)).add(rs.getString(2), rs.getBigDecimal(3));
                        }
                    }
                }
            }
            return out;
        });
    }

    /** Every scope key that holds sums (for the referee). */
    public Set<String> scopeKeys() {
        return jdbc.inTransaction(c -> {
            Set<String> keys = new TreeSet<>();
            try (PreparedStatement q = c.prepareStatement("SELECT DISTINCT scope_key FROM scope_value");
                 ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    keys.add(rs.getString(1));
                }
            }
            try (PreparedStatement q = c.prepareStatement("SELECT zone_id FROM zone_figures"); ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    keys.add(Scope.zone(rs.getObject(1).toString()).key());
                }
            }
            return keys;
        });
    }

    private record Stored(List<String> scopes, Sums sums) {
    }

    private static Map<UUID, Stored> lockZones(Connection c, UUID[] ids) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO zone_figures (zone_id, scopes, sums) SELECT z, '{}', '{}' FROM unnest(?::uuid[]) AS z ON CONFLICT DO NOTHING")) {
            insert.setArray(1, c.createArrayOf("uuid", ids));
            insert.executeUpdate();
        }
        Map<UUID, Stored> stored = new HashMap<>();
        try (PreparedStatement q = c.prepareStatement(
                "SELECT zone_id, scopes, sums::text FROM zone_figures WHERE zone_id = ANY(?) ORDER BY zone_id FOR UPDATE")) {
            q.setArray(1, c.createArrayOf("uuid", ids));
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    String[] scopes = (String[]) rs.getArray(2).getArray();
                    stored.put((UUID) rs.getObject(1), new Stored(List.of(scopes), parse(rs.getString(3))));
                }
            }
        }
        return stored;
    }

    private static Map<UUID, ZoneFigures.ZoneRow> zoneRows(Connection c, UUID[] ids) throws SQLException {
        Map<UUID, ZoneFigures.ZoneRow> rows = new HashMap<>();
        try (PreparedStatement q = c.prepareStatement("""
                SELECT zone_id, name, kind, province_code, province_name, former_province_code, former_province_name, status,
                    cluster_model, planned_area_ha, established_area_ha, industrial_land_ha, leased_area_ha
                FROM zone_state WHERE zone_id = ANY(?)""")) {
            q.setArray(1, c.createArrayOf("uuid", ids));
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    UUID id = (UUID) rs.getObject(1);
                    rows.put(id, new ZoneFigures.ZoneRow(id, rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getBigDecimal(10),
                            rs.getBigDecimal(11), rs.getBigDecimal(12), rs.getBigDecimal(13)));
                }
            }
        }
        return rows;
    }

    private static Map<UUID, List<ZoneFigures.ProjectRow>> projectRows(Connection c, UUID[] ids) throws SQLException {
        Map<UUID, List<ZoneFigures.ProjectRow>> rows = new HashMap<>();
        try (PreparedStatement q = c.prepareStatement("""
                SELECT zone_id, origin, status, capital_amount, capital_currency, leased_area_ha, workers
                FROM project_state WHERE zone_id = ANY(?)""")) {
            q.setArray(1, c.createArrayOf("uuid", ids));
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    UUID zone = (UUID) rs.getObject(1);
                    rows.computeIfAbsent(zone, z -> new ArrayList<>()).add(new ZoneFigures.ProjectRow(zone, rs.getString(2),
                            rs.getString(3), rs.getBigDecimal(4), rs.getString(5), rs.getBigDecimal(6), (Integer) rs.getObject(7)));
                }
            }
        }
        return rows;
    }

    private static Map<UUID, List<ZoneFigures.ReportRow>> reportRows(Connection c, UUID[] ids) throws SQLException {
        Map<UUID, List<ZoneFigures.ReportRow>> rows = new HashMap<>();
        try (PreparedStatement q = c.prepareStatement("""
                SELECT zone_id, project_id, period_kind, year, number, period_start, period_end, revenue_vnd, export_usd,
                    budget_paid_vnd, workers, average_monthly_income_vnd, valid_on, recorded_at
                FROM report_state WHERE zone_id = ANY(?)""")) {
            q.setArray(1, c.createArrayOf("uuid", ids));
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    UUID zone = (UUID) rs.getObject(1);
                    java.sql.Date start = rs.getDate(6);
                    java.sql.Date end = rs.getDate(7);
                    java.sql.Date valid = rs.getDate(13);
                    Timestamp recorded = rs.getTimestamp(14);
                    rows.computeIfAbsent(zone, z -> new ArrayList<>()).add(new ZoneFigures.ReportRow(zone, (UUID) rs.getObject(2),
                            rs.getString(3), rs.getInt(4), (Integer) rs.getObject(5), start == null ? null : start.toLocalDate(),
                            end == null ? null : end.toLocalDate(), rs.getBigDecimal(8), rs.getBigDecimal(9), rs.getBigDecimal(10),
                            (Integer) rs.getObject(11), rs.getBigDecimal(12), valid == null ? null : valid.toLocalDate(),
                            recorded.toInstant()));
                }
            }
        }
        return rows;
    }

    private static void updateZones(Connection c, List<Object[]> updates) throws SQLException {
        if (updates.isEmpty()) {
            return;
        }
        try (PreparedStatement u = c.prepareStatement("UPDATE zone_figures SET scopes = ?, sums = ?::jsonb WHERE zone_id = ?")) {
            for (Object[] z : updates) {
                @SuppressWarnings("unchecked")
                List<String> scopes = (List<String>) z[1];
                u.setArray(1, c.createArrayOf("text", scopes.toArray()));
                u.setString(2, json((Sums) z[2]));
                u.setObject(3, z[0]);
                u.addBatch();
            }
            u.executeBatch();
        }
    }

    /**
     * Adds the deltas to this shard's rows of the scopes: one upsert per figure that moved, in (scope, figure) order
     * so concurrent writers of a shard never deadlock, then the figures that came back to zero are deleted (equal
     * figures, equal rows). Nothing else of the scope is read or rewritten.
     */
    private static void foldIntoScopes(Connection c, Map<String, Sums> deltas, int shard) throws SQLException {
        if (deltas.isEmpty()) {
            return;
        }
        List<String> scopes = new ArrayList<>();
        List<String> figures = new ArrayList<>();
        List<BigDecimal> values = new ArrayList<>();
        deltas.forEach((scope, delta) -> delta.asMap().forEach((figure, value) -> { // both sorted: TreeMaps
            scopes.add(scope);
            figures.add(figure);
            values.add(value);
        }));
        if (scopes.isEmpty()) {
            return;
        }
        // The upsert says which rows it brought back to zero (a delta is never zero, so only an updated row can be);
        // only those are deleted. A DELETE joined with the whole batch's keys instead took 400 ms of a batch of 500
        // reports whose other statements took 100 ms together (pg_stat_statements, national catch-up).
        List<String> zeroScopes = new ArrayList<>();
        List<String> zeroFigures = new ArrayList<>();
        try (PreparedStatement u = c.prepareStatement("""
                INSERT INTO scope_value (scope_key, shard, figure, value)
                SELECT k, ?, f, v FROM unnest(?::text[], ?::text[], ?::numeric[]) AS d(k, f, v)
                ON CONFLICT (scope_key, shard, figure) DO UPDATE SET value = scope_value.value + EXCLUDED.value
                RETURNING scope_key, figure, value = 0""")) {
            u.setInt(1, shard);
            u.setArray(2, c.createArrayOf("text", scopes.toArray()));
            u.setArray(3, c.createArrayOf("text", figures.toArray()));
            u.setArray(4, c.createArrayOf("numeric", values.toArray()));
            try (ResultSet rs = u.executeQuery()) {
                while (rs.next()) {
                    if (rs.getBoolean(3)) {
                        zeroScopes.add(rs.getString(1));
                        zeroFigures.add(rs.getString(2));
                    }
                }
            }
        }
        if (zeroScopes.isEmpty()) {
            return;
        }
        try (PreparedStatement zero = c.prepareStatement("""
                DELETE FROM scope_value s USING unnest(?::text[], ?::text[]) AS d(k, f)
                WHERE s.scope_key = d.k AND s.shard = ? AND s.figure = d.f AND s.value = 0""")) {
            zero.setArray(1, c.createArrayOf("text", zeroScopes.toArray()));
            zero.setArray(2, c.createArrayOf("text", zeroFigures.toArray()));
            zero.setInt(3, shard);
            zero.executeUpdate();
        }
    }

    static String json(Sums sums) {
        Map<String, String> plain = new LinkedHashMap<>();
        sums.asMap().forEach((k, v) -> plain.put(k, v.toPlainString()));
        try {
            return JSON.writeValueAsString(plain);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Sums parse(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            Map<String, BigDecimal> values = new LinkedHashMap<>();
            node.fields().forEachRemaining(f -> values.put(f.getKey(), new BigDecimal(f.getValue().asText())));
            return Sums.of(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable sums: " + e.getMessage(), e);
        }
    }
}
