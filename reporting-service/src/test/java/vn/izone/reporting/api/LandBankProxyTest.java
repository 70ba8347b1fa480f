package vn.izone.reporting.api;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.izone.reporting.ReportingTestServers;
import vn.izone.reporting.support.RegistryStub;

import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET /api/v1/land-bank: the registry's land bank passed on (the registry is a stub HTTP server; PostgreSQL and Kafka are real). */
@QuarkusTest
@QuarkusTestResource(ReportingTestServers.class)
@QuarkusTestResource(RegistryStub.class)
class LandBankProxyTest {

    /**
     * The REST client's first call in a fresh application (client set-up, first connection) can take longer than the
     * tests' timeout on a busy build machine: made once before the tests, off the record.
     */
    @BeforeEach
    void clientWarm() {
        if (!warm) {
            await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/api/v1/land-bank").statusCode() == 200);
            CircuitBreakerMaintenance.get().resetAll();
            warm = true;
        }
    }

    private static boolean warm;

    @AfterEach
    void registryBackToNormal() {
        RegistryStub.resetLandBank();
        CircuitBreakerMaintenance.get().resetAll();
    }

    @Test
    void forwardsTheFiltersAndPassesTheRegistrysOffersOnInItsOrder() {
        String a = UUID.randomUUID().toString(), b = UUID.randomUUID().toString(), c = UUID.randomUUID().toString();
        String outline = "{\"type\":\"Polygon\",\"coordinates\":[[[105.9,20.6],[105.95,20.6],[105.95,20.65],[105.9,20.6]]]}";
        RegistryStub.landBank = "[" + String.join(",",
                RegistryStub.offer(a, "Khu công nghiệp Đồng Văn IV", "INDUSTRIAL_PARK", "B37", 120.5, "Công ty CP Đồng Văn", true, 20.61, 105.92, outline, "điện tử"),
                RegistryStub.offer(b, "Khu công nghiệp Châu Sơn", "INDUSTRIAL_PARK", "B37", 80.0, "Công ty Châu Sơn", true, null, null, null, "điện tử", "cơ khí"),
                RegistryStub.offer(c, "Khu công nghiệp Thanh Liêm", "INDUSTRIAL_PARK", "B37", 15.25, "Công ty Thanh Liêm", true, 20.45, 105.9, null, "điện tử")) + "]";

        given().queryParam("provinceCode", "B37").queryParam("kind", "INDUSTRIAL_PARK").queryParam("sector", "điện tử")
                .queryParam("minFreeHa", "10.5").queryParam("wastewater", "true")
                .get("/api/v1/land-bank").then()
                .statusCode(200).contentType(startsWith("application/json"))
                .body("name", contains("Khu công nghiệp Đồng Văn IV", "Khu công nghiệp Châu Sơn", "Khu công nghiệp Thanh Liêm"))
                .body("freeHa", contains(120.5f, 80.0f, 15.25f))
                .body("[0].infrastructureInvestor", equalTo("Công ty CP Đồng Văn"))
                .body("[0].outline.type", equalTo("Polygon"))
                .body("[1].latitude", equalTo(null))
                .body("[1].sectors", contains("điện tử", "cơ khí"));
        // as the REST client encodes them (a space as '+', which the registry decodes as a space, as any form decoder does)
        assertEquals("provinceCode=B37&kind=INDUSTRIAL_PARK&sector=%C4%91i%E1%BB%87n+t%E1%BB%AD&minFreeHa=10.5&wastewater=true",
                last(), "the registry is asked with the same filters");
        assertEquals("provinceCode=B37&kind=INDUSTRIAL_PARK&sector=điện tử&minFreeHa=10.5&wastewater=true",
                java.net.URLDecoder.decode(last(), java.nio.charset.StandardCharsets.UTF_8));

        given().get("/api/v1/land-bank").then().statusCode(200);
        assertEquals("", last(), "no filter, no query string");
        String registry = org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("izone.registry.url", String.class);
        System.out.println("land bank, asked of the registry stub directly: " + timed(registry + "/api/v1/land-bank?minFreeHa=10"));
        System.out.println("land bank, through reporting's proxy:          " + timed("/api/v1/land-bank?minFreeHa=10"));
        given().queryParam("minFreeHa", " ").queryParam("wastewater", "FALSE").get("/api/v1/land-bank").then().statusCode(200);
        assertEquals("wastewater=false", last());
    }

