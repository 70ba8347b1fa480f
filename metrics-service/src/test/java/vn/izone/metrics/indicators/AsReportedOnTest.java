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
import static org.hamcrest.Matchers.nullValue;

/**
 * Issue #7, two time axes on every rollup: a correction (a new revision valid for the same date, recorded later)
 * changes the figures "as known today" but not "as reported on" a date before it was recorded — for the zone's
 * areas and for its reported workers alike.
 */
@QuarkusTest
@QuarkusTestResource(MetricsTestServers.class)
class AsReportedOnTest {

    @Test
    void aCorrectionChangesTheFiguresAsKnownTodayButNotAsReportedBeforeIt() {
        UUID zone = UUID.randomUUID();
        UUID report = UUID.randomUUID();
        try (RegistryEvents events = new RegistryEvents()) {
            // 1 February 2025: the zone declares 40 ha leased of 100, valid on 31 December 2024; Q4 report 1,000 workers
            events.send(RegistryEvents.ZONES, zone, recordedAt("2025-02-01T03:00:00Z",
                    RegistryEvents.zone(zone, 1, "A71", "A72", "INDUSTRIAL_PARK", "IN_OPERATION", 100, 40)));
            events.send(RegistryEvents.REPORTS, zone, recordedAt("2025-02-01T03:00:00Z",
                    RegistryEvents.report(report, 1, zone, null, "QUARTER", 2024, 4, "2024-10-01", "2024-12-31", 0, 0, 0, 1_000, 0)));
            // 1 March 2025: both corrected for the same date: 60 ha leased, 1,500 workers
            events.send(RegistryEvents.ZONES, zone, recordedAt("2025-03-01T03:00:00Z",
                    RegistryEvents.zone(zone, 2, "A71", "A72", "INDUSTRIAL_PARK", "IN_OPERATION", 100, 60)));
            events.send(RegistryEvents.REPORTS, zone, recordedAt("2025-03-01T03:00:00Z",
                    RegistryEvents.report(report, 2, zone, null, "QUARTER", 2024, 4, "2024-10-01", "2024-12-31", 0, 0, 0, 1_500, 0)));
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/api/v1/indicators/province/A71").then()
                .statusCode(200)
                .body("occupancy.leasedHa", equalTo(60))
                .body("employment.reportedWorkers", equalTo(1500))
                .body("asReportedAt", nullValue()));

        given().get("/api/v1/indicators/province/A71?asReportedOn=2025-02-15").then().statusCode(200)
                .body("occupancy.leasedHa", equalTo(40))
                .body("employment.reportedWorkers", equalTo(1000))
                .body("asReportedAt", equalTo("2025-02-15T16:59:59.999999Z"));
        given().queryParam("asReportedAt", "2025-03-01T10:00:00+07:00").get("/api/v1/indicators/former-province/A72").then().statusCode(200)
                .body("occupancy.leasedHa", equalTo(60))
                .body("employment.reportedWorkers", equalTo(1500));
        // combined with asOf: the state valid at the end of 2024, as it had been reported by mid-February
        given().get("/api/v1/indicators/zone/" + zone + "?asOf=2024-12-31&asReportedOn=2025-02-15").then().statusCode(200)
                .body("occupancy.leasedHa", equalTo(40))
                .body("asOf", equalTo("2024-12-31"));
        // before anything was recorded, the zone did not exist yet
        given().get("/api/v1/indicators/province/A71?asReportedOn=2025-01-15").then().statusCode(200)
                .body("zones.total", equalTo(0));
        given().get("/api/v1/indicators/province/A71/periods?asReportedOn=2025-02-15").then().statusCode(200)
                .body("[0].workers", equalTo(1000));

        given().get("/api/v1/indicators/province/A71?asReportedOn=15/02/2025").then().statusCode(400);
        given().get("/api/v1/indicators/province/A71?asReportedOn=2025-02-15&asReportedAt=2025-02-15T00:00:00Z").then().statusCode(400);
    }

    private static String recordedAt(String instant, String event) {
        return event.replaceFirst("\"recordedAt\":\"[^\"]+\"", "\"recordedAt\":\"" + instant + "\"");
    }
}
