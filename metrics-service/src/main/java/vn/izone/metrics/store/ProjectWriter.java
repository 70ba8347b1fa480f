package vn.izone.metrics.store;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import vn.izone.metrics.events.RegistryEvent;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static vn.izone.metrics.store.EventValues.decimal;
import static vn.izone.metrics.store.EventValues.recordedAt;
import static vn.izone.metrics.store.EventValues.text;
import static vn.izone.metrics.store.EventValues.validOn;

/** Project events into project_state and project_state_history. */
@ApplicationScoped
class ProjectWriter extends StateWriter {
    ProjectWriter() {
        super("project_state", "project_id", List.of("project_id", "zone_id", "revision", "origin", "capital_amount",
                "capital_currency", "leased_area_ha", "workers", "status", "valid_on", "recorded_at"));
    }

    @Override
    UUID zoneOf(RegistryEvent e) {
        return e.zoneId();
    }

    @Override
    Map<UUID, UUID> previousZones(Connection c, List<UUID> ids) throws SQLException {
        return zonesOf(c, "project_state", "project_id", ids);
    }

    @Override
    void bind(PreparedStatement s, RegistryEvent e) throws SQLException {
        JsonNode d = e.data();
        JsonNode capital = d.path("registeredCapital");
        s.setObject(1, e.aggregateId());
        s.setObject(2, e.zoneId());
        s.setLong(3, e.aggregateVersion());
        s.setString(4, d.path("origin").asText());
        s.setBigDecimal(5, decimal(capital, "amount"));
        s.setString(6, text(capital, "currency"));
        s.setBigDecimal(7, decimal(d, "leasedAreaHa"));
        s.setObject(8, d.hasNonNull("workers") ? d.get("workers").asInt() : null, java.sql.Types.INTEGER);
        s.setString(9, d.path("status").asText());
        s.setObject(10, validOn(e));
        s.setObject(11, recordedAt(e));
    }
}
