package vn.izone.metrics.admin;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.ProcessingException;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads the registry's current state through its REST API ({@link RegistryPages}: every zone page by page, then each
 * zone's projects) and compares it with the state tables ({@link Reconciliation}). In normal operation, once the
 * event stream is caught up, it reports no difference.
 */
@ApplicationScoped
public class Reconciler {
    static final int PAGE_SIZE = 500;

    private final EntityManager em;
    private final RegistryPages registry;
    private final RegistryClientConfig config;
    private final AggregateReferee referee;

    public Reconciler(EntityManager em, RegistryPages registry, RegistryClientConfig config, AggregateReferee referee) {
        this.em = em;
        this.registry = registry;
        this.config = config;
        this.referee = referee;
    }

    /**
     * What reconciliation found: the register against metrics' state, and the incremental aggregates against the
     * full recomputation from that state (the referee).
     */
    public record Result(long zonesCompared, long projectsCompared, List<Reconciliation.Difference> differences,
                         AggregateReferee.Report aggregates) {
    }

    public Result reconcile() {
        Reconciliation.Snapshot registry = registrySnapshot();
        Reconciliation.Report state = Reconciliation.compare(registry, metricsSnapshot());
        return new Result(state.zonesCompared(), state.projectsCompared(), state.differences(), referee.check());
    }

    /**
     * The registry's state; @throws IllegalStateException when it could not be read (the caller answers 502):
     * unreachable, too slow or failing after the retries of {@link RegistryPages}, or an answer that is not a list.
     */
    Reconciliation.Snapshot registrySnapshot() {
        try {
            Reconciliation.Snapshot snapshot = Reconciliation.Snapshot.empty();
            for (int page = 0; ; page++) {
                JsonNode zones = registry.zones(page, PAGE_SIZE);
                for (JsonNode zone : zones) {
                    UUID id = UUID.fromString(zone.get("id").asText());
                    snapshot.zones().put(id, Reconciliation.zoneOfRegistry(zone));
                    for (JsonNode project : registry.projects(id)) {
                        snapshot.projects().put(UUID.fromString(project.get("id").asText()), Reconciliation.projectOfRegistry(project));
                    }
                }
                if (zones.size() < PAGE_SIZE) {
                    return snapshot;
                }
            }
        } catch (ProcessingException | FaultToleranceException e) {
            // not reached, or no answer in time (TimeoutException); a 5xx or another answer than a list is already an
            // IllegalStateException naming the status
            throw new IllegalStateException("registry unreachable at " + config.url() + ": " + e.getMessage(), e);
        }
    }

    @Transactional
    @SuppressWarnings("unchecked")
    Reconciliation.Snapshot metricsSnapshot() {
        Reconciliation.Snapshot snapshot = Reconciliation.Snapshot.empty();
        List<Object[]> zones = em.createNativeQuery("""
                SELECT zone_id, revision, kind, name, province_code, former_province_code, status, cluster_model,
                    planned_area_ha, established_area_ha, industrial_land_ha, leased_area_ha, status_date,
                    construction_progress_percent FROM zone_state""").getResultList();
        for (Object[] r : zones) {
            Map<String, String> v = new LinkedHashMap<>();
            v.put("revision", Reconciliation.string(r[1]));
            v.put("kind", Reconciliation.string(r[2]));
            v.put("name", Reconciliation.string(r[3]));
            v.put("provinceCode", Reconciliation.string(r[4]));
            v.put("formerProvinceCode", Reconciliation.string(r[5]));
            v.put("status", Reconciliation.string(r[6]));
            v.put("clusterModel", Reconciliation.string(r[7]));
            v.put("plannedAreaHa", Reconciliation.number(r[8]));
            v.put("establishedAreaHa", Reconciliation.number(r[9]));
            v.put("industrialLandHa", Reconciliation.number(r[10]));
            v.put("leasedAreaHa", Reconciliation.number(r[11]));
            v.put("statusDate", Reconciliation.string(r[12]));
            v.put("constructionProgressPercent", Reconciliation.number(r[13]));
            snapshot.zones().put((UUID) r[0], v);
        }
        List<Object[]> projects = em.createNativeQuery("""
                SELECT project_id, zone_id, revision, origin, capital_amount, capital_currency, leased_area_ha, workers, status
                FROM project_state""").getResultList();
        for (Object[] r : projects) {
            Map<String, String> v = new LinkedHashMap<>();
            v.put("zoneId", Reconciliation.string(r[1]));
            v.put("revision", Reconciliation.string(r[2]));
            v.put("origin", Reconciliation.string(r[3]));
            v.put("capitalAmount", Reconciliation.number(r[4]));
            v.put("capitalCurrency", Reconciliation.string(r[5]));
            v.put("leasedAreaHa", Reconciliation.number(r[6]));
            v.put("workers", Reconciliation.string(r[7]));
            v.put("status", Reconciliation.string(r[8]));
            snapshot.projects().put((UUID) r[0], v);
        }
        return snapshot;
    }
}
