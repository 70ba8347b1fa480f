package vn.izone.metrics.store;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import vn.izone.metrics.events.RegistryEvent;
import vn.izone.metrics.indicators.Scope;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashSet;
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

    public enum Outcome { APPLIED, DUPLICATE, GAP_APPLIED, IGNORED }

    private final EntityManager em;

    public AggregateStore(EntityManager em) {
        this.em = em;
    }

    @Transactional
    public Outcome apply(RegistryEvent event) {
        long applied = lockAppliedVersion(event.aggregateType(), event.aggregateId());
        if (event.aggregateVersion() <= applied) {
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
        Set<Scope> dirty = new LinkedHashSet<>();
        switch (event.aggregateType()) {
            case "zone" -> applyZone(event, dirty);
            case "project" -> applyProject(event, dirty);
            default -> outcome = Outcome.IGNORED;
        }
        em.createNativeQuery("UPDATE applied_version SET version = ?3 WHERE aggregate_type = ?1 AND aggregate_id = ?2")
                .setParameter(1, event.aggregateType()).setParameter(2, event.aggregateId())
                .setParameter(3, event.aggregateVersion()).executeUpdate();
        markDirty(dirty);
        return outcome;
    }

    private long lockAppliedVersion(String type, UUID id) {
        em.createNativeQuery("INSERT INTO applied_version VALUES (?1, ?2, 0) ON CONFLICT DO NOTHING")
                .setParameter(1, type).setParameter(2, id).executeUpdate();
        Number version = (Number) em.createNativeQuery(
                        "SELECT version FROM applied_version WHERE aggregate_type = ?1 AND aggregate_id = ?2 FOR UPDATE")
                .setParameter(1, type).setParameter(2, id).getSingleResult();
        return version.longValue();
    }

    private void applyZone(RegistryEvent e, Set<Scope> dirty) {
        // Scopes before and after: a corrected province or kind changes the figures of both.
        dirty.addAll(scopesOfZone(e.aggregateId()));
        JsonNode d = e.data();
        Query upsert = em.createNativeQuery("""
                INSERT INTO zone_state (zone_id, revision, kind, name, province_code, province_name, former_province_code,
                    former_province_name, status, cluster_model, planned_area_ha, established_area_ha, industrial_land_ha,
                    leased_area_ha, valid_on, recorded_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)
                ON CONFLICT (zone_id) DO UPDATE SET revision = EXCLUDED.revision, kind = EXCLUDED.kind, name = EXCLUDED.name,
                    province_code = EXCLUDED.province_code, province_name = EXCLUDED.province_name,
                    former_province_code = EXCLUDED.former_province_code, former_province_name = EXCLUDED.former_province_name,
                    status = EXCLUDED.status, cluster_model = EXCLUDED.cluster_model, planned_area_ha = EXCLUDED.planned_area_ha,
                    established_area_ha = EXCLUDED.established_area_ha, industrial_land_ha = EXCLUDED.industrial_land_ha,
                    leased_area_ha = EXCLUDED.leased_area_ha, valid_on = EXCLUDED.valid_on, recorded_at = EXCLUDED.recorded_at
                """);
        upsert.setParameter(1, e.aggregateId()).setParameter(2, e.aggregateVersion())
                .setParameter(3, d.path("kind").asText()).setParameter(4, d.path("name").asText())
                .setParameter(5, d.path("provinceCode").asText()).setParameter(6, text(d, "provinceName"))
                .setParameter(7, text(d, "formerProvinceCode")).setParameter(8, text(d, "formerProvinceName"))
                .setParameter(9, d.path("status").asText()).setParameter(10, text(d, "clusterModel"))
                .setParameter(11, decimal(d, "plannedAreaHa")).setParameter(12, decimal(d, "establishedAreaHa"))
                .setParameter(13, decimal(d, "industrialLandHa")).setParameter(14, decimal(d, "leasedAreaHa"))
                .setParameter(15, e.validOn()).setParameter(16, Timestamp.from(e.recordedAt()));
        upsert.executeUpdate();
        dirty.addAll(scopesOfZone(e.aggregateId()));
    }

    private void applyProject(RegistryEvent e, Set<Scope> dirty) {
        JsonNode d = e.data();
        JsonNode capital = d.path("registeredCapital");
        em.createNativeQuery("""
                INSERT INTO project_state (project_id, zone_id, revision, origin, capital_amount, capital_currency,
                    leased_area_ha, workers, status, valid_on, recorded_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
                ON CONFLICT (project_id) DO UPDATE SET zone_id = EXCLUDED.zone_id, revision = EXCLUDED.revision,
                    origin = EXCLUDED.origin, capital_amount = EXCLUDED.capital_amount,
                    capital_currency = EXCLUDED.capital_currency, leased_area_ha = EXCLUDED.leased_area_ha,
                    workers = EXCLUDED.workers, status = EXCLUDED.status, valid_on = EXCLUDED.valid_on,
                    recorded_at = EXCLUDED.recorded_at
                """)
                .setParameter(1, e.aggregateId()).setParameter(2, e.zoneId()).setParameter(3, e.aggregateVersion())
                .setParameter(4, d.path("origin").asText()).setParameter(5, decimal(capital, "amount"))
                .setParameter(6, text(capital, "currency")).setParameter(7, decimal(d, "leasedAreaHa"))
                .setParameter(8, d.hasNonNull("workers") ? d.get("workers").asInt() : null)
                .setParameter(9, d.path("status").asText()).setParameter(10, e.validOn())
                .setParameter(11, Timestamp.from(e.recordedAt()))
                .executeUpdate();
        dirty.addAll(scopesOfZone(e.zoneId()));
    }

    /** Every scope a zone's figures roll up into, as the zone stands now in this store. */
    @SuppressWarnings("unchecked")
    private Set<Scope> scopesOfZone(UUID zoneId) {
        Set<Scope> scopes = new LinkedHashSet<>();
        scopes.add(Scope.national());
        scopes.add(Scope.zone(zoneId.toString()));
        List<Object[]> rows = em.createNativeQuery(
                        "SELECT province_code, former_province_code, kind, cluster_model FROM zone_state WHERE zone_id = ?1")
                .setParameter(1, zoneId).getResultList();
        for (Object[] row : rows) {
            scopes.add(Scope.province((String) row[0]));
            if (row[1] != null) {
                scopes.add(Scope.formerProvince((String) row[1]));
            }
            scopes.add(Scope.zoneKind((String) row[2]));
            if (row[3] != null) {
                scopes.add(Scope.clusterModel((String) row[3]));
            }
        }
        return scopes;
    }

    private void markDirty(Set<Scope> scopes) {
        for (Scope scope : scopes) {
            em.createNativeQuery("INSERT INTO dirty_scope VALUES (?1, ?2) ON CONFLICT (scope_key) DO NOTHING")
                    .setParameter(1, scope.key()).setParameter(2, Timestamp.from(Instant.now())).executeUpdate();
        }
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private static BigDecimal decimal(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).decimalValue() : null;
    }
}
