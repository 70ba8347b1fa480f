package vn.izone.reporting.support;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for metrics-service's {@code GET /api/v1/indicators/…?asOf=} (another module, another process): answers
 * the Indicators a test sets for a path and query ({@code /api/v1/indicators/province/D37/kinds/INDUSTRIAL_CLUSTER?asOf=2025-12-31}),
 * 404 for any other, or a failure when a test says so; keeps every request it was sent. Served by {@link RegistryStub}'s
 * server (one test resource, so the test classes share one application), at {@code izone.metrics.url}.
 */
public final class MetricsStub {
    public static final Map<String, String> ANSWERS = new ConcurrentHashMap<>();
    public static final List<String> REQUESTS = new CopyOnWriteArrayList<>();
    /** 200: answer from {@link #ANSWERS}; anything else: every request fails with it (metrics' database away). */
    public static volatile int status = 200;
    /** How long an open circuit breaker leaves metrics alone in the tests (ms; 30 s in production). */
    public static final String CIRCUIT_DELAY_MS = "2000";

    private MetricsStub() {
    }

    public static void reset() {
        status = 200;
        REQUESTS.clear();
    }

    static void install(HttpServer server) {
        server.createContext("/api/v1/indicators/", exchange -> {
            String request = exchange.getRequestURI().getPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
            REQUESTS.add(request);
            String body = status == 200 ? ANSWERS.get(request) : null;
            int code = status != 200 ? status : body == null ? 404 : 200;
            byte[] bytes = (body != null ? body : "{\"status\":" + code + "}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", body != null ? "application/json" : "application/problem+json");
            try {
                exchange.sendResponseHeaders(code, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            } catch (IOException e) {
                // the caller gave up waiting
            }
        });
    }
}
