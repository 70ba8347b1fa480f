package vn.izone.reporting.indicators;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;

/**
 * Fans every new snapshot out to the dashboards listening on server-sent events ({@code api/LiveStream}), as the
 * JSON metrics sent: each snapshot is framed as an event once, in UTF-8 bytes, for every listener. Through the REST
 * layer's SSE writer a snapshot was copied about ten times per listener (a JSON writer into a byte stream, back to a
 * string, into the event's text, to bytes again; a zone's ~7 KB in UTF-16, its names being Vietnamese): half of what
 * reporting allocated in the bench's 200/s phase with one dashboard open (JFR, 2026-12-03).
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
    private static final byte[] DATA = "data:".getBytes(StandardCharsets.US_ASCII);

    private final BroadcastProcessor<Buffer> processor = BroadcastProcessor.create();

    /** A snapshot as received: UTF-8 JSON. */
    public void publish(byte[] json) {
        processor.onNext(event(json));
    }

    public void publish(String json) {
        publish(json.getBytes(StandardCharsets.UTF_8));
    }

    /** One buffer per listener: a slow dashboard delays nobody else. Each item is a whole event, ready to write. */
    public Multi<Buffer> stream() {
        return processor.onOverflow().buffer(BEHIND_AT_MOST);
    }

    /** The server-sent event whose data is {@code json}: each of its lines in a "data:" field, then an empty line. */
    static Buffer event(byte[] json) {
        Buffer event = Buffer.buffer(json.length + 8);
        int start = 0;
        for (int i = 0; i <= json.length; i++) {
            if (i == json.length || json[i] == '\n') {
                int end = i > start && json[i - 1] == '\r' ? i - 1 : i;
                event.appendBytes(DATA).appendBytes(json, start, end - start).appendByte((byte) '\n');
                start = i + 1;
            }
        }
        return event.appendByte((byte) '\n');
    }
}
