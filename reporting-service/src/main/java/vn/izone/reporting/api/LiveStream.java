package vn.izone.reporting.api;

import io.smallrye.mutiny.subscription.MultiSubscriber;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import vn.izone.reporting.indicators.LiveUpdates;

import java.util.concurrent.Flow;

/**
 * {@code GET /api/v1/rollups/live}: server-sent events, every new latest snapshot as it arrives (docs/reporting.md).
 * A route of the HTTP server rather than a REST resource, so that each event goes out as the bytes
 * {@link LiveUpdates} framed once, not serialised again for every listener; documented in META-INF/openapi.yaml. A
 * read, open to everyone as the rollups are. Each listener takes the next event once the previous one is written
 * (a slow dashboard is buffered, up to {@code LiveUpdates.BEHIND_AT_MOST} events, then its stream ends and its
 * browser reconnects).
 */
@ApplicationScoped
public class LiveStream {
    static final String PATH = "/api/v1/rollups/live";
    /** A comment, sent at once: the headers go out and the listener knows it is subscribed. */
    private static final Buffer OPENED = Buffer.buffer(": live\n\n");

    private final LiveUpdates live;

    public LiveStream(LiveUpdates live) {
        this.live = live;
    }

    void routes(@Observes Router router) {
        router.get(PATH).handler(this::open);
    }

    private void open(RoutingContext context) {
        HttpServerResponse response = context.response();
        response.setChunked(true)
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
        response.write(OPENED.copy());
        live.stream().subscribe().withSubscriber(new Listener(response));
    }

    /** One open stream: one event written at a time, cancelled when the connection closes. */
    private static final class Listener implements MultiSubscriber<Buffer> {
        private final HttpServerResponse response;
        private volatile Flow.Subscription subscription;

        Listener(HttpServerResponse response) {
            this.response = response;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            response.closeHandler(closed -> s.cancel());
            response.exceptionHandler(failed -> s.cancel());
            s.request(1);
        }

        @Override
        public void onItem(Buffer event) {
            // a copy each: Netty releases what it wrote, and the same event goes to every listener
            response.write(event.copy()).onComplete(written -> {
                if (written.succeeded()) {
                    subscription.request(1);
                } else {
                    subscription.cancel();
                }
            });
        }

        @Override
        public void onFailure(Throwable behind) {
            end(); // fell more than BEHIND_AT_MOST events behind: the browser reconnects
        }

        @Override
        public void onCompletion() {
            end();
        }

        private void end() {
            if (!response.ended() && !response.closed()) {
                response.end();
            }
        }
    }
}
