package vn.izone.reporting.indicators;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Fans every new snapshot out to the dashboards listening on server-sent events, as the JSON metrics sent: each
 * event's data is written as is, not serialised again for every listener (with a tree per snapshot, each open
 * dashboard cost one Jackson serialisation of every snapshot stored; the bench's JFR, 2026-12-03).
 */
@ApplicationScoped
public class LiveUpdates {
    /**
     * Snapshots a listener may fall behind by before its stream ends (its browser then reconnects by itself). A
     * broadcast processor fails a subscriber the moment it has no demand left, and a burst (a catch-up publishes every
     * scope, about 3,400 at national scale) arrives faster than one SSE connection drains: without a buffer each burst
     * ended every open stream, and the bench's live probes saw nothing.
     */
    static final int BEHIND_AT_MOST = 20_000;

    private final BroadcastProcessor<String> processor = BroadcastProcessor.create();

    public void publish(String payload) {
        processor.onNext(payload);
    }

    /** One buffer per listener: a slow dashboard delays nobody else. */
    public Multi<String> stream() {
        return processor.onOverflow().buffer(BEHIND_AT_MOST);
    }
}
