package vn.izone.metrics.admin;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A reconciliation reads the whole register over the registry's REST API, so it is bounded (per instance): one
 * at a time, and at most one completed reconciliation per {@code izone.reconcile.min-interval} (default 30 s),
 * counted from its start. One that could not read the registry (502) compared nothing and does not count: it may
 * be retried at once.
 */
@ApplicationScoped
public class ReconcileGate {
    /** Too soon: {@code retryAfter} until the next one may start. */
    public static class TooSoon extends RuntimeException {
        private final Duration retryAfter;

        public TooSoon(Duration retryAfter, String why) {
            super(why + "; retry in " + seconds(retryAfter) + " s");
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
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile Instant lastCompletedStart;

    public ReconcileGate(ReconcileConfig config) {
        this.interval = config.minInterval();
    }

    public Duration interval() {
        return interval;
    }

    /** Claims the right to start a reconciliation now (returns its start), or throws {@link TooSoon}. */
    public Instant claim() {
        if (!running.compareAndSet(false, true)) {
            throw new TooSoon(interval, "a reconciliation is running");
        }
        Instant now = Instant.now();
        Instant last = lastCompletedStart;
        if (last != null && now.isBefore(last.plus(interval))) {
            running.set(false);
            throw new TooSoon(Duration.between(now, last.plus(interval)),
                    "a reconciliation ran less than " + interval.toSeconds() + " s ago (izone.reconcile.min-interval)");
        }
        return now;
    }

    /** Ends the claimed reconciliation; a {@code completed} one starts the interval from {@code startedAt}. */
    public void release(Instant startedAt, boolean completed) {
        if (completed) {
            lastCompletedStart = startedAt;
        }
        running.set(false);
    }
}
