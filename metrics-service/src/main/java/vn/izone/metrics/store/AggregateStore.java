package vn.izone.metrics.store;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import vn.izone.metrics.events.RegistryEvent;
import vn.izone.metrics.aggregates.Aggregates;
import vn.izone.metrics.publish.PublishQueue;
import vn.izone.metrics.publish.Shard;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Applies registry events to the latest-state tables, exactly once per aggregate version: the version guard
 * and the state change commit in one transaction, so a redelivered or replayed event changes nothing.
 */
@ApplicationScoped
public class AggregateStore {
    private static final Logger LOG = Logger.getLogger(AggregateStore.class);

    public enum Outcome { APPLIED, DUPLICATE, LATE, GAP_APPLIED, IGNORED }

    private final EntityManager em;
    private final PublishQueue publishQueue;
    private final Aggregates aggregates;

    public AggregateStore(EntityManager em, PublishQueue publishQueue, Aggregates aggregates) {
        this.em = em;
        this.publishQueue = publishQueue;
        this.aggregates = aggregates;
    }

    /**
     * Applies one event in a transaction (joining the caller's, as a rebuild does). A {@link
     * vn.izone.metrics.events.PoisonEvent} is thrown before anything is written, so it never spoils a joined
     * transaction.
     */
    @Transactional(dontRollbackOn = vn.izone.metrics.events.PoisonEvent.class)
    public Outcome apply(RegistryEvent event, int shard) {
        validate(event);
        Set<UUID> touched = new HashSet<>();
        Outcome outcome = applyValidated(event, touched);
        fold(touched, shard);
        return outcome;
    }

    /**
     * Applies a batch of events, already {@link #validate validated}, in list order and in one transaction: the
     * same version guard per event as {@link #apply}, but one commit and one dirty-scope upsert per scope for the
     * whole batch. Either all of it commits or none of it (the caller then falls back to {@link #apply} one by one).
     */
    @Transactional
    public List<Outcome> applyBatch(List<RegistryEvent> events) {
        return applyBatch(events, Shard.DIRECT);
    }

    /** The same, written under the given {@link Shard} (the consumer's partition). */
    @Transactional
    public List<Outcome> applyBatch(List<RegistryEvent> events, int shard) {
        Set<UUID> touched = new HashSet<>();
        List<Outcome> outcomes = new ArrayList<>(events.size());
        for (RegistryEvent event : events) {
            outcomes.add(applyValidated(event, touched));
        }
        fold(touched, shard);
        return outcomes;
    }

    /**
     * The zones whose state the batch changed are recomputed once each and folded into their scopes; the scopes whose
     * figures changed are marked for publishing. All in the applying transaction.
     */
    private void fold(Set<UUID> touchedZones, int shard) {
        Set<String> changed = aggregates.refresh(touchedZones, shard);
        publishQueue.markChanged(changed.stream().sorted().toList(), shard);
    }

    private Outcome applyValidated(RegistryEvent event, Set<UUID> touched) {
        long applied = lockAppliedVersion(event.aggregateType(), event.aggregateId());
        if (event.aggregateVersion() <= applied) {
            // Already applied (redelivery, replay), or an older version arriving late: the current state stays,
            // but a version never seen before still joins the history, so "as of" figures stay right.
            int added = switch (event.aggregateType()) {
                case "zone" -> writeZone(event, "zone_state_history", false);
                case "project" -> writeProject(event, "project_state_history", false);
                case "report" -> writeReport(event, reportZone(event), "report_state_history", " ON CONFLICT DO NOTHING");
                default -> 0;
            };
            if (added > 0) {
                LOG.infof("late %s %s version %d (applied %d): kept in history only", event.aggregateType(),
                        event.aggregateId(), event.aggregateVersion(), applied);
                return Outcome.LATE;
            }
            return Outcome.DUPLICATE;
        }
        Outcome outcome = Outcome.APPLIED;
        if (event.aggregateVersion() != applied + 1) {
            // The event carries the full state, so applying it is right; the missing version is reported.
            LOG.warnf("version gap on %s %s: expected %d, received %d", event.aggregateType(), event.aggregateId(),
                    applied + 1, event.aggregateVersion());
            em.createNativeQuery("INSERT INTO sequence_gap VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING")
                    .setParameter(1, event.aggregateType()).setParameter(2, event.aggregateId())
                    .setParameter(3, applied + 1).setParameter(4, event.aggregateVersion())
                    .setParameter(5, event.eventId()).setParameter(6, Timestamp.from(Instant.now())).executeUpdate();
            outcome = Outcome.GAP_APPLIED;
        }
        switch (event.aggregateType()) {
            case "zone" -> applyZone(event, touched);
            case "project" -> applyProject(event, touched);
            case "report" -> applyReport(event, touched);
            default -> outcome = Outcome.IGNORED;
        }
        em.createNativeQuery("UPDATE applied_version SET version = ?3 WHERE aggregate_type = ?1 AND aggregate_id = ?2")
                .setParameter(1, event.aggregateType()).setParameter(2, event.aggregateId())
                .setParameter(3, event.aggregateVersion()).executeUpdate();
        return outcome;
    }

