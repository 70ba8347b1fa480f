package vn.izone.metrics.store;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import vn.izone.metrics.events.RegistryEvent;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

import static vn.izone.metrics.store.EventValues.date;
import static vn.izone.metrics.store.EventValues.decimal;
import static vn.izone.metrics.store.EventValues.recordedAt;
import static vn.izone.metrics.store.EventValues.text;
import static vn.izone.metrics.store.EventValues.validOn;

/** Zone events into zone_state and zone_state_history. */
@ApplicationScoped
class ZoneWriter extends StateWriter {
    ZoneWriter() {
        super("zone_state", "zone_id", List.of("zone_id", "revision", "kind", "name", "province_code", "province_name",
                "former_province_code", "former_province_name", "status", "cluster_model", "planned_area_ha",
                "established_area_ha", "industrial_land_ha", "leased_area_ha", "valid_on", "recorded_at", "status_date",
                "construction_progress_percent", "targets"));
    }

    @Override
    UUID zoneOf(RegistryEvent e) {
        return e.aggregateId();
    }

    @Override
    void bind(PreparedStatement s, RegistryEvent e) throws SQLException {
        JsonNode d = e.data();
        JsonNode targets = d.get("targets");
        s.setObject(1, e.aggregateId());
        s.setLong(2, e.aggregateVersion());
        s.setString(3, d.path("kind").asText());
        s.setString(4, d.path("name").asText());
        s.setString(5, d.path("provinceCode").asText());
        s.setString(6, text(d, "provinceName"));
        s.setString(7, text(d, "formerProvinceCode"));
        s.setString(8, text(d, "formerProvinceName"));
        s.setString(9, d.path("status").asText());
        s.setString(10, text(d, "clusterModel"));
        s.setBigDecimal(11, decimal(d, "plannedAreaHa"));
        s.setBigDecimal(12, decimal(d, "establishedAreaHa"));
        s.setBigDecimal(13, decimal(d, "industrialLandHa"));
        s.setBigDecimal(14, decimal(d, "leasedAreaHa"));
        s.setObject(15, validOn(e));
        s.setObject(16, recordedAt(e));
        s.setObject(17, date(d, "statusDate"));
        s.setBigDecimal(18, decimal(d, "constructionProgressPercent"));
        s.setString(19, targets != null && targets.isArray() ? targets.toString() : null);
    }
}
