package vn.izone.metrics.admin;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A reconciliation reads the whole register over the registry's REST API: at most one start per
 * {@code izone.reconcile.min-interval} (default 30 s), counted from the start of the last one, whether it succeeded
 * or not. Per instance.
 */
@ApplicationScoped
public class ReconcileGate {
    /** Too soon: {@code retryAfter} until the next one may start. */
    public static class TooSoon extends RuntimeException {
        private final Duration retryAfter;

        public TooSoon(Duration retryAfter, Duration interval) {
            super("a reconciliation ran less than " + interval.toSeconds() + " s ago; retry in " + seconds(retryAfter) + " s");
            this.retryAfter = retryAfter;
        }

        /** Whole seconds, at least 1, for the Retry-After header. */
        public long retryAfterSeconds() {
            return seconds(retryAfter);
        }

        private static long seconds(Duration d) {
            return Math.max(1, (d.toMillis() + 999) / 1000);
        }
    }

    private final Duration interval;
    private final AtomicReference<Instant> lastStart = new AtomicReference<>();

    public ReconcileGate(@ConfigProperty(name = "izone.reconcile.min-interval", defaultValue = "30s") Duration interval) {
        this.interval = interval;
    }

    public Duration interval() {
        return interval;
    }

    /** Claims the right to start a reconciliation now, or throws {@link TooSoon}. */
    public void claim() {
        while (true) {
            Instant now = Instant.now();
            Instant last = lastStart.get();
            if (last != null && now.isBefore(last.plus(interval))) {
                throw new TooSoon(Duration.between(now, last.plus(interval)), interval);
            }
            if (lastStart.compareAndSet(last, now)) {
                return;
            }
        }
    }
}