    /** Refuses, before anything is written, an event whose data cannot be stored. */
    public static void validate(RegistryEvent e) {
        EventData.check(e);
        JsonNode d = e.data();
        switch (e.aggregateType()) {
            case "zone" -> {
                require(d, "kind");
                require(d, "name");
                require(d, "provinceCode");
                require(d, "status");
                date(d, "statusDate");
            }
            case "project" -> {
                require(d, "origin");
                require(d, "status");
            }
            case "report" -> {
                require(d, "periodKind");
                require(d, "year");
                date(d, "periodStart");
                date(d, "periodEnd");
                date(d, "validOn");
                uuid(d, "zoneId");
                uuid(d, "projectId");
            }
            default -> {
            }
        }
    }

    private static void require(JsonNode d, String field) {
        if (!d.hasNonNull(field) || d.get(field).asText().isBlank()) {
            throw new vn.izone.metrics.events.PoisonEvent("data." + field + " missing");
        }
    }

    private static UUID uuid(JsonNode d, String field) {
        if (!d.hasNonNull(field)) {
            return null;
        }
        try {
            return UUID.fromString(d.get(field).asText());
        } catch (IllegalArgumentException ex) {
            throw new vn.izone.metrics.events.PoisonEvent("malformed " + field + ": " + d.get(field).asText());
        }
    }

    /** Empties every table derived from the registry events (before a replay). The publish queue is kept. */
    @Transactional
    public void truncateDerived() {
        // DELETE, not TRUNCATE: readers keep seeing the old rows (MVCC) until the rebuild commits.
        for (String table : List.of("applied_version", "zone_state", "project_state", "report_state",
                "zone_state_history", "project_state_history", "report_state_history", "sequence_gap",
                "zone_figures", "scope_total")) {
            em.createNativeQuery("DELETE FROM " + table).executeUpdate();
        }
    }

    /** Creates the guard row if need be and locks it, in one round trip: the no-op update takes the row lock. */
    private long lockAppliedVersion(String type, UUID id) {
        Number version = (Number) em.createNativeQuery("INSERT INTO applied_version VALUES (?1, ?2, 0) "
                        + "ON CONFLICT (aggregate_type, aggregate_id) DO UPDATE SET version = applied_version.version "
                        + "RETURNING version")
                .setParameter(1, type).setParameter(2, id).getSingleResult();
        return version.longValue();
    }

    private static final String ZONE_COLUMNS = "zone_id, revision, kind, name, province_code, province_name, "
            + "former_province_code, former_province_name, status, cluster_model, planned_area_ha, established_area_ha, "
            + "industrial_land_ha, leased_area_ha, valid_on, recorded_at, status_date, construction_progress_percent, targets";

    private void applyZone(RegistryEvent e, Set<UUID> touched) {
        writeZone(e, "zone_state", true);
        writeZone(e, "zone_state_history", false);
        touched.add(e.aggregateId());
    }

    /** Writes the zone's state carried by the event into the table: upserted (current) or added once (history). */
    private int writeZone(RegistryEvent e, String table, boolean upsert) {
        JsonNode d = e.data();
        String onConflict = upsert ? " ON CONFLICT (zone_id) DO UPDATE SET " + updateAll(ZONE_COLUMNS, "zone_id")
                : " ON CONFLICT DO NOTHING";
        JsonNode targets = d.get("targets");
        return em.createNativeQuery("INSERT INTO " + table + " (" + ZONE_COLUMNS + ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
                        + "?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)" + onConflict)
                .setParameter(1, e.aggregateId()).setParameter(2, e.aggregateVersion())
                .setParameter(3, d.path("kind").asText()).setParameter(4, d.path("name").asText())
                .setParameter(5, d.path("provinceCode").asText()).setParameter(6, text(d, "provinceName"))
                .setParameter(7, text(d, "formerProvinceCode")).setParameter(8, text(d, "formerProvinceName"))
                .setParameter(9, d.path("status").asText()).setParameter(10, text(d, "clusterModel"))
                .setParameter(11, decimal(d, "plannedAreaHa")).setParameter(12, decimal(d, "establishedAreaHa"))
                .setParameter(13, decimal(d, "industrialLandHa")).setParameter(14, decimal(d, "leasedAreaHa"))
                .setParameter(15, validOn(e)).setParameter(16, Timestamp.from(e.recordedAt()))
                .setParameter(17, date(d, "statusDate")).setParameter(18, decimal(d, "constructionProgressPercent"))
                .setParameter(19, targets != null && targets.isArray() ? targets.toString() : null)
                .executeUpdate();
    }

    private static final String PROJECT_COLUMNS = "project_id, zone_id, revision, origin, capital_amount, capital_currency, "
            + "leased_area_ha, workers, status, valid_on, recorded_at";

    private void applyProject(RegistryEvent e, Set<UUID> touched) {
        UUID previousZone = currentZoneOfProject(e.aggregateId());
        writeProject(e, "project_state", true);
        writeProject(e, "project_state_history", false);
        if (previousZone != null) {
            touched.add(previousZone); // a project moved to another zone leaves the old one's figures
        }
        touched.add(e.zoneId());
    }

