package vn.izone.suite;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The thin slice across all three services on real PostgreSQL and Kafka: a park and a project go into the
 * registry, and the province's occupancy and employment come out of reporting.
 */
class SuiteEndToEndIT {
    static Suite suite;
    static RegistryClient registry;
    static RegistryClient reporting;

    @BeforeAll
    static void startSuite() throws IOException {
        Path root = Path.of(System.getProperty("izone.root", "../..")).toAbsolutePath().normalize();
        Path data = Files.createTempDirectory("izone-suite-it");
        suite = Suite.start(SuiteConfig.forTests(root, data), line -> System.out.println("[suite] " + line));
        registry = new RegistryClient(suite.url(Suite.REGISTRY), "dept:37:test", suite.tokens().department("dept-37@e2e", "37"));
        reporting = new RegistryClient(suite.url(Suite.REPORTING), "board:test");
    }

    @AfterAll
    static void stopSuite() {
        if (suite != null) {
            suite.close();
        }
    }

    @Test
    void aParkAndItsProjectShowUpInTheProvinceRollup() {
        RegistryClient.Reply park = registry.post("/api/v1/zones", """
                {"kind":"INDUSTRIAL_PARK","name":"Khu công nghiệp Thanh Liêm (e2e)","provinceCode":"37",
                 "formerProvinceCode":"35","status":"IN_OPERATION","plannedAreaHa":300,"establishedAreaHa":250,
                 "industrialLandHa":200,"validOn":"2025-09-30","source":"e2e"}""", "e2e-park");
        assertEquals(201, park.status(), () -> park.body().toString());
        String zoneId = park.body().path("id").asText();
        RegistryClient.Reply project = registry.post("/api/v1/zones/" + zoneId + "/projects", """
                {"name":"Nhà máy linh kiện (e2e)","investor":"E2E Electronics","origin":"FDI","investorCountry":"KR",
                 "sector":"electronics","registeredCapital":{"amount":150000000,"currency":"USD"},"leasedAreaHa":50,
                 "workers":1200,"status":"OPERATING","validOn":"2025-09-30","source":"e2e"}""", "e2e-project");
        assertEquals(201, project.status(), () -> project.body().toString());

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            RegistryClient.Reply rollup = reporting.get("/api/v1/rollups/former-provinces/35");
            assertEquals(200, rollup.status());
            JsonNode body = rollup.body();
            assertEquals(0, body.path("occupancy").path("ratePercent").decimalValue().compareTo(new java.math.BigDecimal("25")),
                    () -> body.toString());
            assertEquals(1200, body.path("employment").path("workers").asLong());
        });
        // the province is another scope, published in its own round: it may come a moment later
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonNode province = reporting.get("/api/v1/rollups/provinces/37").body();
            assertEquals("Ninh Bình", province.path("scopeName").asText());
            assertTrue(province.path("employment").path("workers").asLong() >= 1200, () -> province.toString());
            assertEquals(150000000L, province.path("projects").path("capitalByCurrency").path("USD").path("fdi").asLong());
        });
    }

    @Test
    void writesNeedATokenForTheirProvince() {
        String zone = """
                {"kind":"INDUSTRIAL_PARK","name":"KCN ngoài tỉnh (e2e)","provinceCode":"22","status":"PLANNED",
                 "validOn":"2025-09-30","source":"e2e"}""";
        assertEquals(401, new RegistryClient(suite.url(Suite.REGISTRY), "anonymous").post("/api/v1/zones", zone, null).status());
        assertEquals(403, registry.post("/api/v1/zones", zone, null).status());
        assertEquals(201, new RegistryClient(suite.url(Suite.REGISTRY), "registrar", suite.tokens().registrar("registrar@e2e"))
                .post("/api/v1/zones", zone, null).status());
    }

    @Test
    void metricsAgreeWithTheRegistryAndARebuildReproducesTheSameFigures() {
        RegistryClient.Reply park = registry.post("/api/v1/zones", """
                {"kind":"INDUSTRIAL_CLUSTER","name":"Cụm công nghiệp Ý Yên (e2e)","provinceCode":"37",
                 "formerProvinceCode":"36","status":"IN_OPERATION","clusterModel":"ECOLOGICAL","plannedAreaHa":60,
                 "establishedAreaHa":60,"industrialLandHa":45,"leasedAreaHa":30,"validOn":"2025-09-30","source":"e2e"}""", "e2e-cluster");
        assertEquals(201, park.status(), () -> park.body().toString());
        String zoneId = park.body().path("id").asText();
        assertEquals(201, registry.post("/api/v1/zones/" + zoneId + "/projects", """
                {"name":"Xưởng gỗ (e2e)","investor":"Công ty Gỗ E2E","origin":"DOMESTIC","sector":"wood",
                 "registeredCapital":{"amount":85000000000,"currency":"VND"},"leasedAreaHa":5,"workers":240,
                 "status":"OPERATING","validOn":"2025-09-30","source":"e2e"}""", "e2e-wood").status());
        RegistryClient metrics = new RegistryClient(suite.url(Suite.METRICS), "operator:test", suite.tokens().operator("operator@e2e"));
        String scope = "/api/v1/indicators/former-province/36";
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertEquals(240, metrics.get(scope).body().path("employment").path("workers").asLong()));

        RegistryClient.Reply reconciliation = metrics.post("/api/v1/admin/reconcile", "{}", null);
        assertEquals(200, reconciliation.status(), () -> String.valueOf(reconciliation.body()));
        assertTrue(reconciliation.body().path("zonesCompared").asLong() >= 1);
        assertEquals(0, reconciliation.body().path("differences").size(), () -> reconciliation.body().toString());

        JsonNode before = withoutTimes(metrics.get(scope).body());
        assertEquals(202, metrics.post("/api/v1/admin/rebuild", "{}", null).status());
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertEquals("DONE", metrics.get("/api/v1/admin/rebuild").body().path("state").asText()));
        assertEquals(before, withoutTimes(metrics.get(scope).body()));
    }

    private static JsonNode withoutTimes(JsonNode indicators) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = indicators.deepCopy();
        copy.remove("computedAt");
        return copy;
    }
}
