package vn.izone.metrics.admin;

import io.smallrye.config.ConfigMapping;

import java.time.Duration;

/** How often an operator may reconcile metrics with the registry (POST /api/v1/admin/reconcile, {@link ReconcileGate}). */
@ConfigMapping(prefix = "izone.reconcile")
public interface ReconcileConfig {
    /**
     * At least this long between the starts of two completed reconciliations of one instance. Default 30 s, declared
     * in application.properties next to its environment variable {@code IZONE_RECONCILE_MIN_INTERVAL}.
     */
    Duration minInterval();
}
