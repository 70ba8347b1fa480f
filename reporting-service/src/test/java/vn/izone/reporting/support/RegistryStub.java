package vn.izone.reporting.support;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for registry-service's REST API (another module, another process): GET /api/v1/zones/{id} answers with
 * the zones a test registers, in the registry's ZoneView shape (or 503 for the zones a test makes fail), and counts the
 * calls per zone so a test can check the cache; GET /api/v1/land-bank answers with the offers a test sets (or late, or failing) and keeps the query strings
 * it was sent; GET /api/v1/figures answers with the declared figures a test sets. The same server plays metrics-service's
 * indicators as of a date ({@link MetricsStub}). PostgreSQL and Kafka stay real.
 */
public class RegistryStub implements QuarkusTestResourceLifecycleManager {
    public static final Map<String, String> ZONES = new ConcurrentHashMap<>();
    public static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();
    /** The land bank's answer: a JSON array of offers in the registry's LandBankResource.Offer shape. */
    public static volatile String landBank = "[]";
    /** How long the land bank waits before answering (longer than the land bank's timeout: "the registry is away"). */
    public static volatile int landBankDelayMs = 0;
    public static volatile int landBankStatus = 200;
    /** The query string of every land-bank request, in order ("" for none). */
    public static final List<String> LAND_BANK_QUERIES = new CopyOnWriteArrayList<>();
    /** The land bank's timeout in the tests (ms; 3 s in production): "the registry is away" sooner. */
    public static final String LAND_BANK_TIMEOUT_MS = "2000";
    /** How long an open circuit breaker leaves the registry alone in the tests (ms; 30 s in production). */
    public static final String CIRCUIT_DELAY_MS = "2000";
    /** How long a zone whose lookup failed waits before it is asked again in the tests (1 minute in production). */
    public static final String ZONE_LOOKUP_RETRY = "1s";
    /** Zones whose GET /api/v1/zones/{id} fails with 503 (the registry's database away) while they are listed. */
    public static final Set<String> FAILING_ZONES = ConcurrentHashMap.newKeySet();
    /** The status of GET /api/v1/zones (the zone list): 200, or a failure. */
    public static volatile int zoneListStatus = 200;
    /** The register's zone list (GET /api/v1/zones?page=&size=), in the registry's ZoneView shape, paged as it pages. */
    public static final List<String> ZONE_LIST = new CopyOnWriteArrayList<>();
    /** GET /api/v1/figures: the declared figures as known today, in the registry's FigureView shape (the stub does not filter). */
    public static volatile String figures = "[]";
    public static volatile int figuresStatus = 200;
    /** The query string of every figures request, in order ("" for none). */
    public static final List<String> FIGURE_QUERIES = new CopyOnWriteArrayList<>();
    private HttpServer server;

    /** One declared figure as the registry's FigureView writes it (indicator and kind may be null). */
    public static String figure(String scopeType, String scopeCode, String province, String figure, String kind, String indicator,
                                String value, String unit, String validOn, String source) {
        String scopeKey = switch (scopeType) {
            case "PROVINCE" -> "province:" + scopeCode;
            case "FORMER_PROVINCE" -> "former-province:" + scopeCode;
            case "ZONE" -> "zone:" + scopeCode;
            default -> "national:VN";
        };
        String register = indicator == null ? null : kind == null ? scopeKey : switch (scopeType) {
            case "PROVINCE" -> "province-kind:" + scopeCode + ":" + kind;
            case "FORMER_PROVINCE" -> "former-province-kind:" + scopeCode + ":" + kind;
            default -> "zone-kind:" + kind;
        };
        return """
                {"id":"%s","scopeType":"%s","scopeCode":"%s","scopeKey":"%s","provinceCode":%s,"figure":"%s","kind":%s,"indicator":%s,
                 "registerScopeKey":%s,"value":%s,"unit":"%s","validOn":"%s","recordedAt":"2026-01-15T02:30:00Z","actor":"officer@dept-37","source":"%s"}"""
                .formatted(java.util.UUID.randomUUID(), scopeType, scopeCode, scopeKey, quoted(province), figure, quoted(kind), quoted(indicator),
                        quoted(register), value, unit, validOn, source);
    }

    private static String quoted(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }

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
            String body = FAILING_ZONES.contains(id) ? null : ZONES.get(id);
            int status = FAILING_ZONES.contains(id) ? 503 : body != null ? 200 : 404;
            byte[] bytes = (body != null ? body : "{\"status\":" + status + "}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", body != null ? "application/json" : "application/problem+json");
            exchange.sendResponseHeaders(status, bytes.length);
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
            int status = zoneListStatus;
            byte[] bytes = (status == 200 ? "[" + String.join(",", slice) + "]" : "{\"status\":" + status + "}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", status == 200 ? "application/json" : "application/problem+json");
            exchange.sendResponseHeaders(status, bytes.length);
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
        server.createContext("/api/v1/figures", exchange -> {
            String query = exchange.getRequestURI().getRawQuery();
            FIGURE_QUERIES.add(query == null ? "" : query);
            int status = figuresStatus;
            byte[] bytes = (status == 200 ? figures : "{\"status\":" + status + "}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", status == 200 ? "application/json" : "application/problem+json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        MetricsStub.install(server);
        // A late land-bank answer must not hold up the zone lookups of other tests.
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "registry-stub");
            t.setDaemon(true);
            return t;
        }));
        server.start();
        String landBank = "quarkus.fault-tolerance.\"vn.izone.reporting.landbank.RegistryLandBank/offers\".";
        String zoneList = "quarkus.fault-tolerance.\"vn.izone.reporting.ogc.RegistryZones/page\".";
        return Map.of("izone.registry.url", "http://127.0.0.1:" + server.getAddress().getPort(),
                "izone.metrics.url", "http://127.0.0.1:" + server.getAddress().getPort(),
                "quarkus.fault-tolerance.\"vn.izone.reporting.discrepancies.RegisterFigures/asOf\".circuit-breaker.delay", MetricsStub.CIRCUIT_DELAY_MS,
                "quarkus.fault-tolerance.\"vn.izone.reporting.discrepancies.DeclaredFigures/asKnownToday\".circuit-breaker.delay", CIRCUIT_DELAY_MS,
                landBank + "timeout.value", LAND_BANK_TIMEOUT_MS,
                landBank + "circuit-breaker.delay", CIRCUIT_DELAY_MS,
                zoneList + "circuit-breaker.delay", CIRCUIT_DELAY_MS,
                "quarkus.fault-tolerance.\"vn.izone.reporting.zones.ZonePlaces/lookUp\".circuit-breaker.delay", CIRCUIT_DELAY_MS,
                "izone.registry.zone-lookup-retry", ZONE_LOOKUP_RETRY);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
