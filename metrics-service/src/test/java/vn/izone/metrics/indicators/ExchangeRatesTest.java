package vn.izone.metrics.indicators;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import vn.izone.metrics.support.MetricsTestServers;
import vn.izone.metrics.support.RegistryEvents;

import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * Issue #7: capital stays in its own currency; a combined figure appears only once a rate is stored, and shows the
 * rate, its date and its source. A rate without a source or with a bad value is refused naming the field.
 */
@QuarkusTest
@QuarkusTestResource(MetricsTestServers.class)
class ExchangeRatesTest {

    @Test
    void aCombinedCapitalFigureNamesItsRateAndAppearsOnlyWithOne() {
        UUID zone = UUID.randomUUID();
        try (RegistryEvents events = new RegistryEvents()) {
            events.send(RegistryEvents.ZONES, zone, RegistryEvents.zone(zone, 1, "X81", "X82", "INDUSTRIAL_PARK", "IN_OPERATION", 100, 40));
            events.send(RegistryEvents.PROJECTS, zone, RegistryEvents.project(UUID.randomUUID(), 1, zone, "FDI", 10_000_000, "USD", 100, "OPERATING"));
            events.send(RegistryEvents.PROJECTS, zone, RegistryEvents.project(UUID.randomUUID(), 1, zone, "DOMESTIC", 500_000_000_000d, "VND", 100, "OPERATING"));
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/api/v1/indicators/province/X81").then()
                .statusCode(200)
                .body("projects.active", equalTo(2))
                .body("projects.capitalByCurrency.USD.fdi", equalTo(10000000))
                .body("projects.capitalCombined", nullValue()));

        given().contentType(ContentType.JSON)
                .body("{\"currency\":\"USD\",\"validOn\":\"2025-01-02\",\"vndPerUnit\":25000,\"source\":\"test rate, not official\"}")
                .post("/api/v1/exchange-rates").then().statusCode(201).body("vndPerUnit", equalTo(25000));

        given().get("/api/v1/indicators/province/X81").then().statusCode(200)
                .body("projects.capitalByCurrency.VND.domestic", equalTo(500000000000L))
                .body("projects.capitalCombined.usd", equalTo(30000000))           // 10 M + 500 bn ÷ 25,000
                .body("projects.capitalCombined.vnd", equalTo(750000000000L))     // 500 bn + 10 M × 25,000
                .body("projects.capitalCombined.rate.source", equalTo("test rate, not official"))
                .body("projects.capitalCombined.rate.validOn", equalTo("2025-01-02"));
        // before the rate's date there is no rate, so no combined figure
        given().get("/api/v1/indicators/province/X81?asOf=2025-01-01").then().statusCode(200)
                .body("projects.capitalCombined", nullValue());

        given().contentType(ContentType.JSON)
                .body("{\"currency\":\"USD\",\"validOn\":\"2025-01-02\",\"vndPerUnit\":-1,\"source\":\"x\"}")
                .post("/api/v1/exchange-rates").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("vndPerUnit"));
        given().contentType(ContentType.JSON)
                .body("{\"currency\":\"USD\",\"validOn\":\"2025-01-02\",\"vndPerUnit\":25000}")
                .post("/api/v1/exchange-rates").then().statusCode(400).body("errors[0].field", equalTo("source"));
        given().get("/api/v1/exchange-rates").then().statusCode(200).body("size()", equalTo(1));
    }
}
