package vn.izone.registry.decree;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import vn.izone.registry.support.Api;
import vn.izone.registry.support.RegistryTestServers;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Decree 32 rules firing on crafted clusters, and the land bank, on the real register. */
@QuarkusTest
@QuarkusTestResource(RegistryTestServers.class)
class DecreeAndLandBankTest {

    static String cluster(String province, String name, double area, double land, double leased) {
        return """
                {"kind":"INDUSTRIAL_CLUSTER","name":"%s","provinceCode":"%s","status":"IN_OPERATION",
                 "plannedAreaHa":%s,"establishedAreaHa":%s,"industrialLandHa":%s,"leasedAreaHa":%s,
                 "validOn":"2025-09-30","source":"test"}""".formatted(name, province, area, area, land, leased);
    }

    @Test
    void anOversizedClusterIsRefusedNamingTheRuleAndACompliantOneIsAccepted() {
        given().contentType(ContentType.JSON).body(cluster("14", "Cụm công nghiệp quá rộng", 80, 60, 10))
                .post("/api/v1/zones").then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo("establishedAreaHa"))
                .body("errors[0].message", containsString("D32-AREA"));
        given().contentType(ContentType.JSON).body(cluster("14", "Cụm công nghiệp vừa", 50, 40, 30))
                .post("/api/v1/zones").then().statusCode(201);
    }

    @Test
    void expansionBelowSixtyPercentIsRefusedAndAboveIsAllowed() {
        String low = Api.zone(cluster("11", "Cụm công nghiệp lấp đầy thấp", 40, 30, 12));   // 40 %
        given().contentType(ContentType.JSON).body("{\"status\":\"EXPANDED\"}")
                .post("/api/v1/zones/" + low + "/status").then().statusCode(422)
                .body("errors[0].message", containsString("D32-EXPANSION"));
        String high = Api.zone(cluster("11", "Cụm công nghiệp lấp đầy cao", 40, 30, 21));  // 70 %
        given().contentType(ContentType.JSON).body("{\"status\":\"EXPANDED\"}")
                .post("/api/v1/zones/" + high + "/status").then().statusCode(200);
    }

    @Test
    void aNewClusterWhereExistingOnesAreEmptyIsWarnedAbout() {
        // Lai Châu: existing clusters 20 % full with 112 ha unleased → a new one gets a warning, not a refusal
        Api.zone(cluster("12", "Cụm công nghiệp A (trống)", 75, 70, 14));
        Api.zone(cluster("12", "Cụm công nghiệp B (trống)", 75, 70, 14));
        String warning = given().contentType(ContentType.JSON).body(cluster("12", "Cụm công nghiệp C (mới)", 30, 20, 0))
                .post("/api/v1/zones").then().statusCode(201).extract().header("Izone-Rule-Warnings");
        assertEquals("D32-NEW-CLUSTER", warning.substring(0, warning.indexOf(';')));
        // Điện Biên's clusters are full: no warning for a new one
        Api.zone(cluster("11", "Cụm công nghiệp đầy", 60, 50, 45));
        given().contentType(ContentType.JSON).body(cluster("11", "Cụm công nghiệp mới ở Điện Biên", 30, 20, 0))
                .post("/api/v1/zones").then().statusCode(201).header("Izone-Rule-Warnings", nullValue());
        given().get("/api/v1/rules/clusters/findings?provinceCode=12&breached=true").then().statusCode(200)
                .body("ruleId", hasItem("D32-NEW-CLUSTER"));
    }

    @Test
    void landBankListsZonesWithFreeLandLargestFirst() {
        String park = """
                {"kind":"INDUSTRIAL_PARK","name":"%s","provinceCode":"04","status":"IN_OPERATION","plannedAreaHa":300,
                 "establishedAreaHa":300,"industrialLandHa":%s,"leasedAreaHa":%s,"infrastructureInvestor":"Công ty hạ tầng %s",
                 "wastewater":{"centralised":%s,"meetsStandard":%s},"validOn":"2025-09-30","source":"test"}""";
        Api.zone(park.formatted("KCN Cao Bằng 1", 200, 190, "1", true, true));     // 10 ha free
        Api.zone(park.formatted("KCN Cao Bằng 2", 200, 170, "2", true, false));    // 30 ha free, wastewater below standard
        Api.zone(park.formatted("KCN Cao Bằng 3", 200, 200, "3", true, true));     // full
        List<String> names = given().get("/api/v1/land-bank?provinceCode=04").then().statusCode(200)
                .extract().jsonPath().getList("name");
        assertEquals(List.of("KCN Cao Bằng 2", "KCN Cao Bằng 1"), names);
        given().get("/api/v1/land-bank?provinceCode=04&wastewater=true").then()
                .body("name", equalTo(List.of("KCN Cao Bằng 1")))
                .body("[0].freeHa", equalTo(10.0f))
                .body("[0].infrastructureInvestor", equalTo("Công ty hạ tầng 1"));
        given().get("/api/v1/land-bank?provinceCode=04&minFreeHa=20").then().body("name", equalTo(List.of("KCN Cao Bằng 2")));
    }
}
