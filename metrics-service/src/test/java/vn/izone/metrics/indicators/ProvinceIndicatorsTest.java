package vn.izone.metrics.indicators;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import vn.izone.metrics.support.MetricsTestServers;
import vn.izone.metrics.support.RegistryEvents;

import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@QuarkusTestResource(MetricsTestServers.class)
class ProvinceIndicatorsTest {

    @Test
    void occupancyAndEmploymentRollUpByProvinceAndFormerProvinceAndIgnoreRedelivery() {
        UUID haNamPark = UUID.randomUUID();
        UUID namDinhPark = UUID.randomUUID();
        UUID fdi = UUID.randomUUID();
        UUID revoked = UUID.randomUUID();
        try (RegistryEvents events = new RegistryEvents()) {
            events.send(RegistryEvents.ZONES, haNamPark, RegistryEvents.zone(haNamPark, 1, "T37", "T35", "INDUSTRIAL_PARK", "IN_OPERATION", 200, 150));
            events.send(RegistryEvents.ZONES, namDinhPark, RegistryEvents.zone(namDinhPark, 1, "T37", "T36", "INDUSTRIAL_CLUSTER", "UNDER_CONSTRUCTION", 100, 10));
            String fdiEvent = RegistryEvents.project(fdi, 1, haNamPark, "FDI", 120_000_000, "USD", 1500, "OPERATING");
            events.send(RegistryEvents.PROJECTS, haNamPark, fdiEvent);
            events.send(RegistryEvents.PROJECTS, haNamPark, fdiEvent); // redelivered: must not count twice
            events.send(RegistryEvents.PROJECTS, namDinhPark, RegistryEvents.project(revoked, 1, namDinhPark, "DOMESTIC", 5e11, "VND", 300, "OPERATING"));
            events.send(RegistryEvents.PROJECTS, namDinhPark, RegistryEvents.project(revoked, 2, namDinhPark, "DOMESTIC", 5e11, "VND", 300, "REVOKED"));
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/api/v1/indicators/province/T37").then()
                .statusCode(200)
                .body("zones.total", equalTo(2))
                .body("zones.operating", equalTo(1))
                .body("occupancy.ratePercent", equalTo(53.33f))      // (150 + 10) / (200 + 100)
                .body("occupancyOperating.ratePercent", equalTo(75.0f))  // 150 / 200
                .body("projects.active", equalTo(1))
                .body("projects.inactive", equalTo(1))
                .body("projects.capitalByCurrency.USD.fdi", equalTo(120000000))
                .body("projects.capitalByCurrency.VND.domestic", equalTo(0))
                .body("employment.workers", equalTo(1500)));
        given().get("/api/v1/indicators/former-province/T35").then()
                .body("zones.total", equalTo(1)).body("employment.workers", equalTo(1500))
                .body("scopeName", equalTo("Former T35"));
    }
}
