package vn.izone.metrics.aggregates;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a batch of project events did to the projects' current rows: each project's row before the batch (read,
 * and locked, before it is written) and after it. With these a zone's sums move by the difference between the rows
 * that left it and the rows that came ({@link ZoneFigures#projectChange}) instead of being recomputed from every
 * project and report the zone holds: a live batch touches a different zone with nearly every event, and that
 * recomputation was most of the applying cost at national scale (docs/performance.md, session 10).
 */
public final class ProjectChanges {
    /** No batch of projects: every touched zone is recomputed from its rows. */
    public static final ProjectChanges NONE = new ProjectChanges(null, List.of());

    private static final String ROWS = """
            SELECT zone_id, origin, status, capital_amount, capital_currency, leased_area_ha, workers
            FROM project_state WHERE project_id = ANY(?)""";

    private final UUID[] ids;
    private final List<ZoneFigures.ProjectRow> before;
    private List<ZoneFigures.ProjectRow> after = List.of();

    private ProjectChanges(UUID[] ids, List<ZoneFigures.ProjectRow> before) {
        this.ids = ids;
        this.before = before;
    }

    /** Before the batch writes them: the projects' current rows, locked until the batch commits. */
    public static ProjectChanges before(Connection c, Collection<UUID> projectIds) throws SQLException {
        UUID[] ids = projectIds.toArray(UUID[]::new);
        return new ProjectChanges(ids, read(c, ids, " ORDER BY project_id FOR UPDATE"));
    }

    /** After the batch wrote them: the projects' rows as they now are (none for a project withdrawn). */
    public void after(Connection c) throws SQLException {
        if (ids != null) {
            after = read(c, ids, "");
        }
    }

    /** The zones the projects counted in before the batch (what a second read of their rows would say). */
    public java.util.Set<UUID> zonesBefore() {
        java.util.Set<UUID> zones = new java.util.HashSet<>();
        before.forEach(r -> zones.add(r.zoneId()));
        return zones;
    }

    /** Whether the zones this batch touched can be moved by the difference (a batch of project events only). */
    boolean known() {
        return ids != null;
    }

    /** The rows that left each zone (the projects' rows before), by zone. */
    Map<UUID, List<ZoneFigures.ProjectRow>> leaving() {
        return byZone(before);
    }

    /** The rows that came to each zone (the projects' rows after), by zone. */
    Map<UUID, List<ZoneFigures.ProjectRow>> coming() {
        return byZone(after);
    }

    private static Map<UUID, List<ZoneFigures.ProjectRow>> byZone(List<ZoneFigures.ProjectRow> rows) {
        Map<UUID, List<ZoneFigures.ProjectRow>> out = new HashMap<>();
        rows.forEach(r -> out.computeIfAbsent(r.zoneId(), z -> new ArrayList<>()).add(r));
        return out;
    }

    private static List<ZoneFigures.ProjectRow> read(Connection c, UUID[] ids, String tail) throws SQLException {
        List<ZoneFigures.ProjectRow> rows = new ArrayList<>(ids.length);
        if (ids.length == 0) {
            return rows;
        }
        try (PreparedStatement q = c.prepareStatement(ROWS + tail)) {
            q.setArray(1, c.createArrayOf("uuid", ids));
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    rows.add(new ZoneFigures.ProjectRow((UUID) rs.getObject(1), rs.getString(2), rs.getString(3),
                            rs.getBigDecimal(4), rs.getString(5), rs.getBigDecimal(6), (Integer) rs.getObject(7)));
                }
            }
        }
        return rows;
    }
}