    private UUID currentZoneOfProject(UUID projectId) {
        List<?> rows = em.createNativeQuery("SELECT zone_id FROM project_state WHERE project_id = ?1")
                .setParameter(1, projectId).getResultList();
        return rows.isEmpty() ? null : (UUID) rows.get(0);
    }

    private int writeProject(RegistryEvent e, String table, boolean upsert) {
        JsonNode d = e.data();
        JsonNode capital = d.path("registeredCapital");
        String onConflict = upsert ? " ON CONFLICT (project_id) DO UPDATE SET " + updateAll(PROJECT_COLUMNS, "project_id")
                : " ON CONFLICT DO NOTHING";
        return em.createNativeQuery("INSERT INTO " + table + " (" + PROJECT_COLUMNS + ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
                        + "?7, ?8, ?9, ?10, ?11)" + onConflict)
                .setParameter(1, e.aggregateId()).setParameter(2, e.zoneId()).setParameter(3, e.aggregateVersion())
                .setParameter(4, d.path("origin").asText()).setParameter(5, decimal(capital, "amount"))
                .setParameter(6, text(capital, "currency")).setParameter(7, decimal(d, "leasedAreaHa"))
                .setParameter(8, d.hasNonNull("workers") ? d.get("workers").asInt() : null)
                .setParameter(9, d.path("status").asText()).setParameter(10, validOn(e))
                .setParameter(11, Timestamp.from(e.recordedAt()))
                .executeUpdate();
    }

    private static final String REPORT_COLUMNS = "report_id, zone_id, project_id, revision, period_kind, year, number, "
            + "period_start, period_end, revenue_vnd, export_usd, budget_paid_vnd, workers, average_monthly_income_vnd, "
            + "valid_on, source, recorded_at";

    private void applyReport(RegistryEvent e, Set<UUID> touched) {
        UUID zoneId = reportZone(e);
        List<?> previous = em.createNativeQuery("SELECT zone_id FROM report_state WHERE report_id = ?1")
                .setParameter(1, e.aggregateId()).getResultList();
        writeReport(e, zoneId, "report_state", " ON CONFLICT (report_id) DO UPDATE SET " + updateAll(REPORT_COLUMNS, "report_id"));
        writeReport(e, zoneId, "report_state_history", " ON CONFLICT DO NOTHING"); // "as reported on" (issue #7)
        if (!previous.isEmpty()) {
            touched.add((UUID) previous.get(0));
        }
        touched.add(zoneId);
    }

    private static UUID reportZone(RegistryEvent e) {
        return e.data().hasNonNull("zoneId") ? uuid(e.data(), "zoneId") : e.zoneId();
    }

    private int writeReport(RegistryEvent e, UUID zoneId, String table, String onConflict) {
        JsonNode d = e.data();
        return em.createNativeQuery("INSERT INTO " + table + " (" + REPORT_COLUMNS + ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
                        + "?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)" + onConflict)
                .setParameter(1, e.aggregateId()).setParameter(2, zoneId)
                .setParameter(3, uuid(d, "projectId"))
                .setParameter(4, e.aggregateVersion()).setParameter(5, d.path("periodKind").asText()).setParameter(6, d.get("year").asInt())
                .setParameter(7, d.hasNonNull("number") ? d.get("number").asInt() : null)
                .setParameter(8, date(d, "periodStart")).setParameter(9, date(d, "periodEnd"))
                .setParameter(10, decimal(d, "revenueVnd")).setParameter(11, decimal(d, "exportUsd"))
                .setParameter(12, decimal(d, "budgetPaidVnd"))
                .setParameter(13, d.hasNonNull("workers") ? d.get("workers").asInt() : null)
                .setParameter(14, decimal(d, "averageMonthlyIncomeVnd"))
                .setParameter(15, d.hasNonNull("validOn") ? date(d, "validOn") : e.validOn())
                .setParameter(16, d.hasNonNull("source") ? d.get("source").asText() : e.source())
                .setParameter(17, Timestamp.from(e.recordedAt()))
                .executeUpdate();
    }

    private static String updateAll(String columns, String key) {
        StringBuilder set = new StringBuilder();
        for (String column : columns.split(",")) {
            String c = column.trim();
            if (!c.equals(key)) {
                set.append(set.isEmpty() ? "" : ", ").append(c).append(" = EXCLUDED.").append(c);
            }
        }
        return set.toString();
    }

    /** The date the state is true for; an event without one is taken as true on the day it was recorded. */
    private static LocalDate validOn(RegistryEvent e) {
        return e.validOn() != null ? e.validOn() : LocalDate.ofInstant(e.recordedAt(), ZoneOffset.UTC);
    }

    private static LocalDate date(JsonNode node, String field) {
        if (!node.hasNonNull(field)) {
            return null;
        }
        try {
            return LocalDate.parse(node.get(field).asText());
        } catch (java.time.format.DateTimeParseException ex) {
            throw new vn.izone.metrics.events.PoisonEvent("malformed date in " + field + ": " + node.get(field).asText());
        }
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private static BigDecimal decimal(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).decimalValue() : null;
    }
}
