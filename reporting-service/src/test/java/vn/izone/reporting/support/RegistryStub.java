package vn.izone.reporting.support;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for registry-service's REST API (another module, another process): GET /api/v1/zones/{id} answers with
 * the zones a test registers, in the registry's ZoneView shape, and counts the calls per zone so a test can check the
 * cache; GET /api/v1/land-bank answers with the offers a test sets (or late, or failing) and keeps the query strings
 * it was sent. PostgreSQL and Kafka stay real.
 */
public class RegistryStub implements QuarkusTestResourceLifecycleManager {
    public static final Map<String, String> ZONES = new ConcurrentHashMap<>();
    public static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();
    /** The land bank's answer: a JSON array of offers in the registry's LandBankResource.Offer shape. */
    public static volatile String landBank = "[]";
    /** How long the land bank waits before answering (longer than izone.land-bank.timeout: "the registry is away"). */
    public static volatile int landBankDelayMs = 0;
    public static volatile int landBankStatus = 200;
    /** The query string of every land-bank request, in order ("" for none). */
    public static final List<String> LAND_BANK_QUERIES = new CopyOnWriteArrayList<>();
    public static final String LAND_BANK_TIMEOUT = "1s";
    /** The register's zone list (GET /api/v1/zones?page=&size=), in the registry's ZoneView shape, paged as it pages. */
    public static final List<String> ZONE_LIST = new CopyOnWriteArrayList<>();
    private HttpServer server;

    public static void zone(String id, String name, String provinceCode, String formerProvinceCode, String kind, String status) {
        ZONES.put(id, """
                {"id":"%s","revision":3,"kind":"%s","name":"%s","provinceCode":"%s","provinceName":"Ninh Bình",
                 "formerProvinceCode":"%s","formerProvinceName":"Hà Nam","status":"%s"}""".formatted(id, kind, name, provinceCode,
                formerProvinceCode, status));
    }

    /** The land bank answers at once, with no offer. */
    public static void resetLandBank() {
        landBankDelayMs = 0;
        landBankStatus = 200;
        landBank = "[]";
    }

    private static final Map<String, String> PROVINCES = Map.of("37", "Ninh Bình", "79", "Thành phố Hồ Chí Minh", "27", "Bắc Ninh");

    /** One land-bank offer as the registry writes it; latitude/longitude/outline may be null. */
    public static String offer(String id, String name, String kind, String provinceCode, double freeHa, String investor,
                               Boolean wastewater, Double latitude, Double longitude, String outline, String... sectors) {
        StringBuilder s = new StringBuilder();
        for (String sector : sectors) {
            s.append(s.length() == 0 ? "" : ",").append('"').append(sector).append('"');
        }
        return """
                {"zoneId":"%s","name":"%s","kind":"%s","provinceCode":"%s","provinceName":"%s","formerProvinceCode":null,
                 "status":"IN_OPERATION","freeHa":%s,"industrialLandHa":%s,"leasedHa":%s,"occupancyPercent":%s,
                 "infrastructureInvestor":"%s","wastewaterCentralised":%s,"wastewaterMeetsStandard":%s,
                 "latitude":%s,"longitude":%s,"sectors":[%s]%s}""".formatted(id, name, kind, provinceCode, PROVINCES.getOrDefault(provinceCode, provinceCode), freeHa, freeHa + 100,
                100.0, Math.round(10000.0 * 100 / (freeHa + 100)) / 100.0, investor, wastewater, wastewater, latitude, longitude, s,
                outline == null ? "" : ",\"outline\":" + outline);
    }

    @Override
    public Map<String, String> start() {
        // Answers go out at once (TCP_NODELAY), as Quarkus' do; otherwise headers and body written apart wait ~40 ms
        // for a delayed ACK on a kept-alive connection, and the proxy's timings would measure that.
        System.setProperty("sun.net.httpserver.nodelay", "true");
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
        server.createContext("/api/v1/zones", exchange -> {
            String query = exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery();
            int page = 0, size = 100;
            for (String kv : query.split("&")) {
                if (kv.startsWith("page=")) {
                    page = Integer.parseInt(kv.substring(5));
                } else if (kv.startsWith("size=")) {
                    size = Integer.parseInt(kv.substring(5));
                }
            }
            List<String> slice = ZONE_LIST.subList(Math.min(ZONE_LIST.size(), page * size), Math.min(ZONE_LIST.size(), (page + 1) * size));
            byte[] bytes = ("[" + String.join(",", slice) + "]").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.createContext("/api/v1/land-bank", exchange -> {
            String query = exchange.getRequestURI().getRawQuery();
            LAND_BANK_QUERIES.add(query == null ? "" : query);
            if (landBankDelayMs > 0) {
                try {
                    Thread.sleep(landBankDelayMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            int status = landBankStatus;
            byte[] bytes = (status == 200 ? landBank : "{\"status\":" + status + "}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", status == 200 ? "application/json" : "application/problem+json");
            try {
                exchange.sendResponseHeaders(status, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            } catch (IOException e) {
                // the caller gave up waiting (the timeout test): nothing to answer to
            }
        });
        // A late land-bank answer must not hold up the zone lookups of other tests.
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "registry-stub");
            t.setDaemon(true);
            return t;
        }));
        server.start();
        return Map.of("izone.registry.url", "http://127.0.0.1:" + server.getAddress().getPort(),
                "izone.land-bank.timeout", LAND_BANK_TIMEOUT);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
