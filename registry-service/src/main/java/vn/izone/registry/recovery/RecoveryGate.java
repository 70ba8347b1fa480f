package vn.izone.registry.recovery;

import jakarta.enterprise.context.ApplicationScoped;
import vn.izone.registry.api.Problem;
import vn.izone.registry.api.RejectedChange;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * Closed while the register is being reconciled with its topics after a restore (izone.recovery.reconcile-at-start):
 * no change is accepted (503 problem+json {@code recovering}, retry later) and the outbox relay sends nothing, so that
 * no new event can take an aggregate version the topics already carry. Open otherwise.
 */
@ApplicationScoped
public class RecoveryGate {
    private static final ThreadLocal<Boolean> RECOVERY = ThreadLocal.withInitial(() -> false);
    private volatile boolean open;

    public RecoveryGate(RecoveryConfig config) {
        this.open = !config.reconcileAtStart();
    }

    public boolean isOpen() {
        return open;
    }

    void open() {
        open = true;
    }

    /** Every change passes here (the outbox): refused while closed, except the recovery's own events. */
    public void requireOpen() {
        if (!open && !RECOVERY.get()) {
            throw new RejectedChange(Problem.of(503, "recovering", "The register is being reconciled after a restore",
                    "nothing was changed; the register takes changes again once it has learnt from its topics which "
                            + "versions consumers already have (a minute at most); retry with the same Idempotency-Key",
                    List.of(new Problem.FieldError("register", "recovering"))));
        }
    }

    /** Runs {@code work} as the recovery itself: its compensating events pass the closed gate. */
    static <T> T asRecovery(Callable<T> work) throws Exception {
        RECOVERY.set(true);
        try {
            return work.call();
        } finally {
            RECOVERY.remove();
        }
    }
}
