package vn.izone.reporting.api;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import vn.izone.reporting.ReportingTestServers;
import vn.izone.reporting.support.RegistryStub;
import vn.izone.reporting.support.Snapshots;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(ReportingTestServers.class)
@QuarkusTestResource(RegistryStub.class)
class DrillDownAndSeriesTest {

    @Test
    void drillsDownFromAProvinceToItsZonesPlacedBySnapshotOrByTheRegistryOnce() {
        String a = UUID.randomUUID().toString(), b = UUID.randomUUID().toString(), c = UUID.randomUUID().toString();
        RegistryStub.zone(b, "Cụm công nghiệp Kiện Khê I", "D40", "D35", "INDUSTRIAL_CLUSTER", "IN_OPERATION");
        RegistryStub.zone(c, "Khu công nghiệp Khánh Phú", "D41", "D36", "INDUSTRIAL_PARK", "IN_OPERATION");
        Instant now = Instant.now();
        Snapshots.publish("province:D40", Snapshots.of("PROVINCE", "D40", "Ninh Bình", now, 80.0, 1000, null));
        Snapshots.publish("zone:" + a, Snapshots.of("ZONE", a, "Khu công nghiệp Đồng Văn I", now, 97.83, 9000,
                "\"provinceCode\":\"D40\",\"formerProvinceCode\":\"D35\""));
        Snapshots.publish("zone:" + b, Snapshots.of("ZONE", b, "Cụm công nghiệp Kiện Khê I", now, 50.0, 300, null));
        Snapshots.publish("zone:" + c, Snapshots.of("ZONE", c, "Khu công nghiệp Khánh Phú", now, 60.0, 400, null));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/api/v1/rollups/provinces/D40/zones").then()
                .statusCode(200).body("scopeName", containsInAnyOrder("Cụm công nghiệp Kiện Khê I", "Khu công nghiệp Đồng Văn I")));
        given().get("/api/v1/rollups/provinces/D40/zones").then()
                .body("find { it.scopeCode == '" + a + "' }.place.source", equalTo("snapshot"))
                .body("find { it.scopeCode == '" + b + "' }.place.source", equalTo("registry"))
                .body("find { it.scopeCode == '" + b + "' }.place.kind", equalTo("INDUSTRIAL_CLUSTER"))
                .body("find { it.scopeCode == '" + a + "' }.occupancy.ratePercent", equalTo(97.83f));
        given().get("/api/v1/rollups/former-provinces/D36/zones").then().statusCode(200).body("scopeName", contains("Khu công nghiệp Khánh Phú"));

