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

import static vn.izone.metrics.store.EventValues.date;
import static vn.izone.metrics.store.EventValues.decimal;
import static vn.izone.metrics.store.EventValues.recordedAt;
import static vn.izone.metrics.store.EventValues.uuid;

/** Report events (submitted, corrected) into report_state and report_state_history ("as reported on"). */
@ApplicationScoped
class ReportWriter extends StateWriter {
    ReportWriter() {
        super("report_state", "report_id", List.of("report_id", "zone_id", "project_id", "revision", "period_kind", "year",
                "number", "period_start", "period_end", "revenue_vnd", "export_usd", "budget_paid_vnd", "workers",
                "average_monthly_income_vnd", "valid_on", "source", "recorded_at"));
    }

    /** The zone the report is about: its data's zoneId, else the envelope's. */
    @Override
    UUID zoneOf(RegistryEvent e) {
        return e.data().hasNonNull("zoneId") ? uuid(e.data(), "zoneId") : e.zoneId();
    }

    @Override
    Map<UUID, UUID> previousZones(Connection c, List<UUID> ids) throws SQLException {
        return zonesOf(c, "report_state", "report_id", ids);
    }

    @Override
    void bind(PreparedStatement s, RegistryEvent e) throws SQLException {
        JsonNode d = e.data();
        s.setObject(1, e.aggregateId());
        s.setObject(2, zoneOf(e));
        s.setObject(3, uuid(d, "projectId"));
        s.setLong(4, e.aggregateVersion());
        s.setString(5, d.path("periodKind").asText());
        s.setInt(6, d.get("year").asInt());
        s.setObject(7, d.hasNonNull("number") ? d.get("number").asInt() : null, java.sql.Types.INTEGER);
        s.setObject(8, date(d, "periodStart"));
        s.setObject(9, date(d, "periodEnd"));
        s.setBigDecimal(10, decimal(d, "revenueVnd"));
        s.setBigDecimal(11, decimal(d, "exportUsd"));
        s.setBigDecimal(12, decimal(d, "budgetPaidVnd"));
        s.setObject(13, d.hasNonNull("workers") ? d.get("workers").asInt() : null, java.sql.Types.INTEGER);
        s.setBigDecimal(14, decimal(d, "averageMonthlyIncomeVnd"));
        s.setObject(15, d.hasNonNull("validOn") ? date(d, "validOn") : e.validOn());
        s.setString(16, d.hasNonNull("source") ? d.get("source").asText() : e.source());
        s.setObject(17, recordedAt(e));
    }
}
