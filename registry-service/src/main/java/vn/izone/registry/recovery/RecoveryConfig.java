package vn.izone.registry.recovery;

import io.smallrye.config.ConfigMapping;

/** The register's recovery after a point-in-time restore (issue #18, docs/deploy.md "Recovering the register"). */
@ConfigMapping(prefix = "izone.recovery")
public interface RecoveryConfig {
    /**
     * Reconcile with the topics before taking any change or relaying any event ({@link TopicReconciliation}); writes
     * answer 503 {@code recovering} meanwhile ({@link RecoveryGate}). Default false, declared in application.properties
     * next to its environment variable {@code IZONE_RECOVERY_RECONCILE}.
     */
    boolean reconcileAtStart();

    /** How long after a failed reconciliation at start the next attempt is made (application.properties: 5s). */
    java.time.Duration retryEvery();
}
