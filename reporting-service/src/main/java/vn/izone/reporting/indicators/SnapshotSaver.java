package vn.izone.reporting.indicators;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;

import java.time.temporal.ChronoUnit;

/**
 * Stores a snapshot, riding out a database outage: each attempt is its own transaction, retried for up to two
 * minutes, so the consumer waits instead of failing its channel (a failed channel reads nothing more, and reporting
 * would stay not ready and stale until restarted — FaultDrillIT's PostgreSQL restarts found it). Saving is idempotent
 * (a snapshot replaces the stored one only if newer), so a retried save is safe.
 */
@ApplicationScoped
public class SnapshotSaver {
    private final IndicatorStore store;

    public SnapshotSaver(IndicatorStore store) {
        this.store = store;
    }

    /** A poll's snapshots, in one transaction per attempt; @return those now the latest of their scope */
    @Retry(maxRetries = -1, delay = 500, jitter = 250, maxDuration = 2, durationUnit = ChronoUnit.MINUTES)
    public java.util.List<IndicatorStore.Received> saveAll(java.util.List<IndicatorStore.Received> snapshots) {
        return store.saveAll(snapshots);
    }
}
