package vn.izone.registry.decree;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import vn.izone.registry.support.Api;
import vn.izone.registry.support.RegistryTestServers;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Decree 35/2022/ND-CP park types on the real register: the land-share condition evaluated from the projects' sectors. */
@QuarkusTest
@QuarkusTestResource(RegistryTestServers.class)
class ParkTypesTest {

    static String park(String name, String type) {
        return Api.PARK.replace("Khu công nghiệp Khánh Phú (test)", name).replace("\"provinceCode\":\"37\",\"formerProvinceCode\":\"37\"",
                "\"provinceCode\":\"24\"").replace("\"source\":\"test\"", "\"source\":\"test\",\"parkType\":\"" + type + "\"");
    }

    static void project(String zone, String sector, int leasedHa) {
        Api.project(zone, Api.PROJECT.replace("\"sector\":\"glass\"", "\"sector\":\"" + sector + "\"")
                .replace("\"leasedAreaHa\":15", "\"leasedAreaHa\":" + leasedHa));
    }

    @Test
    void aSpecialisedParkMeetsWithSeventyPercentInOneSectorAndBreachesWithForty() {
        String meets = Api.zone(park("Khu công nghiệp chuyên ngành điện tử (test)", "SPECIALISED"));
        project(meets, "electronics", 14);
        project(meets, "textiles", 6);
        String breaches = Api.zone(park("Khu công nghiệp chuyên ngành chưa đạt (test)", "SPECIALISED"));
        project(breaches, "electronics", 8);
        project(breaches, "textiles", 6);
        project(breaches, "food processing", 6);
        String highTech = Api.zone(park("Khu công nghiệp công nghệ cao (test)", "HIGH_TECH"));
        project(highTech, "high-tech semiconductors", 7);
        project(highTech, "logistics", 13);

        given().get("/api/v1/zones/" + meets).then().statusCode(200).body("parkType", equalTo("SPECIALISED"));
        List<Map<String, Object>> findings = given().get("/api/v1/rules/parks/findings?provinceCode=24").then().statusCode(200)
                .extract().jsonPath().getList("$");
        Map<String, Map<String, Object>> byZone = new java.util.HashMap<>();
        findings.forEach(f -> byZone.put((String) f.get("zoneId"), f));

        assertEquals("MEETS", byZone.get(meets).get("outcome"), byZone.get(meets).toString());
        assertEquals("electronics", byZone.get(meets).get("sector"));
        assertEquals(70.0f, ((Number) byZone.get(meets).get("measuredPercent")).floatValue());
        assertEquals("BREACHES", byZone.get(breaches).get("outcome"), byZone.get(breaches).toString());
        assertEquals(40.0f, ((Number) byZone.get(breaches).get("measuredPercent")).floatValue());
        // high-tech: 7 of 20 leased ha go to a "high-tech" sector, 35% against the 30% required
        assertEquals("MEETS", byZone.get(highTech).get("outcome"), byZone.get(highTech).toString());
        assertEquals(35.0f, ((Number) byZone.get(highTech).get("measuredPercent")).floatValue());
    }

    @Test
    void aParkTypeOnAClusterIsRefusedNamingTheField() {
        given().contentType(ContentType.JSON).body(DecreeAndLandBankTest.cluster("24", "Cụm công nghiệp có loại KCN (test)", 50, 40, 30)
                        .replace("\"source\":\"test\"", "\"source\":\"test\",\"parkType\":\"HIGH_TECH\""))
                .post("/api/v1/zones").then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo("parkType"));
    }
}
