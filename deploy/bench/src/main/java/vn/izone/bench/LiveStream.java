package vn.izone.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The dashboard's view of freshness: one open server-sent-events stream on reporting's {@code /api/v1/rollups/live},
 * as a board's browser holds it. A probe says which zone figure it expects; the stream completes the probe's future
 * with the arrival time (System.nanoTime) of the first snapshot of that zone showing it.
 */
final class LiveStream implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Expectation(long workers, CompletableFuture<Long> seen) {
    }

    private final Map<String, Expectation> expected = new ConcurrentHashMap<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;

    LiveStream(String reportingUrl) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        response = client.sendAsync(HttpRequest.newBuilder(URI.create(reportingUrl + "/api/v1/rollups/live"))
                .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofLines());
        response.thenAcceptAsync(r -> r.body().forEach(this::line));
    }

    /** Completes with the nanoTime at which a snapshot of the zone with these workers arrived. */
    CompletableFuture<Long> expect(String zoneId, long workers) {
        Expectation e = new Expectation(workers, new CompletableFuture<>());
        expected.put("zone:" + zoneId, e);
        return e.seen();
    }

    private void line(String line) {
        if (!line.startsWith("data:")) {
            return;
        }
        long now = System.nanoTime();
        try {
            JsonNode snapshot = JSON.readTree(line.substring(5));
            Expectation e = expected.get(snapshot.path("scopeKey").asText());
            if (e != null && snapshot.path("employment").path("workers").asLong(-1) == e.workers()) {
                e.seen().complete(now);
            }
        } catch (Exception unreadable) {
            // not a snapshot: ignored
        }
    }

    @Override
    public void close() {
        response.thenAccept(r -> r.body().close());
        response.cancel(true);
    }
}
