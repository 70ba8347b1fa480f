package vn.izone.reporting.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import vn.izone.reporting.ReportingTestServers;
import vn.izone.reporting.indicators.LiveUpdates;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A burst of snapshots (a catch-up publishes every scope at once) must not end an open live stream: the listener
 * reads each of them, and the stream still carries what comes after. Before each listener had its own buffer, the
 * broadcast failed a listener as soon as it fell behind, and the stream went silent.
 */
@QuarkusTest
@QuarkusTestResource(ReportingTestServers.class)
class LiveStreamBurstTest {
    private static final int BURST = 5_000;

    @Inject
    LiveUpdates live;
    @TestHTTPResource("/api/v1/rollups/live")
    URI stream;

    @Test
    void aBurstReachesAnOpenStreamWholeAndTheStreamStaysOpen() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<Stream<String>> response = client.sendAsync(HttpRequest.newBuilder(stream)
                .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofLines()).get(10, TimeUnit.SECONDS);
        var reader = java.util.concurrent.CompletableFuture.runAsync(() -> response.body()
                .filter(l -> l.startsWith("data:")).forEach(l -> {
                    try {
                        seen.add(json.readTree(l.substring(5)).path("scopeKey").asText());
                        Thread.sleep(0, 200_000); // a listener slower than the burst
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));
        // the subscription is live once a first snapshot comes through
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            live.publish("{\"scopeKey\":\"zone:warm-up\"}");
            return seen.contains("zone:warm-up");
        });
        for (int i = 0; i < BURST; i++) {
            live.publish("{\"scopeKey\":\"zone:burst-" + i + "\"}");
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> seen.stream().filter(k -> k.startsWith("zone:burst-")).count() == BURST);
        live.publish("{\"scopeKey\":\"zone:after\"}");
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains("zone:after"));
        assertEquals(BURST, seen.stream().filter(k -> k.startsWith("zone:burst-")).count());
        response.body().close();
        reader.cancel(true);
    }
}
