package vn.izone.metrics.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.junit.jupiter.api.Test;
import vn.izone.metrics.aggregates.Aggregates;
import vn.izone.metrics.aggregates.Sums;
import vn.izone.metrics.events.RegistryEvent;
import vn.izone.metrics.indicators.Scope;
import vn.izone.metrics.store.AggregateStore.Outcome;
import vn.izone.metrics.support.MetricsTestServers;
import vn.izone.metrics.support.RegistryEvents;

import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #18: after a point-in-time restore the registry withdraws what it no longer holds ({@code <type>.withdrawn}, at
 * the next version, carrying the last state). The aggregate's current state goes, so it counts nowhere: the zone's sums
 * are what they were before the project, and a withdrawn zone leaves every scope. Versions stay gap-free.
 */
@QuarkusTest
@QuarkusTestResource(MetricsTestServers.class)
class WithdrawalTest {
    @Inject
    AggregateStore store;
    @Inject
    Aggregates aggregates;
    @Inject
    ObjectMapper json;
    @Inject
    EntityManager em;

    @Test
    void aWithdrawnProjectCountsNowhereAndAWithdrawnZoneLeavesEveryScope() {
        UUID zone = UUID.randomUUID();
        UUID project = UUID.randomUUID();
        String zoneKey = Scope.zone(zone.toString()).key();
        store.applyBatch(List.of(event(RegistryEvents.zone(zone, 1, "W90", "W91", "INDUSTRIAL_PARK", "IN_OPERATION", 100, 40))));
        Sums withoutProject = aggregates.read(List.of(zoneKey)).get(zoneKey);
        String projectV1 = RegistryEvents.project(project, 1, zone, "FDI", 1_000_000, "USD", 250, "OPERATING");
        store.applyBatch(List.of(event(projectV1)));
        assertNotEquals(withoutProject, aggregates.read(List.of(zoneKey)).get(zoneKey), "the project counts in its zone");

        String withdrawn = projectV1.replace("\"project.updated\"", "\"project.withdrawn\"").replace("\"aggregateVersion\":1", "\"aggregateVersion\":2");
        assertEquals(List.of(Outcome.APPLIED), store.applyBatch(List.of(event(withdrawn))));
        assertEquals(withoutProject, aggregates.read(List.of(zoneKey)).get(zoneKey), "the withdrawn project counts nowhere");
        assertEquals("state=0 history=1 version=2 gaps=0", rows("project_state", "project_state_history", "project_id", project));

        String zoneWithdrawn = RegistryEvents.zone(zone, 2, "W90", "W91", "INDUSTRIAL_PARK", "IN_OPERATION", 100, 40)
                .replace("\"zone.updated\"", "\"zone.withdrawn\"");
        assertEquals(List.of(Outcome.APPLIED), store.applyBatch(List.of(event(zoneWithdrawn))));
        assertTrue(aggregates.read(List.of(zoneKey)).get(zoneKey).isEmpty(), "a withdrawn zone has no figures");
        String provinceKey = Scope.province("W90").key();
        assertTrue(aggregates.read(List.of(provinceKey)).get(provinceKey).isEmpty(), "nor does its province, which had only it");
        assertEquals("state=0 history=1 version=2 gaps=0", rows("zone_state", "zone_state_history", "zone_id", zone));
        // redelivered, the withdrawal changes nothing
        assertEquals(List.of(Outcome.DUPLICATE), store.applyBatch(List.of(event(zoneWithdrawn))));
    }

    private RegistryEvent event(String value) {
        RegistryEvent event = RegistryEvent.parse(json, value);
        AggregateStore.validate(event);
        return event;
    }

    @Transactional
    String rows(String state, String history, String key, UUID id) {
        Object s = em.createNativeQuery("SELECT count(*) FROM " + state + " WHERE " + key + " = ?1").setParameter(1, id).getSingleResult();
        Object h = em.createNativeQuery("SELECT count(*) FROM " + history + " WHERE " + key + " = ?1").setParameter(1, id).getSingleResult();
        Object v = em.createNativeQuery("SELECT version FROM applied_version WHERE aggregate_id = ?1").setParameter(1, id).getSingleResult();
        Object g = em.createNativeQuery("SELECT count(*) FROM sequence_gap WHERE aggregate_id = ?1").setParameter(1, id).getSingleResult();
        return "state=" + s + " history=" + h + " version=" + v + " gaps=" + g;
    }
}
