package vn.izone.metrics.aggregates;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;
import vn.izone.metrics.publish.PublishQueue;
import vn.izone.metrics.publish.Shard;

import java.util.List;
import java.util.UUID;

/**
 * A database migrated from before the incremental aggregates (V6) holds state but no sums: at start, every zone is
 * folded once, before any figure is published, so the first snapshots are already whole. Safe beside the live
 * consumers: a zone's refresh is serialised on its row and leaves nothing to add when it is already up to date.
 */
@ApplicationScoped
public class AggregatesBackfill {
    private static final Logger LOG = Logger.getLogger(AggregatesBackfill.class);
    private static final int CHUNK = 500;

    private final EntityManager em;
    private final Aggregates aggregates;
    private final PublishQueue queue;

    public AggregatesBackfill(EntityManager em, Aggregates aggregates, PublishQueue queue) {
        this.em = em;
        this.aggregates = aggregates;
        this.queue = queue;
    }

    void onStart(@Observes StartupEvent ignored) {
        boolean needed = QuarkusTransaction.requiringNew().call(() -> (Boolean) em.createNativeQuery(
                "SELECT EXISTS (SELECT 1 FROM zone_state) AND NOT EXISTS (SELECT 1 FROM zone_figures)").getSingleResult());
        if (!needed) {
            return;
        }
        long started = System.nanoTime();
        int zones = 0;
        for (UUID after = new UUID(Long.MIN_VALUE, Long.MIN_VALUE); ; ) {
            UUID from = after;
            @SuppressWarnings("unchecked")
            List<UUID> ids = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                    "SELECT zone_id FROM zone_state WHERE zone_id > ?1 ORDER BY zone_id LIMIT ?2")
                    .setParameter(1, from).setParameter(2, CHUNK).getResultList());
            if (ids.isEmpty()) {
                break;
            }
            QuarkusTransaction.requiringNew().run(() ->
                    queue.markChanged(aggregates.refresh(ids, Shard.BACKFILL).changed(), Shard.BACKFILL));
            zones += ids.size();
            after = ids.get(ids.size() - 1);
        }
        LOG.infof("incremental aggregates backfilled from the state: %d zones in %d ms", zones, (System.nanoTime() - started) / 1_000_000);
    }
}
