package vn.izone.metrics.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.junit.jupiter.api.Test;
import vn.izone.metrics.events.RegistryEvent;
import vn.izone.metrics.store.AggregateStore.Outcome;
import vn.izone.metrics.support.MetricsTestServers;
import vn.izone.metrics.support.RegistryEvents;

import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The batch path (one transaction per poll) keeps the per-event guarantees: inside one batch, a redelivered
 * version is a duplicate, an older version arriving after a newer one only joins the history, a skipped version
 * is applied and reported as a gap; and applying the very same batch again changes nothing.
 */
@QuarkusTest
@QuarkusTestResource(MetricsTestServers.class)
class BatchApplyTest {
    @Inject
    AggregateStore store;
    @Inject
    ObjectMapper json;
    @Inject
    EntityManager em;
    @Inject
    javax.sql.DataSource dataSource;
    @Inject
    jakarta.transaction.UserTransaction transactions;

    @Test
    void aBatchKeepsTheVersionGuardPerEventAndARedeliveredBatchChangesNothing() throws java.sql.SQLException {
        UUID zone = UUID.randomUUID();
        UUID project = UUID.randomUUID();
        List<RegistryEvent> batch = List.of(
                event(RegistryEvents.zone(zone, 1, "T90", "T91", "INDUSTRIAL_PARK", "IN_OPERATION", 100, 40)),
                event(RegistryEvents.project(project, 1, zone, "FDI", 1_000_000, "USD", 100, "OPERATING")),
                event(RegistryEvents.project(project, 1, zone, "FDI", 1_000_000, "USD", 100, "OPERATING")), // redelivered
                event(RegistryEvents.project(project, 3, zone, "FDI", 3_000_000, "USD", 300, "OPERATING")), // 2 skipped
                event(RegistryEvents.project(project, 2, zone, "FDI", 2_000_000, "USD", 200, "OPERATING")), // late
                event(RegistryEvents.zone(zone, 2, "T90", "T91", "INDUSTRIAL_PARK", "IN_OPERATION", 100, 60)));

        // The running publisher would clear the marks at its next tick: hold its claim on these scopes, as another
        // instance publishing them would (session advisory locks block its pg_try_advisory_xact_lock).
        try (java.sql.Connection publisher = dataSource.getConnection();
             java.sql.PreparedStatement lock = publisher.prepareStatement("SELECT pg_advisory_lock(hashtext(?))")) {
            try {
                for (String key : List.of("national:VN", "zone:" + zone, "province:T90", "former-province:T91", "zone-kind:INDUSTRIAL_PARK")) {
                    lock.setString(1, key);
                    lock.executeQuery().close();
                }
                assertEquals(List.of(Outcome.APPLIED, Outcome.APPLIED, Outcome.DUPLICATE, Outcome.GAP_APPLIED, Outcome.LATE,
                        Outcome.APPLIED), store.applyBatch(batch));
                String after = snapshot(zone, project);
                assertEquals("workers=300 revision=3 leased=60.0000 history=3 gaps=1 zoneVersion=2 projectVersion=3 dirty=true", after);

                assertEquals(List.of(Outcome.DUPLICATE, Outcome.DUPLICATE, Outcome.DUPLICATE, Outcome.DUPLICATE,
                        Outcome.DUPLICATE, Outcome.DUPLICATE), store.applyBatch(batch));
                assertEquals(after, snapshot(zone, project));
            } finally {
                publisher.createStatement().execute("SELECT pg_advisory_unlock_all()"); // the connection goes back to the pool
            }
        }
    }

    /**
     * A new aggregate's guard row is created at the version its batch brings it to: a second consumer applying the
     * same events meanwhile (a redelivery to the instance that took a partition over) waits for the first one's row,
     * then finds them applied. Without the locking read it would apply them a second time.
     */
    @Test
    void twoConsumersApplyingTheSameNewAggregateAtOnceApplyItOnce() throws Exception {
        UUID zone = UUID.randomUUID();
        UUID project = UUID.randomUUID();
        store.applyBatch(List.of(event(RegistryEvents.zone(zone, 1, "T92", "T93", "INDUSTRIAL_PARK", "IN_OPERATION", 100, 40))));
        List<RegistryEvent> batch = List.of(
                event(RegistryEvents.project(project, 1, zone, "FDI", 1_000_000, "USD", 10, "OPERATING")),
                event(RegistryEvents.project(project, 2, zone, "FDI", 2_000_000, "USD", 20, "OPERATING")));
        java.util.concurrent.ExecutorService second = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            transactions.begin();
            assertEquals(List.of(Outcome.APPLIED, Outcome.APPLIED), store.applyBatch(batch)); // uncommitted: the rows held
            java.util.concurrent.Future<List<Outcome>> other = second.submit(() -> store.applyBatch(batch));
            Thread.sleep(500); // the other consumer reaches the guard and waits on this transaction's new row
            assertEquals(false, other.isDone(), "the second consumer waits for the first one's guard row");
            transactions.commit();
            assertEquals(List.of(Outcome.DUPLICATE, Outcome.DUPLICATE), other.get(30, java.util.concurrent.TimeUnit.SECONDS));
        } finally {
            second.shutdownNow();
        }
        assertEquals(2L, number("SELECT version FROM applied_version WHERE aggregate_id = ?1", project));
        assertEquals(2L, number("SELECT count(*) FROM project_state_history WHERE project_id = ?1", project));
    }

    @Transactional
    long number(String sql, UUID id) {
        return ((Number) em.createNativeQuery(sql).setParameter(1, id).getSingleResult()).longValue();
    }

    private RegistryEvent event(String value) {
        RegistryEvent event = RegistryEvent.parse(json, value);
        AggregateStore.validate(event);
        return event;
    }

    @Transactional
    String snapshot(UUID zone, UUID project) {
        Object[] p = (Object[]) em.createNativeQuery("SELECT workers, revision FROM project_state WHERE project_id = ?1")
                .setParameter(1, project).getSingleResult();
        Object leased = em.createNativeQuery("SELECT leased_area_ha FROM zone_state WHERE zone_id = ?1")
                .setParameter(1, zone).getSingleResult();
        Object history = em.createNativeQuery("SELECT count(*) FROM project_state_history WHERE project_id = ?1")
                .setParameter(1, project).getSingleResult();
        Object gaps = em.createNativeQuery("SELECT count(*) FROM sequence_gap WHERE aggregate_id = ?1")
                .setParameter(1, project).getSingleResult();
        Object zoneVersion = em.createNativeQuery("SELECT version FROM applied_version WHERE aggregate_id = ?1")
                .setParameter(1, zone).getSingleResult();
        Object projectVersion = em.createNativeQuery("SELECT version FROM applied_version WHERE aggregate_id = ?1")
                .setParameter(1, project).getSingleResult();
        Object dirty = em.createNativeQuery("SELECT count(DISTINCT scope_key) = 5 FROM scope_due WHERE scope_key IN "
                        + "('national:VN', 'zone:" + zone + "', 'province:T90', 'former-province:T91', 'zone-kind:INDUSTRIAL_PARK')")
                .getSingleResult();
        return "workers=" + p[0] + " revision=" + p[1] + " leased=" + leased + " history=" + history + " gaps=" + gaps
                + " zoneVersion=" + zoneVersion + " projectVersion=" + projectVersion + " dirty=" + dirty;
    }
}
