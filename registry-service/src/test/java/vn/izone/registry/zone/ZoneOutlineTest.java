package vn.izone.registry.zone;

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

/** Issue #7: a zone may carry a GeoJSON outline; the land bank hands it to the map; a broken one is refused naming the field. */
@QuarkusTest
@QuarkusTestResource(RegistryTestServers.class)
class ZoneOutlineTest {
    static final String SQUARE = "{\"type\":\"Polygon\",\"coordinates\":[[[105.95,20.24],[105.99,20.24],[105.99,20.27],[105.95,20.27],[105.95,20.24]]]}";

    static String park(String name, String outline) {
        return Api.PARK.replace("Khu công nghiệp Khánh Phú (test)", name)
                .replace("\"source\":\"test\"", "\"source\":\"test\",\"outline\":" + outline);
    }

    @Test
    void anOutlineIsKeptAndReachesTheLandBank() {
        String zone = Api.zone(park("Khu công nghiệp có ranh giới (test)", SQUARE));
        given().get("/api/v1/zones/" + zone).then().statusCode(200)
                .body("outline.type", equalTo("Polygon"))
                .body("outline.coordinates[0].size()", equalTo(5));
        List<Map<String, Object>> offers = given().get("/api/v1/land-bank?provinceCode=37").then().statusCode(200)
                .extract().jsonPath().getList("$");
        Map<String, Object> offer = offers.stream().filter(o -> zone.equals(o.get("zoneId"))).findFirst().orElseThrow();
        assertEquals("Polygon", ((Map<?, ?>) offer.get("outline")).get("type"));
    }

    @Test
    void aBrokenOutlineIsRefusedNamingTheField() {
        String open = SQUARE.replace(",[105.95,20.24]]]}", "]]}");
        given().contentType(ContentType.JSON).body(park("Ranh giới hở (test)", open)).post("/api/v1/zones").then()
                .statusCode(422).contentType("application/problem+json").body("errors[0].field", equalTo("outline.coordinates"));
        given().contentType(ContentType.JSON).body(park("Ranh giới là điểm (test)", "{\"type\":\"Point\",\"coordinates\":[105.9,20.2]}"))
                .post("/api/v1/zones").then().statusCode(422).body("errors[0].field", equalTo("outline"));
        given().contentType(ContentType.JSON).body(park("Ranh giới ngoài phạm vi (test)", SQUARE.replace("105.99,20.27", "185.99,20.27")))
                .post("/api/v1/zones").then().statusCode(422).body("errors[0].field", equalTo("outline.coordinates"));
    }
}
