package vn.izone.metrics.store;

import vn.izone.metrics.events.RegistryEvent;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes one aggregate type's state: the current row of each aggregate (upserted) and every version (added to the
 * history once). One writer per aggregate type ({@link ZoneWriter}, {@link ProjectWriter}, {@link ReportWriter}); each
 * statement is a JDBC batch over the whole poll, with every value bound.
 */
abstract class StateWriter {
    private final String table;
    private final String key;
    private final List<String> columns;

    StateWriter(String table, String key, List<String> columns) {
        this.table = table;
        this.key = key;
        this.columns = columns;
    }

    /** The zone whose figures this event's aggregate counts in (the aggregate's zone now). */
    abstract UUID zoneOf(RegistryEvent e);

    /** Binds the event's row, in {@link #columns} order, from parameter 1. */
    abstract void bind(PreparedStatement s, RegistryEvent e) throws SQLException;

    /** The zone each of these aggregates counted in before this batch (for projects and reports that move). */
    Map<UUID, UUID> previousZones(Connection c, List<UUID> ids) throws SQLException {
        return Map.of();
    }

    /** Upserts the current state of each aggregate (the last applied event of each). */
    void upsertCurrent(Connection c, List<RegistryEvent> latest) throws SQLException {
        if (latest.isEmpty()) {
            return;
        }
        StringBuilder set = new StringBuilder();
        for (String column : columns) {
            if (!column.equals(key)) {
                set.append(set.isEmpty() ? "" : ", ").append(column).append(" = EXCLUDED.").append(column);
            }
        }
        try (PreparedStatement s = c.prepareStatement(insert(table) + " ON CONFLICT (" + key + ") DO UPDATE SET " + set)) {
            for (RegistryEvent e : latest) {
                bind(s, e);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** Deletes the current state of each aggregate (withdrawn from the register). */
    void deleteCurrent(Connection c, List<UUID> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE " + key + " = ANY(?)")) {
            s.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            s.executeUpdate();
        }
    }

    /** Adds each version to the history; returns, per event, whether it was new there (1) or already known (0). */
    int[] addHistory(Connection c, List<RegistryEvent> events) throws SQLException {
        if (events.isEmpty()) {
            return new int[0];
        }
        try (PreparedStatement s = c.prepareStatement(insert(table + "_history") + " ON CONFLICT DO NOTHING")) {
            for (RegistryEvent e : events) {
                bind(s, e);
                s.addBatch();
            }
            return s.executeBatch();
        }
    }

    private String insert(String into) {
        return "INSERT INTO " + into + " (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", java.util.Collections.nCopies(columns.size(), "?")) + ")";
    }

    /** previousZones for a table keyed by {@code key} with a zone_id column. */
    static Map<UUID, UUID> zonesOf(Connection c, String table, String key, List<UUID> ids) throws SQLException {
        Map<UUID, UUID> zones = new java.util.HashMap<>();
        if (ids.isEmpty()) {
            return zones;
        }
        try (PreparedStatement q = c.prepareStatement("SELECT " + key + ", zone_id FROM " + table + " WHERE " + key + " = ANY(?)")) {
            q.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            try (var rs = q.executeQuery()) {
                while (rs.next()) {
                    zones.put((UUID) rs.getObject(1), (UUID) rs.getObject(2));
                }
            }
        }
        return zones;
    }
}
