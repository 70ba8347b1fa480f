package vn.izone.reporting.support;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for registry-service's GET /api/v1/zones/{id} (another module, another process): answers with the
 * zones a test registers, in the registry's ZoneView shape, and counts the calls per zone so a test can check the cache.
 * PostgreSQL and Kafka stay real.
 */
public class RegistryStub implements QuarkusTestResourceLifecycleManager {
    public static final Map<String, String> ZONES = new ConcurrentHashMap<>();
    public static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();
    private HttpServer server;

    public static void zone(String id, String name, String provinceCode, String formerProvinceCode, String kind, String status) {
        ZONES.put(id, """
                {"id":"%s","revision":3,"kind":"%s","name":"%s","provinceCode":"%s","provinceName":"Ninh Bình",
                 "formerProvinceCode":"%s","formerProvinceName":"Hà Nam","status":"%s"}""".formatted(id, kind, name, provinceCode,
                formerProvinceCode, status));
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/api/v1/zones/", exchange -> {
            String id = exchange.getRequestURI().getPath().substring("/api/v1/zones/".length());
            CALLS.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            String body = ZONES.get(id);
            byte[] bytes = (body != null ? body : "{\"status\":404}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", body != null ? "application/json" : "application/problem+json");
            exchange.sendResponseHeaders(body != null ? 200 : 404, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        return Map.of("izone.registry.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
