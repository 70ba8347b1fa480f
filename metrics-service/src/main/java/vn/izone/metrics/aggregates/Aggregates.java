package vn.izone.metrics.aggregates;

import jakarta.enterprise.context.ApplicationScoped;
import vn.izone.metrics.indicators.Scope;
import vn.izone.metrics.store.Jdbc;
import vn.izone.metrics.store.RoundTrip;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

/**
 * The incremental aggregates. When events touch zones, {@link #refresh} recomputes those zones' {@link Sums} from
 * their rows ({@link ZoneFigures}), or, for a batch of projects, moves them by the projects' rows before and after
 * ({@link ProjectChanges}), and folds the difference into every scope above them (old scopes lose the old
 * sums, new scopes gain the new ones), in the applying transaction, under the zone rows' locks (events of one zone
 * from the three topics serialise there, nowhere else) and on the batch's own shard rows (no two consumers write
 * the same row). The zone's own scope is folded the same way, by difference, into rows only its lock's holder
 * writes ({@link ScopeRows}): a change writes the few figures it moved, not the zone's whole sums. Redelivered events
 * touch no zone, so they change nothing. {@link #read} gives a scope's sums: its rows of every shard summed. Why this
 * is exact: docs/metrics.md.
 */
@ApplicationScoped
public class Aggregates {
    /** The shard of every zone's own rows: only a transaction holding the zone's lock writes them. */
    static final int ZONE_SHARD = 0;

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
     * Recomputes the zones' sums and folds the changes into their scopes: the zones' own scopes on
     * {@link #ZONE_SHARD} (their rows are written under the zone's lock only), the scopes above on {@code shard}.
     * Returns every scope whose figures changed, for the publish queue, and the changed zones' sums as they now are.
     */
    public Refreshed refresh(Collection<UUID> zones, int shard) {
        return refresh(zones, ProjectChanges.NONE, shard);
    }

    /**
     * {@link #refresh(Collection, int)}, where the batch changed projects only: a zone that stays where it is moves
     * by the difference between its projects' rows before and after ({@link ZoneFigures#projectChange}), read from
     * nothing but those rows; a zone without state, or one whose scopes moved, is recomputed from its rows.
     */
    public Refreshed refresh(Collection<UUID> zones, ProjectChanges projectChanges, int shard) {
        if (zones.isEmpty()) {
            return new Refreshed(new TreeSet<>(), Map.of());
        }
        UUID[] ids = new TreeSet<>(zones).toArray(UUID[]::new);
        return jdbc.inTransaction(c -> {
            LockedZones lockedZones = lockZones(c, ids, projectChanges.after());
            Map<UUID, Locked> locked = lockedZones.locked();
            Map<UUID, ZoneFigures.ZoneRow> zoneRows = lockedZones.rows();
            // Under the zones' locks the stored sums are those of every committed row (every writer of a zone's
            // state folds it in its own transaction under this lock), so a difference folded into them is exact.
            Set<UUID> byDifference = new HashSet<>();
            if (projectChanges.known()) {
                for (UUID id : ids) {
                    ZoneFigures.ZoneRow row = zoneRows.get(id);
                    if (row != null && scopesAbove(row).equals(locked.get(id).scopes())) {
                        byDifference.add(id);
                    }
                }
            }
            UUID[] recomputed = Arrays.stream(ids).filter(id -> !byDifference.contains(id)).toArray(UUID[]::new);
            // A project moves none of its zone's report periods: a zone moved by difference is read without them
            // (a zone's 25 periods were half of the rows, and of the time, of this read; pg_stat_statements); the
            // others get their periods added to what the lock's round trip read
            Map<String, Sums> before = lockedZones.sumsWithoutPeriods();
            if (recomputed.length > 0) {
                ScopeRows.readPeriods(c, c.createArrayOf("text", Arrays.stream(recomputed).map(Aggregates::zoneKey).toArray()),
                        before, true);
            }
            Map<UUID, List<ZoneFigures.ProjectRow>> projects = projectRows(c, recomputed);
            Map<UUID, List<ZoneFigures.ReportRow>> reports = reportRows(c, recomputed);
            Map<UUID, List<ZoneFigures.ProjectRow>> leaving = projectChanges.known() ? projectChanges.leaving() : Map.of();
            Map<UUID, List<ZoneFigures.ProjectRow>> coming = projectChanges.known() ? projectChanges.coming() : Map.of();

            Map<String, Sums> zoneDeltas = new TreeMap<>();
            Map<String, Sums> zoneSums = new HashMap<>();
            List<UUID> periodsMoved = new ArrayList<>();
            Map<String, Sums> deltas = new TreeMap<>();
            List<Object[]> moved = new ArrayList<>();
            for (UUID id : ids) {
                ZoneFigures.ZoneRow row = zoneRows.get(id);
                List<String> scopes = row == null ? List.of() : scopesAbove(row);
                Sums old = before.get(zoneKey(id));
                List<String> oldScopes = locked.get(id).scopes();
                Sums now;
                Sums change;
                if (byDifference.contains(id)) {
                    change = ZoneFigures.projectChange(row, old, leaving.getOrDefault(id, List.of()), coming.getOrDefault(id, List.of()));
                    now = old.plus(change);
                } else {
                    now = ZoneFigures.of(row, projects.getOrDefault(id, List.of()), reports.getOrDefault(id, List.of()));
                    change = now.minus(old);
                }
                if (change.isEmpty() && scopes.equals(oldScopes)) {
                    continue;
                }
                zoneDeltas.put(zoneKey(id), change);
                zoneSums.put(zoneKey(id), now);
                if (movesPeriods(change)) {
                    periodsMoved.add(id);
                }
                // each scope takes the part of the change it holds (ScopeFigures): a zone's name goes nowhere above it
                if (scopes.equals(oldScopes)) {
                    // the usual case: the zone stays where it is, and only what changed (a few entries) is folded
                    for (String scope : scopes) {
                        ScopeFigures.fold(deltas.computeIfAbsent(scope, k -> Sums.empty()), change, Scope.ofKey(scope).type(), 1);
                    }
                } else {
                    // a zone registered, moved to another province or kind: it leaves its old scopes and joins its new ones
                    for (String scope : oldScopes) {
                        ScopeFigures.fold(deltas.computeIfAbsent(scope, k -> Sums.empty()), old, Scope.ofKey(scope).type(), -1);
                    }
                    for (String scope : scopes) {
                        ScopeFigures.fold(deltas.computeIfAbsent(scope, k -> Sums.empty()), now, Scope.ofKey(scope).type(), 1);
                    }
                    moved.add(new Object[]{id, scopes});
                }
            }
            updateScopes(c, moved);
            zoneDeltas.values().removeIf(Sums::isEmpty);
            deltas.values().removeIf(Sums::isEmpty);
            ScopeRows.fold(c, List.of(new ScopeRows.ShardDeltas(ZONE_SHARD, zoneDeltas), new ScopeRows.ShardDeltas(shard, deltas)));
            SortedSet<String> changed = new TreeSet<>(zoneDeltas.keySet());
            changed.addAll(deltas.keySet());
            Map<UUID, Long> periodsVersions = newPeriodsVersions(c, periodsMoved);
            Map<String, ZoneSums> changedZones = new HashMap<>();
            for (UUID id : ids) {
                String key = zoneKey(id);
                if (zoneSums.containsKey(key) && changed.contains(key)) {
                    changedZones.put(key, new ZoneSums(zoneSums.get(key),
                            periodsVersions.getOrDefault(id, locked.get(id).periodsVersion()), !byDifference.contains(id)));
                }
            }
            return new Refreshed(changed, changedZones);
        });
    }

    /** The figures a zone's report periods are made of ({@link ZoneFigures}): what its snapshot's periods show. */
    static final List<String> PERIOD_FIGURES = List.of("period:", "periodStart:", "periodEnd:");

    /** Whether a change moves any figure of the report periods (a report's does; a project's never). */
    static boolean movesPeriods(Sums change) {
        boolean[] moves = {false};
        change.forEach((figure, value) -> moves[0] |= isPeriodFigure(figure));
        return moves[0];
    }

    /** Whether the figure is one the report periods are made of ({@link #PERIOD_FIGURES}). */
    static boolean isPeriodFigure(String figure) {
        return figure.startsWith("period") && PERIOD_FIGURES.stream().anyMatch(figure::startsWith);
    }

    /** A new periods version for each zone whose periods moved, in the transaction that moved them (V28). */
    private static Map<UUID, Long> newPeriodsVersions(Connection c, List<UUID> zones) throws SQLException {
        Map<UUID, Long> versions = new HashMap<>();
        if (zones.isEmpty()) {
            return versions;
        }
        try (PreparedStatement u = c.prepareStatement("UPDATE zone_figures SET periods_version = nextval('zone_periods_version')"
                + " WHERE zone_id = ANY(?) RETURNING zone_id, periods_version")) {
            u.setArray(1, c.createArrayOf("uuid", zones.toArray()));
            try (ResultSet rs = u.executeQuery()) {
                while (rs.next()) {
                    versions.put((UUID) rs.getObject(1), rs.getLong(2));
                }
            }
        }
        return versions;
    }

    /**
     * A changed zone's sums as its applying transaction left them, and the version of its report periods then (V28).
     * {@code periodsIncluded}: whether the sums hold its periods' figures; a zone moved by a project's difference is
     * read and left without its {@code period:} rows, which the project did not move.
     */
    public record ZoneSums(Sums sums, long periodsVersion, boolean periodsIncluded) {
    }

    /** A zone's row of zone_figures, locked: the scopes above it its sums are in, and its periods' version. */
    private record Locked(List<String> scopes, long periodsVersion) {
    }

    /**
     * What a refresh changed: every scope whose figures moved (zones' own scopes and those above), for the publish
     * queue, and each changed zone's sums as they now are (what its rows now hold).
     */
    public record Refreshed(SortedSet<String> changed, Map<String, ZoneSums> zones) {
    }

    /** The sums of the scopes, by key (a scope nothing was ever added to has empty sums). */
    public Map<String, Sums> read(Collection<String> scopeKeys) {
        return jdbc.inTransaction(c -> {
            Map<String, Sums> rows = ScopeRows.readMany(c, scopeKeys);
            Map<String, Sums> out = new LinkedHashMap<>();
            scopeKeys.forEach(k -> out.put(k, rows.get(k)));
            return out;
        });
    }

    /**
     * Zones' sums for the zone lane: each zone's periods version (V28), its figures, and its {@code period:} figures
     * only where that version is not the one {@code held} gives (the publisher holds those periods as it sent them).
     * The versions are read before the rows, so the rows are at least as new as the version returned with them: a
     * change committed in between takes a new version, which the next round reads.
     */
    public Map<String, ZoneSums> readZones(Collection<String> zoneKeys, Function<String, Long> held) {
        return jdbc.inTransaction(c -> {
            Map<String, Long> versions = new HashMap<>();
            try (PreparedStatement q = c.prepareStatement("SELECT zone_id, periods_version FROM zone_figures WHERE zone_id = ANY(?)")) {
                q.setArray(1, c.createArrayOf("uuid", zoneKeys.stream().map(k -> UUID.fromString(Scope.ofKey(k).code())).toArray()));
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        versions.put(zoneKey((UUID) rs.getObject(1)), rs.getLong(2));
                    }
                }
            }
            Map<String, Sums> sums = ScopeRows.read(c, zoneKeys, false);
            List<String> withPeriods = zoneKeys.stream()
                    .filter(k -> !versions.containsKey(k) || !versions.get(k).equals(held.apply(k))).toList();
            if (!withPeriods.isEmpty()) {
                ScopeRows.readPeriods(c, c.createArrayOf("text", withPeriods.toArray()), sums, true);
            }
            Set<String> included = new HashSet<>(withPeriods);
            Map<String, ZoneSums> out = new LinkedHashMap<>();
            for (String key : zoneKeys) {
                // a zone without a row (nothing applied to it) has no periods: NO_PERIODS_VERSION, never a stored one
                out.put(key, new ZoneSums(sums.get(key), versions.getOrDefault(key, NO_PERIODS_VERSION), included.contains(key)));
            }
            return out;
        });
    }

    /** The periods version of a zone without a row in zone_figures (stored versions come from a sequence: 1 and up). */
    public static final long NO_PERIODS_VERSION = -1;

    /** Every scope key that holds sums, and every zone metrics has seen (for the referee). */
    public Set<String> scopeKeys() {
        return jdbc.inTransaction(c -> {
            Set<String> keys = ScopeRows.keys(c);
            try (PreparedStatement q = c.prepareStatement("SELECT zone_id FROM zone_figures"); ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    keys.add(zoneKey((UUID) rs.getObject(1)));
                }
            }
            return keys;
        });
    }

    private static String zoneKey(UUID id) {
        return Scope.zone(id.toString()).key();
    }

    /**
     * The zones' rows of zone_figures locked, in id order (created for a zone seen the first time); their state; their
     * sums without the report periods. In one round trip (a prepared statement of four, each run after the one before
     * it: the sums are read once the locks are held): on a machine whose cores are busy each round trip to PostgreSQL
     * cost a few milliseconds of waiting, and these were four of the applying transaction's ~17 (wall-clock profile,
     * session 14). {@code alongside}: a part that goes in the same round trip (the batch's projects as it left them).
     */
    private static LockedZones lockZones(Connection c, UUID[] ids, RoundTrip.Part alongside) throws SQLException {
        Map<UUID, Locked> stored = new HashMap<>();
        Map<UUID, ZoneFigures.ZoneRow> rows = new HashMap<>();
        Map<String, Sums> sums = new HashMap<>();
        for (UUID id : ids) {
            sums.put(zoneKey(id), Sums.empty());
        }
        RoundTrip.Part lock = new RoundTrip.Part() {
            @Override
            public String sql() {
                return LOCK_AND_READ_ZONES;
            }

            @Override
            public int bind(Connection c, PreparedStatement q, int first) throws SQLException {
                java.sql.Array zones = c.createArrayOf("uuid", ids);
                q.setArray(first, zones);
                q.setArray(first + 1, zones);
                q.setArray(first + 2, zones);
                q.setArray(first + 3, c.createArrayOf("text", sums.keySet().toArray()));
                return first + 4;
            }

            @Override
            public void read(PreparedStatement q) throws SQLException {
                q.getMoreResults(); // past the insert's count
                try (ResultSet rs = q.getResultSet()) {
                    while (rs.next()) {
                        stored.put((UUID) rs.getObject(1), new Locked(List.of((String[]) rs.getArray(2).getArray()), rs.getLong(3)));
                    }
                }
                q.getMoreResults();
                try (ResultSet rs = q.getResultSet()) {
                    while (rs.next()) {
                        UUID id = (UUID) rs.getObject(1);
                        rows.put(id, new ZoneFigures.ZoneRow(id, rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getBigDecimal(10),
                                rs.getBigDecimal(11), rs.getBigDecimal(12), rs.getBigDecimal(13)));
                    }
                }
                q.getMoreResults();
                try (ResultSet rs = q.getResultSet()) {
                    ScopeRows.addValues(rs, sums);
                }
            }
        };
        RoundTrip.run(c, Arrays.asList(lock, alongside));
        return new LockedZones(stored, rows, sums);
    }

    private static final String LOCK_AND_READ_ZONES = """
            INSERT INTO zone_figures (zone_id, scopes) SELECT z, '{}' FROM unnest(?::uuid[]) AS z ON CONFLICT DO NOTHING;
            SELECT zone_id, scopes, periods_version FROM zone_figures WHERE zone_id = ANY(?) ORDER BY zone_id FOR UPDATE;
            SELECT zone_id, name, kind, province_code, province_name, former_province_code, former_province_name, status,
                cluster_model, planned_area_ha, established_area_ha, industrial_land_ha, leased_area_ha
            FROM zone_state WHERE zone_id = ANY(?);
            """ + ScopeRows.READ_ZONE_VALUES;

    /** What {@link #lockZones} read: the locked rows, the zones' state, their sums without periods (by scope key). */
    private record LockedZones(Map<UUID, Locked> locked, Map<UUID, ZoneFigures.ZoneRow> rows, Map<String, Sums> sumsWithoutPeriods) {
    }

    private static Map<UUID, List<ZoneFigures.ProjectRow>> projectRows(Connection c, UUID[] ids) throws SQLException {
        Map<UUID, List<ZoneFigures.ProjectRow>> rows = new HashMap<>();
        if (ids.length == 0) {
            return rows; // every zone moved by difference
        }
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
        if (ids.length == 0) {
            return rows; // every zone moved by difference
        }
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

    private static void updateScopes(Connection c, List<Object[]> moved) throws SQLException {
        if (moved.isEmpty()) {
            return;
        }
        try (PreparedStatement u = c.prepareStatement("UPDATE zone_figures SET scopes = ? WHERE zone_id = ?")) {
            for (Object[] z : moved) {
                @SuppressWarnings("unchecked")
                List<String> scopes = (List<String>) z[1];
                u.setArray(1, c.createArrayOf("text", scopes.toArray()));
                u.setObject(2, z[0]);
                u.addBatch();
            }
            u.executeBatch();
        }
    }
}