    @Test
    void aBadFilterIs400NamingTheFieldAndTheRegistryIsNotAsked() {
        int before = RegistryStub.LAND_BANK_QUERIES.size();
        bad("minFreeHa", "abc", "minFreeHa");
        bad("minFreeHa", "-1", "minFreeHa");
        bad("kind", "FACTORY", "kind");
        bad("wastewater", "maybe", "wastewater");
        bad("provinceCode", "37; DROP", "provinceCode");
        assertEquals(before, RegistryStub.LAND_BANK_QUERIES.size(), "nothing was forwarded");
    }

    @Test
    void aRegistryThatDoesNotAnswerOrFailsIs503() {
        RegistryStub.landBankDelayMs = 4_000;   // the land bank's timeout is 2 s in the tests (RegistryStub)
        given().get("/api/v1/land-bank?minFreeHa=5").then()
                .statusCode(503).contentType("application/problem+json").header("Retry-After", "30")
                .body("status", equalTo(503)).body("detail", containsString("registry-service is not answering"));

        RegistryStub.landBankDelayMs = 0;
        RegistryStub.landBankStatus = 500;
        given().get("/api/v1/land-bank").then().statusCode(503).contentType("application/problem+json");

        // A 4xx of the registry is its own answer about the request: passed on.
        RegistryStub.landBankStatus = 422;
        given().get("/api/v1/land-bank").then().statusCode(422).contentType("application/problem+json");
    }

    @Test
    void aRegistryThatKeepsFailingIsLeftAloneForAWhileThenAskedAgain() {
        RegistryStub.landBankStatus = 500;
        // 3 failures in the last 4 calls open the circuit: from then on the registry is not asked, the answer is 503 at once.
        int reached = 0;
        boolean open = false;
        for (int i = 0; i < 6 && !open; i++) {
            int before = RegistryStub.LAND_BANK_QUERIES.size();
            given().get("/api/v1/land-bank").then().statusCode(503).contentType("application/problem+json").header("Retry-After", "30");
            if (RegistryStub.LAND_BANK_QUERIES.size() == before) {
                open = true;
            } else {
                reached++;
            }
        }
        assertTrue(open, "after " + reached + " failures the registry is still asked");
        assertTrue(reached <= 4, reached + " failing calls reached the registry before the circuit opened");
        int asked = RegistryStub.LAND_BANK_QUERIES.size();
        given().get("/api/v1/land-bank?minFreeHa=1").then().statusCode(503).header("Retry-After", "30")
                .body("type", equalTo("https://izone.vn/problems/registry-unavailable"))
                .body("detail", containsString("registry-service is not answering"));
        assertEquals(asked, RegistryStub.LAND_BANK_QUERIES.size(), "an open circuit does not ask the registry");

        // The registry is back: once the circuit's delay is over (2 s in the tests), one trial call reaches it and closes it.
        RegistryStub.resetLandBank();
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> given().get("/api/v1/land-bank").then().statusCode(200));
        assertEquals(asked + 1, RegistryStub.LAND_BANK_QUERIES.size(), "while open the registry was left alone");
        given().get("/api/v1/land-bank").then().statusCode(200);
        assertEquals(asked + 2, RegistryStub.LAND_BANK_QUERIES.size(), "closed again: every request asks the registry");
    }

    /** 300 requests one after another; the times are printed, never asserted. */
    private static String timed(String url) {
        long[] us = new long[300];
        for (int i = 0; i < us.length; i++) {
            long started = System.nanoTime();
            given().get(url).then().statusCode(200);
            us[i] = (System.nanoTime() - started) / 1_000;
        }
        java.util.Arrays.sort(us);
        return "%d requests (3 offers): p50 %.2f ms, p90 %.2f ms, max %.2f ms (RestAssured client included)"
                .formatted(us.length, us[us.length / 2] / 1000.0, us[us.length * 9 / 10] / 1000.0, us[us.length - 1] / 1000.0);
    }

    private static void bad(String param, String value, String field) {
        given().queryParam(param, value).get("/api/v1/land-bank").then()
                .statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400)).body("errors[0].field", equalTo(field)).body("detail", startsWith(field + ": "));
    }

    private static String last() {
        return RegistryStub.LAND_BANK_QUERIES.get(RegistryStub.LAND_BANK_QUERIES.size() - 1);
    }
}
