package vn.izone.metrics.admin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.izone.metrics.support.MetricsTestServers;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * POST /api/v1/admin/reconcile against a registry that misbehaves: the REST client's calls are bounded (1 s in this
 * test, 30 s in production) and retried twice (admin/RegistryPages), so a blip is absorbed and an outage is a 502
 * after three tries, which may be retried at once. The registry is a small HTTP server standing in for
 * registry-service (one zone with two projects); PostgreSQL and Kafka are real.
 */
@QuarkusTest
@TestProfile(ReconcileRegistryFaultsTest.Faults.class)
@QuarkusTestResource(MetricsTestServers.class)
class ReconcileRegistryFaultsTest {
    static final UUID ZONE = UUID.fromString("00000000-0000-0000-0000-0000000000f1");
    static final String ZONE_PAGE = "/api/v1/zones";
    static final String PROJECTS = "/api/v1/zones/" + ZONE + "/projects";

    /** How the stand-in registry behaves: the next {@code failures} answers to the zone list are 503, and so on. */
    static final AtomicInteger failures = new AtomicInteger();
    static volatile int delayMs;
    static volatile boolean hangUp;
    static volatile int projectsStatus = 200;
    static final Map<String, AtomicInteger> ASKED = new ConcurrentHashMap<>();
    static HttpServer registry;

    static synchronized int registryPort() {
        if (registry == null) {
            try {
                registry = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            registry.createContext("/api/v1/zones", ReconcileRegistryFaultsTest::answer);
            registry.setExecutor(Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "registry-stand-in");
                t.setDaemon(true);
                return t;
            }));
            registry.start();
        }
        return registry.getAddress().getPort();
    }

    private static void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        ASKED.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
        if (hangUp) {
            exchange.close(); // no answer at all: the connection is closed under the client
            return;
        }
        if (delayMs > 0) {
            try {
                Thread.sleep(delayMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        int status;
        String body;
        if (path.equals(PROJECTS)) {
            status = projectsStatus;
            body = status == 200 ? """
                    [{"id":"00000000-0000-0000-0000-0000000000a1","zoneId":"%s","revision":1,"origin":"DOMESTIC","status":"OPERATING"},
                     {"id":"00000000-0000-0000-0000-0000000000a2","zoneId":"%s","revision":2,"origin":"FDI","status":"OPERATING"}]"""
                    .formatted(ZONE, ZONE) : "{\"status\":" + status + "}";
        } else if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            status = 503;
            body = "{\"status\":503,\"title\":\"database unavailable\"}";
        } else {
            status = 200;
            body = """
                    [{"id":"%s","revision":3,"kind":"INDUSTRIAL_PARK","name":"Khu công nghiệp Đồng Văn I","provinceCode":"37","status":"IN_OPERATION"}]"""
                    .formatted(ZONE);
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", status == 200 ? "application/json" : "application/problem+json");
        try {
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            // the client gave up waiting (the timeout case)
        }
    }

    public static class Faults implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // in the annotation's unit (ms)
            String ft = "quarkus.fault-tolerance.\"vn.izone.metrics.admin.RegistryPages/";
            return Map.of("izone.registry.url", "http://127.0.0.1:" + registryPort(),
                    "izone.reconcile.min-interval", "0s",
                    ft + "zones\".timeout.value", "1000",
                    ft + "projects\".timeout.value", "1000");
        }
    }

    @BeforeEach
    void registryBehaves() {
        failures.set(0);
        delayMs = 0;
        hangUp = false;
        projectsStatus = 200;
        ASKED.clear();
    }

    private static Response reconcile() {
        return given().post("/api/v1/admin/reconcile");
    }

    private static int asked(String path) {
        AtomicInteger n = ASKED.get(path);
        return n == null ? 0 : n.get();
    }

    @Test
    void aRegistryThatFailsOnceIsAskedAgainAndTheReconciliationCompletes() {
        failures.set(1);
        Response r = reconcile();
        assertEquals(200, r.statusCode(), r.asString());
        assertEquals(1, r.jsonPath().getInt("zonesCompared"), r.asString());
        assertEquals(2, r.jsonPath().getInt("projectsCompared"), r.asString());
        assertEquals(2, asked(ZONE_PAGE), "the zone list was asked again after the 503");
        assertEquals(1, asked(PROJECTS));
    }

    @Test
    void aRegistryThatKeepsFailingIs502AfterThreeTriesAndMayBeRetriedAtOnce() {
        failures.set(100);
        Response r = reconcile();
        assertEquals(502, r.statusCode(), r.asString());
        assertEquals("registry unavailable", r.path("title"));
        assertTrue(r.<String>path("detail").contains("registry answered 503 to GET /api/v1/zones?page=0&size=500"), r.asString());
        assertEquals(3, asked(ZONE_PAGE), "one call and two retries");

        failures.set(0);
        Response again = reconcile();
        assertEquals(200, again.statusCode(), "no circuit keeps the next one from asking: " + again.asString());
    }

    @Test
    void aRegistryTooSlowIs502AfterThreeBoundedTries() {
        delayMs = 2_500; // longer than the 1 s timeout of this test
        long started = System.nanoTime();
        Response r = reconcile();
        long ms = (System.nanoTime() - started) / 1_000_000;
        assertEquals(502, r.statusCode(), r.asString());
        assertTrue(r.<String>path("detail").startsWith("registry unreachable at http://127.0.0.1:"), r.asString());
        assertEquals(3, asked(ZONE_PAGE));
        assertTrue(ms < 10_000, "three tries of at most 1 s each, 0.5 s apart, took " + ms + " ms");
    }

    @Test
    void aRegistryThatHangsUpIs502Unreachable() {
        hangUp = true;
        Response r = reconcile();
        assertEquals(502, r.statusCode(), r.asString());
        assertTrue(r.<String>path("detail").startsWith("registry unreachable at http://127.0.0.1:"), r.asString());
        assertEquals(3, asked(ZONE_PAGE));
    }

    @Test
    void anAnswerThatIsNotTheListIsFinalAtOnce() {
        projectsStatus = 404; // the zone vanished between the page and its projects
        Response r = reconcile();
        assertEquals(502, r.statusCode(), r.asString());
        assertTrue(r.<String>path("detail").contains("registry answered 404 to GET " + PROJECTS), r.asString());
        assertEquals(1, asked(PROJECTS), "a 4xx is the registry's answer: not retried");
    }
}
