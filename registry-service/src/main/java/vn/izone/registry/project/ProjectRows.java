package vn.izone.registry.project;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.OptimisticLockException;
import vn.izone.registry.api.SqlFailure;
import vn.izone.registry.zone.ZoneStatus;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The project table as the write path uses it: plain JDBC statements on the connection of the caller's transaction
 * (Agroal hands the transaction's own connection to every caller, Hibernate included), so a write and its outbox row
 * still commit together. A project write used to be a Hibernate entity found, checked against its snapshot at flush
 * and updated with every column, plus an HQL query for its zone: a third of the request thread's CPU per write
 * (issue #15, docs/performance.md). Reads that show projects keep the entity ({@link Project}). Only
 * {@link ProjectService} calls it, always inside its transaction (so no interceptor is passed per statement).
 */
@ApplicationScoped
public class ProjectRows {
    private final AgroalDataSource db;

    public ProjectRows(AgroalDataSource db) {
        this.db = db;
    }

    /**
     * What a project write needs of its zone: its status, its land for lease, and the land leased by its active
     * projects other than the one written (null when the zone states no land for lease).
     */
    public record ZoneFacts(UUID id, ZoneStatus status, BigDecimal industrialLandHa, BigDecimal leasedByOthers) {
    }

    /** A project as a correction finds it: what the checks need, and the version its update is guarded by. */
    public record Current(UUID zoneId, long revision, long version, ProjectStatus status, ZoneFacts zone) {
    }

    private static final String ACTIVE = ProjectStatus.ACTIVE.stream().map(s -> "'" + s.name() + "'")
            .collect(Collectors.joining(", "));
    /** The land leased by the zone's active projects other than the one written (?: its id, or none). */
    private static final String LEASED_BY_OTHERS = "(SELECT coalesce(sum(o.leased_area_ha), 0) FROM project o "
            + "WHERE o.zone_id = z.id AND o.id <> ? AND o.status IN (" + ACTIVE + "))";
    private static final String ZONE = "SELECT z.status, z.industrial_land_ha, " + LEASED_BY_OTHERS
            + " FROM zone z WHERE z.id = ?";
    private static final String CURRENT = "SELECT p.zone_id, p.revision, p.version, p.status, z.status, z.industrial_land_ha, "
            + LEASED_BY_OTHERS + " FROM project p JOIN zone z ON z.id = p.zone_id WHERE p.id = ?";
    private static final String COLUMNS = "name, investor, origin, investor_country, sector, capital_amount, "
            + "capital_currency, leased_area_ha, workers, status, status_reason, status_date, valid_on, source, updated_by, updated_at";
    private static final String INSERT = "INSERT INTO project (" + COLUMNS + ", id, zone_id, revision, version) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)";
    private static final String UPDATE = "UPDATE project SET (" + COLUMNS + ", revision, version) "
            + "= (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, version + 1) WHERE id = ? AND version = ?";
    /** The nil UUID: no project is excepted from the zone's leased land (a registration). */
    private static final UUID NONE = new UUID(0, 0);

    /** The zone a registration goes to, or null when there is none. */
    ZoneFacts zone(UUID zoneId) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(ZONE)) {
            s.setObject(1, NONE);
            s.setObject(2, zoneId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? facts(zoneId, r, 1) : null;
            }
        } catch (SQLException e) {
            throw SqlFailure.of(e);
        }
    }

    /** The project a correction changes, with its zone's facts, in one statement; null when there is none. */
    Current current(UUID id) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(CURRENT)) {
            s.setObject(1, id);
            s.setObject(2, id);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return null;
                }
                UUID zoneId = r.getObject(1, UUID.class);
                return new Current(zoneId, r.getLong(2), r.getLong(3), ProjectStatus.valueOf(r.getString(4)), facts(zoneId, r, 5));
            }
        } catch (SQLException e) {
            throw SqlFailure.of(e);
        }
    }

    /** New projects, in one JDBC batch. */
    void insert(List<ProjectView> projects) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(INSERT)) {
            for (ProjectView p : projects) {
                int i = bindColumns(s, p);
                s.setObject(i++, p.id());
                s.setObject(i++, p.zoneId());
                s.setLong(i, p.revision());
                s.addBatch();
            }
            s.executeBatch();
        } catch (SQLException e) {
            throw SqlFailure.of(e);
        }
    }

    /**
     * The project's new state, if it is still at {@code version}: another correction committed since it was read
     * is a concurrent edit (409), as Hibernate's {@code @Version} check answered it before.
     */
    void update(ProjectView p, long version) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(UPDATE)) {
            int i = bindColumns(s, p);
            s.setLong(i++, p.revision());
            s.setObject(i++, p.id());
            s.setLong(i, version);
            if (s.executeUpdate() != 1) {
                throw new OptimisticLockException("project " + p.id() + " changed since version " + version);
            }
        } catch (SQLException e) {
            throw SqlFailure.of(e);
        }
    }

    private static ZoneFacts facts(UUID zoneId, ResultSet r, int from) throws SQLException {
        BigDecimal land = r.getBigDecimal(from + 1);
        return new ZoneFacts(zoneId, ZoneStatus.valueOf(r.getString(from)), land, land == null ? null : r.getBigDecimal(from + 2));
    }

    /** Binds {@link #COLUMNS} in order; answers the next parameter's index. */
    private static int bindColumns(PreparedStatement s, ProjectView p) throws SQLException {
        s.setString(1, p.name());
        s.setString(2, p.investor());
        s.setString(3, p.origin().name());
        s.setString(4, p.investorCountry());
        s.setString(5, p.sector());
        s.setBigDecimal(6, p.registeredCapital() == null ? null : p.registeredCapital().amount());
        s.setString(7, p.registeredCapital() == null ? null : p.registeredCapital().currency());
        s.setBigDecimal(8, p.leasedAreaHa());
        s.setObject(9, p.workers(), Types.INTEGER);
        s.setString(10, p.status().name());
        s.setString(11, p.statusReason());
        date(s, 12, p.statusDate());
        date(s, 13, p.validOn());
        s.setString(14, p.source());
        s.setString(15, p.updatedBy());
        s.setObject(16, p.updatedAt().atOffset(ZoneOffset.UTC));
        return 17;
    }

    private static void date(PreparedStatement s, int index, LocalDate date) throws SQLException {
        if (date == null) {
            s.setNull(index, Types.DATE);
        } else {
            s.setObject(index, date);
        }
    }
}