        assertEquals(1, RegistryStub.CALLS.get(b).get());
        Snapshots.publish("zone:" + b, Snapshots.of("ZONE", b, "Cụm công nghiệp Kiện Khê I", now.plusSeconds(5), 55.0, 300, null));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/api/v1/rollups/zones/" + b).then()
                .body("occupancy.ratePercent", equalTo(55.0f)));
        given().get("/api/v1/rollups/provinces/D40/zones").then().body("", hasSize(2));
        assertEquals(1, RegistryStub.CALLS.get(b).get(), "a zone's place is asked of the registry once, then cached");
        given().get("/api/v1/rollups/provinces/NOPE/zones").then().statusCode(404);
    }

    @Test
    void seriesTakeTheLastSnapshotOfEachPeriodAndComparisonsGiveGrowth() {
        String z = UUID.randomUUID().toString();
        String extra = "\"provinceCode\":\"D50\"";
        // Vietnam time is UTC+7: 2025-01-31T20:00Z is already February there.
        String[][] history = {
                {"2025-01-05T03:00:00Z", "10"}, {"2025-01-20T03:00:00Z", "20"}, {"2025-01-31T20:00:00Z", "25"},
                {"2025-02-10T03:00:00Z", "30"}, {"2025-05-01T03:00:00Z", "40"}, {"2025-06-30T03:00:00Z", "45"}};
        for (String[] h : history) {
            Snapshots.publish("zone:" + z, Snapshots.of("ZONE", z, "Khu công nghiệp Mỹ Trung", Instant.parse(h[0]),
                    Double.parseDouble(h[1]), 100 * Long.parseLong(h[1]), extra));
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/api/v1/rollups/zones/" + z).then()
                .statusCode(200).body("occupancy.ratePercent", equalTo(45.0f)));
        given().get("/api/v1/rollups/zones/{id}/series?indicator=occupancy&step=MONTH&from=2025-01&to=2025-12", z).then()
                .statusCode(200)
                .body("points.period", contains("2025-01", "2025-02", "2025-05", "2025-06"))
                .body("points.value", contains(20.0f, 30.0f, 40.0f, 45.0f))
                .body("points[0].basis", equalTo(Snapshots.OCCUPANCY_BASIS));
        given().get("/api/v1/rollups/zone/{id}/series?indicator=workers&step=QUARTER&from=2025&to=2025", z).then()
                .statusCode(200).body("points.period", contains("2025-Q1", "2025-Q2")).body("points.value", contains(3000, 4500));
        given().get("/api/v1/rollups/zones/{id}/series?indicator=occupancy&step=YEAR&to=2024", z).then()
                .statusCode(200).body("points", hasSize(0));
        given().get("/api/v1/rollups/zones/{id}/compare?indicator=occupancy&from1=2025-01&to1=2025-03&from2=2025-04&to2=2025-06", z)
                .then().statusCode(200)
                .body("period1.value", equalTo(30.0f)).body("period2.value", equalTo(45.0f))
                .body("change", equalTo(15.0f)).body("growthPercent", equalTo(50.0f));
        given().get("/api/v1/rollups/zones/{id}/compare?indicator=occupancy&to1=2024&from2=2025&to2=2025", z)
                .then().statusCode(200).body("period1.value", nullValue()).body("growthPercent", nullValue());
        given().get("/api/v1/rollups/zones/{id}/series?indicator=/periodFigures/nothing", z).then().statusCode(200);
        given().get("/api/v1/rollups/zones/{id}/series?indicator=magic", z).then().statusCode(400).contentType("application/problem+json");
        given().get("/api/v1/rollups/zones/{id}/series?indicator=occupancy&step=WEEK", z).then().statusCode(400);
        given().get("/api/v1/rollups/galaxies/{id}/series?indicator=occupancy", z).then().statusCode(404);
    }

    @Test
    void aZoneWhoseLookupFailsIsAskedAgainAfterTheRetryIntervalAndThenPlaced() {
        String e = UUID.randomUUID().toString();
        RegistryStub.zone(e, "Khu công nghiệp Phú Hà", "D70", "D65", "INDUSTRIAL_PARK", "IN_OPERATION");
        RegistryStub.FAILING_ZONES.add(e);   // the registry answers 503 for it
        try {
            Instant now = Instant.now();
            Snapshots.publish("province:D70", Snapshots.of("PROVINCE", "D70", "Phú Thọ", now, 60.0, 500, null));
            Snapshots.publish("zone:" + e, Snapshots.of("ZONE", e, "Khu công nghiệp Phú Hà", now, 61.0, 200, null));
            // the consumer queues the lookup; it fails (the fallback: place not known yet), and the drill-down still answers
            await().atMost(Duration.ofSeconds(60)).until(() -> RegistryStub.CALLS.containsKey(e));
            given().get("/api/v1/rollups/provinces/D70/zones").then().statusCode(200).body("", hasSize(0));
        } finally {
            RegistryStub.FAILING_ZONES.remove(e);
        }
        // the registry is back: after izone.registry.zone-lookup-retry (1 s in the tests) a drill-down asks again and places it
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                given().get("/api/v1/rollups/provinces/D70/zones").then().statusCode(200)
                        .body("scopeName", contains("Khu công nghiệp Phú Hà"))
                        .body("[0].place.source", equalTo("registry")));
        int calls = RegistryStub.CALLS.get(e).get();
        assertTrue(calls >= 2, "asked again after the failure: " + calls);
        given().get("/api/v1/rollups/provinces/D70/zones").then().body("", hasSize(1));
        assertEquals(calls, RegistryStub.CALLS.get(e).get(), "once placed, it is not asked again");
    }

    @Test
    void aZoneTheRegistryDoesNotKnowIsLeftOutOfTheDrillDownWithoutFailingIt() {
        String d = UUID.randomUUID().toString();
        Instant now = Instant.now();
        Snapshots.publish("province:D60", Snapshots.of("PROVINCE", "D60", "Phú Thọ", now, 77.07, 4100, null));
        Snapshots.publish("zone:" + d, Snapshots.of("ZONE", d, "Khu công nghiệp Thụy Vân", now, 70.0, 100, null));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            given().get("/api/v1/rollups/zones/" + d).then().statusCode(200);
            given().get("/api/v1/rollups/provinces/D60").then().statusCode(200);
        });
        long started = System.nanoTime();
        given().get("/api/v1/rollups/provinces/D60/zones").then().statusCode(200).body("", hasSize(0));
        assertTrue(System.nanoTime() - started < 5_000_000_000L, "an unanswered lookup does not hold the drill-down up");
        given().get("/api/v1/rollups/national/series?indicator=workers&step=YEAR").then().statusCode(200)
                .body("scopeKey", equalTo("national:VN")).body("step", equalTo("YEAR"));
        given().get("/api/v1/rollups/national/compare?indicator=workers&to1=2024&to2=2030").then().statusCode(200)
                .body("scopeKey", equalTo("national:VN"));
        given().get("/api/v1/rollups/provinces/D60/compare?indicator=occupancy&from1=2020").then().statusCode(400);
    }
}
