package vn.izone.metrics.aggregates;

import vn.izone.metrics.store.RoundTrip;
import vn.izone.metrics.store.VersionGuard;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * What a batch of project events did to the projects' current rows: each project's row before the batch (read,
 * and locked, before it is written) and after it. With these a zone's sums move by the difference between the rows
 * that left it and the rows that came ({@link ZoneFigures#projectChange}) instead of being recomputed from every
 * project and report the zone holds: a live batch touches a different zone with nearly every event, and that
 * recomputation was most of the applying cost at national scale (docs/performance.md, session 10).
 */
public final class ProjectChanges {
    /** No batch of projects: every touched zone is recomputed from its rows. */
    public static final ProjectChanges NONE = new ProjectChanges(null);

    private static final String ROWS = """
            SELECT zone_id, origin, status, capital_amount, capital_currency, leased_area_ha, workers
            FROM project_state WHERE project_id = ANY(?)""";

    private final UUID[] ids;
    private List<ZoneFigures.ProjectRow> before = List.of();
    private List<ZoneFigures.ProjectRow> after = List.of();

    private ProjectChanges(UUID[] ids) {
        this.ids = ids;
    }

    /** A batch of these projects' events: their rows before and after it are read by {@link #before()} and {@link #after()}. */
    public static ProjectChanges of(Collection<UUID> projectIds) {
        return new ProjectChanges(projectIds.toArray(UUID[]::new));
    }

    /**
     * Before the batch writes them: the projects' current rows, locked until the batch commits, as a part of the round
     * trip that locks the batch's version guard rows ({@link VersionGuard#lock}).
     */
    public RoundTrip.Part before() {
        return rowsPart(ROWS + " ORDER BY project_id FOR UPDATE", rows -> before = rows);
    }

    /**
     * After the batch wrote them: the projects' rows as they now are (none for a project withdrawn), as a part of the
     * round trip that locks the zones ({@link Aggregates#refresh}); null for {@link #NONE}.
     */
    RoundTrip.Part after() {
        return ids == null ? null : rowsPart(ROWS, rows -> after = rows);
    }

    private RoundTrip.Part rowsPart(String sql, Consumer<List<ZoneFigures.ProjectRow>> read) {
        return new RoundTrip.Part() {
            @Override
            public String sql() {
                return sql;
            }

            @Override
            public int bind(Connection c, PreparedStatement q, int first) throws SQLException {
                q.setArray(first, c.createArrayOf("uuid", ids));
                return first + 1;
            }

            @Override
            public void read(PreparedStatement q) throws SQLException {
                try (ResultSet rs = q.getResultSet()) {
                    read.accept(rows(rs, ids.length));
                }
            }
        };
    }

    /** The zones the projects counted in before the batch (what a second read of their rows would say). */
    public Set<UUID> zonesBefore() {
        Set<UUID> zones = new HashSet<>();
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

    private static List<ZoneFigures.ProjectRow> rows(ResultSet rs, int expected) throws SQLException {
        List<ZoneFigures.ProjectRow> rows = new ArrayList<>(expected);
        while (rs.next()) {
            rows.add(new ZoneFigures.ProjectRow((UUID) rs.getObject(1), rs.getString(2), rs.getString(3),
                    rs.getBigDecimal(4), rs.getString(5), rs.getBigDecimal(6), (Integer) rs.getObject(7)));
        }
        return rows;
    }
}
