package vn.izone.registry.security;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import vn.izone.registry.support.Api;
import vn.izone.registry.support.RegistryTestServers;
import vn.izone.registry.support.Rows;
import vn.izone.registry.support.TestTokens;

import javax.sql.DataSource;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Roles from bearer tokens: departments write their own province only, boards and integrators only read. */
@QuarkusTest
@TestProfile(WriteAccessTest.Enforced.class)
@QuarkusTestResource(RegistryTestServers.class)
class WriteAccessTest {
    /** The only test profile: the default one leaves write checks off so other tests need no tokens. */
    public static class Enforced implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("izone.auth.enforce", "true");
        }
    }

    @Inject
    DataSource db;

    static RequestSpecification as(String token) {
        return given().contentType(ContentType.JSON).auth().oauth2(token);
    }

    @Test
    void aDepartmentWritesItsOwnProvinceOnly() {
        String zone = as(TestTokens.department("37")).body(Api.PARK).post("/api/v1/zones")
                .then().statusCode(201).extract().path("id");
        given().get("/api/v1/zones/" + zone + "/history").then().body("[0].actor", equalTo("officer@dept-37"));
        as(TestTokens.department("37")).body(Api.NINE_MONTHS_2025).post("/api/v1/zones/" + zone + "/reports").then().statusCode(201);

        String before = Rows.snapshot(db);
        as(TestTokens.department("25")).body(Api.PARK).post("/api/v1/zones")
                .then().statusCode(403).contentType("application/problem+json").body("errors[0].field", equalTo("provinceCode"));
        as(TestTokens.department("25")).header("If-Match", "\"1\"").body(Api.PARK.replace("\"test\"", "\"x\""))
                .put("/api/v1/zones/" + zone).then().statusCode(403).body("errors[0].field", equalTo("provinceCode"));
        as(TestTokens.department("25")).header("If-Match", "\"1\"").body("{\"status\":\"EXPANDED\"}")
                .post("/api/v1/zones/" + zone + "/status").then().statusCode(403);
        as(TestTokens.department("25")).body(Api.PROJECT).post("/api/v1/zones/" + zone + "/projects")
                .then().statusCode(403).body("errors[0].field", equalTo("zoneId"));
        as(TestTokens.department("25")).body(Api.NINE_MONTHS_2025.replace("2025", "2024"))
                .post("/api/v1/zones/" + zone + "/reports").then().statusCode(403);
        // Batches are authorised like single writes.
        as(TestTokens.department("25")).body("{\"items\":[" + Api.PROJECT + "]}").post("/api/v1/zones/" + zone + "/projects/batch")
                .then().statusCode(403).body("errors[0].field", equalTo("zoneId"));
        as(TestTokens.department("25")).body("{\"items\":[" + Api.NINE_MONTHS_2025.replace("2025", "2024") + "]}")
                .post("/api/v1/zones/" + zone + "/reports/batch").then().statusCode(403);
        // Its own zone cannot be moved into another province either.
        as(TestTokens.department("37")).header("If-Match", "\"1\"")
                .body(Api.PARK.replace("\"provinceCode\":\"37\"", "\"provinceCode\":\"25\"").replace("\"formerProvinceCode\":\"37\",", ""))
                .put("/api/v1/zones/" + zone).then().statusCode(403).body("errors[0].field", equalTo("provinceCode"));
        assertEquals(before, Rows.snapshot(db));

        as(TestTokens.registrar()).body(Api.PARK.replace("\"provinceCode\":\"37\"", "\"provinceCode\":\"25\"")
                .replace("\"formerProvinceCode\":\"37\",", "")).post("/api/v1/zones").then().statusCode(201);
    }

    /**
     * Declared figures (issue #16): a department declares its own province's (and its former provinces') figures,
     * the register office the country's; nothing refused is kept or published.
     */
    @Test
    void figuresAreDeclaredByTheirProvinceAndTheCountrysByTheRegistrar() {
        String province = """
                {"scopeType":"FORMER_PROVINCE","scopeCode":"36","figure":"OPERATING_CLUSTERS","kind":"INDUSTRIAL_CLUSTER",
                 "indicator":"zones.operating","value":21,"unit":"count","validOn":"2025-12-31","source":"access test"}""";
        String national = """
                {"scopeType":"NATIONAL","scopeCode":"VN","figure":"OPERATING_PARKS","kind":"INDUSTRIAL_PARK",
                 "indicator":"zones.operating","value":300,"unit":"count","validOn":"2025-12-31","source":"access test"}""";
        as(TestTokens.department("37")).body(province).post("/api/v1/figures").then().statusCode(201)
                .body("actor", equalTo("officer@dept-37"));
        String before = Rows.snapshot(db) + " figures=" + Rows.count(db, "declared_figure");
        as(TestTokens.department("25")).body(province).post("/api/v1/figures").then().statusCode(403)
                .contentType("application/problem+json").body("errors[0].field", equalTo("scopeCode"));
        as(TestTokens.department("37")).body(national).post("/api/v1/figures").then().statusCode(403)
                .contentType("application/problem+json").body("errors[0].field", equalTo("scopeType"));
        as(TestTokens.board()).body(province).post("/api/v1/figures").then().statusCode(403);
        given().contentType(ContentType.JSON).body(province).post("/api/v1/figures").then().statusCode(401);
        assertEquals(before, Rows.snapshot(db) + " figures=" + Rows.count(db, "declared_figure"));
        as(TestTokens.registrar()).body(national).post("/api/v1/figures").then().statusCode(201).body("scopeKey", equalTo("national:VN"));
    }

    @Test
    void boardsAndIntegratorsOnlyReadAndAnonymousCallersCannotWrite() {
        String zone = as(TestTokens.registrar()).body(Api.PARK).post("/api/v1/zones").then().statusCode(201).extract().path("id");
        String before = Rows.snapshot(db);
        for (String token : new String[]{TestTokens.board(), TestTokens.integrator()}) {
            as(token).body(Api.PARK).post("/api/v1/zones")
                    .then().statusCode(403).contentType("application/problem+json").body("errors[0].field", equalTo("Authorization"));
            as(token).body(Api.NINE_MONTHS_2025).post("/api/v1/zones/" + zone + "/reports").then().statusCode(403);
            as(token).body("{\"items\":[" + Api.PROJECT + "]}").post("/api/v1/zones/" + zone + "/projects/batch")
                    .then().statusCode(403).body("errors[0].field", equalTo("Authorization"));
            as(token).contentType("text/csv; charset=UTF-8").body("kind,name\n").post("/api/v1/zones/import").then().statusCode(403);
            as(token).get("/api/v1/zones/" + zone).then().statusCode(200);
            as(token).get("/api/v1/zones/" + zone + "/reports").then().statusCode(200);
        }
        given().contentType(ContentType.JSON).body(Api.PARK).post("/api/v1/zones")
                .then().statusCode(401).contentType("application/problem+json").body("errors[0].field", equalTo("Authorization"));
        as(TestTokens.foreign()).body(Api.PARK).post("/api/v1/zones").then().statusCode(401);
        assertEquals(before, Rows.snapshot(db));
        given().get("/api/v1/zones/" + zone).then().statusCode(200);
        given().get("/events/asyncapi.yaml").then().statusCode(200);
    }
}
