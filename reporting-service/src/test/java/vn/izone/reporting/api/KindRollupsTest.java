package vn.izone.reporting.api;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import vn.izone.reporting.ReportingTestServers;
import vn.izone.reporting.support.RegistryStub;
import vn.izone.reporting.support.Snapshots;

import java.time.Duration;
import java.time.Instant;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** The by-kind rollups: one kind of a province / former province, the lists by kind, 404 and 400 as problems. */
@QuarkusTest
@QuarkusTestResource(ReportingTestServers.class)
@QuarkusTestResource(RegistryStub.class)
class KindRollupsTest {
    @Test
    void aKindOfAProvinceIsItsOwnScopeAndTheListsTakeAKind() {
        Instant now = Instant.now();
        Snapshots.publish(Snapshots.of("PROVINCE", "R37", "Ninh Bình", now, 87.5, 12_325, Snapshots.withKinds(
                Snapshots.byKind("INDUSTRIAL_PARK", 3, 91.25, 6, 2, 10_000), Snapshots.byKind("INDUSTRIAL_CLUSTER", 2, 40.5, 1, 3, 2325))));
        Snapshots.publish(Snapshots.kindScope("PROVINCE_KIND", "R37", "INDUSTRIAL_CLUSTER", "Ninh Bình", now.plusMillis(2), 2, 40.5, 1, 3, 2325));
        Snapshots.publish(Snapshots.kindScope("FORMER_PROVINCE_KIND", "R35", "INDUSTRIAL_PARK", "Hà Nam", now, 3, 88.0, 5, 1, 6000));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            given().get("/api/v1/rollups/provinces/R37/kinds/INDUSTRIAL_CLUSTER").then().statusCode(200);
            given().get("/api/v1/rollups/former-provinces/R35/kinds/INDUSTRIAL_PARK").then().statusCode(200);
        });
        given().get("/api/v1/rollups/provinces/R37/kinds/industrial_cluster").then().statusCode(200)
                .body("scopeKey", equalTo("province-kind:R37:INDUSTRIAL_CLUSTER")).body("kind", equalTo("INDUSTRIAL_CLUSTER"))
                .body("parentCode", equalTo("R37")).body("employment.workers", equalTo(2325))
                .body("occupancy.ratePercent", equalTo(40.5f)).body("projects.capitalByCurrency.USD.fdi", equalTo(50_000_000));
        given().get("/api/v1/rollups/former-provinces/R35/kinds/INDUSTRIAL_PARK").then().statusCode(200)
                .body("employment.workers", equalTo(6000)).body("parentCode", equalTo("R35"));
        given().get("/api/v1/rollups/provinces/R37/kinds/ECONOMIC_ZONE").then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString("province-kind:R37:ECONOMIC_ZONE"));
        given().get("/api/v1/rollups/provinces/R37/kinds/FARM").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("kind"))
                .body("detail", containsString("INDUSTRIAL_CLUSTER"));
        given().get("/api/v1/rollups/provinces?kind=FARM").then().statusCode(400).body("errors[0].field", equalTo("kind"));

        // The list by kind: the park figures of R37 from its byKind (no park snapshot), the clusters' from their own
        given().get("/api/v1/rollups/provinces?kind=INDUSTRIAL_PARK").then().statusCode(200)
                .body("find { it.parentCode == 'R37' }.occupancy.ratePercent", equalTo(91.25f))
                .body("find { it.parentCode == 'R37' }.employment.workers", equalTo(10_000))
                .body("find { it.parentCode == 'R37' }.kindSource", equalTo("byKind"))
                .body("find { it.parentCode == 'R37' }.scopeKey", equalTo("province-kind:R37:INDUSTRIAL_PARK"));
        given().get("/api/v1/rollups/provinces?kind=INDUSTRIAL_CLUSTER").then().statusCode(200)
                .body("find { it.parentCode == 'R37' }.kindSource", equalTo("snapshot"))
                .body("find { it.parentCode == 'R37' }.projects.capitalByCurrency.USD.fdi", equalTo(50_000_000));
        given().get("/api/v1/rollups/provinces?kind=ECONOMIC_ZONE").then().statusCode(200).body("parentCode", not(hasItem("R37")));
        given().get("/api/v1/rollups/former-provinces?kind=INDUSTRIAL_PARK").then().statusCode(200).body("parentCode", hasItem("R35"));
        given().get("/api/v1/rollups/provinces").then().statusCode(200).body("scopeCode", hasItem("R37"));
        // a kind scope has its series like any other
        given().get("/api/v1/rollups/province-kinds/R37:INDUSTRIAL_CLUSTER/series?indicator=workers").then().statusCode(200)
                .body("points[0].value", equalTo(2325));
    }
}
