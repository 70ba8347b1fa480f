package vn.izone.reporting.api;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import vn.izone.reporting.ReportingTestServers;
import vn.izone.reporting.ogc.RegistryZones;
import vn.izone.reporting.support.RegistryStub;
import vn.izone.reporting.support.Snapshots;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** OGC API - Features over the register's zones, checked by parsing the answers as a client would. */
@QuarkusTest
@QuarkusTestResource(ReportingTestServers.class)
@QuarkusTestResource(RegistryStub.class)
class OgcFeaturesTest {
    @Inject
    RegistryZones zones;

    static String zone(String id, String name, String kind, String province, Double lat, Double lon, String outline) {
        return """
                {"id":"%s","revision":1,"kind":"%s","name":"%s","provinceCode":"%s","provinceName":"Ninh Bình","status":"IN_OPERATION",
                 "latitude":%s,"longitude":%s,"industrialLandHa":200.0,"outline":%s}""".formatted(id, kind, name, province, lat, lon, outline);
    }

    @Test
    void zonesAreGeoJsonFeaturesWithBboxLimitAndNextLinks() {
        String point = UUID.randomUUID().toString(), polygon = UUID.randomUUID().toString(), south = UUID.randomUUID().toString(),
                nowhere = UUID.randomUUID().toString();
        RegistryStub.ZONE_LIST.clear();
        RegistryStub.ZONE_LIST.addAll(List.of(
                zone(point, "A Khu công nghiệp Gián Khẩu", "INDUSTRIAL_PARK", "37", 20.30, 105.92, null),
                zone(polygon, "B Cụm công nghiệp Kim Bảng", "INDUSTRIAL_CLUSTER", "37", null, null,
                        "{\"type\":\"Polygon\",\"coordinates\":[[[105.80,20.50],[105.90,20.50],[105.90,20.60],[105.80,20.60],[105.80,20.50]]]}"),
                zone(south, "C Khu công nghiệp Tân Thuận", "INDUSTRIAL_PARK", "79", 10.76, 106.73, null),
                zone(nowhere, "D Cụm công nghiệp chưa có toạ độ", "INDUSTRIAL_CLUSTER", "37", null, null, null)));
        Snapshots.publish(Snapshots.of("ZONE", point, "A Khu công nghiệp Gián Khẩu", Instant.now(), 97.83, 9000, "\"provinceCode\":\"37\""));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/api/v1/rollups/zones/" + point).then().statusCode(200));

        JsonPath landing = given().get("/ogc").then().statusCode(200).extract().jsonPath();
        assertTrue(landing.getList("links.rel").containsAll(List.of("self", "conformance", "data", "service-desc")));
        given().get(path(landing.getString("links.find { it.rel == 'conformance' }.href"))).then().statusCode(200)
                .body("conformsTo", hasItems("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
                        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson"));
        JsonPath collections = given().get("/ogc/collections").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("zones"), collections.getList("collections.id"));
        String items = collections.getString("collections[0].links.find { it.rel == 'items' }.href");
        given().get("/ogc/collections/zones").then().statusCode(200).body("itemType", equalTo("feature"))
                .body("extent.spatial.bbox[0]", hasItem(100.8f));

        // All four, the one without coordinates with a null geometry
        JsonPath all = given().get(path(items)).then().statusCode(200).contentType("application/geo+json").extract().jsonPath();
        assertEquals("FeatureCollection", all.getString("type"));
        assertEquals(4, all.getInt("numberMatched"));
        assertEquals(4, all.getInt("numberReturned"));
        assertEquals("Point", all.getString("features.find { it.id == '" + point + "' }.geometry.type"));
        assertEquals(List.of(105.92f, 20.3f), all.getList("features.find { it.id == '" + point + "' }.geometry.coordinates"), "lon, lat");
        assertEquals("Polygon", all.getString("features.find { it.id == '" + polygon + "' }.geometry.type"));
        assertEquals((Object) null, all.<Object>get("features.find { it.id == '" + nowhere + "' }.geometry"));
        assertTrue(all.getMap("features.find { it.id == '" + nowhere + "' }").containsKey("geometry"), "geometry is there, as null");
        assertEquals("INDUSTRIAL_CLUSTER", all.getString("features.find { it.id == '" + polygon + "' }.properties.kind"));
        assertEquals(97.83f, all.getFloat("features.find { it.id == '" + point + "' }.properties.figures.occupancyPercent"), "figures from the snapshot");
        assertTrue(all.getList("links.rel").contains("self") && !all.getList("links.rel").contains("next"));

        // bbox over Ninh Bình / Hà Nam: the point and the polygon, not Hồ Chí Minh City nor the zone without coordinates
        JsonPath north = given().get("/ogc/collections/zones/items?bbox=105.5,20.0,106.5,21.0").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(point, polygon), north.getList("features.id"));
        JsonPath edge = given().get("/ogc/collections/zones/items?bbox=105.85,20.55,105.86,20.56").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(polygon), edge.getList("features.id"), "a bbox inside the outline touches it");

        // limit and next links, followed to the end
        JsonPath first = given().get("/ogc/collections/zones/items?limit=3").then().statusCode(200).extract().jsonPath();
        assertEquals(3, first.getInt("numberReturned"));
        assertEquals(4, first.getInt("numberMatched"));
        String next = first.getString("links.find { it.rel == 'next' }.href");
        JsonPath second = given().get(path(next)).then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(nowhere), second.getList("features.id"));
        assertTrue(!second.getList("links.rel").contains("next") && second.getList("links.rel").contains("prev"));
        JsonPath kinds = given().get("/ogc/collections/zones/items?kind=INDUSTRIAL_PARK&limit=1").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(point), kinds.getList("features.id"));
        assertTrue(kinds.getString("links.find { it.rel == 'next' }.href").contains("kind=INDUSTRIAL_PARK"), "filters stay in the next link");

        given().get("/ogc/collections/zones/items/" + polygon).then().statusCode(200).contentType("application/geo+json")
                .body("type", equalTo("Feature")).body("properties.name", equalTo("B Cụm công nghiệp Kim Bảng"));
        given().get("/ogc/collections/zones/items/" + UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
        given().get("/ogc/collections/galaxies/items").then().statusCode(404);
        for (Map.Entry<String, String> bad : Map.of("bbox", "1,2,3", "limit", "0", "offset", "-1").entrySet()) {
            given().get("/ogc/collections/zones/items?" + bad.getKey() + "=" + bad.getValue()).then().statusCode(400)
                    .contentType("application/problem+json").body("errors[0].field", equalTo(bad.getKey()));
        }
        given().get("/ogc/collections/zones/items?bbox=106,21,105,20").then().statusCode(400).body("errors[0].field", equalTo("bbox"));
    }

    @Test
    void aRegistryThatFailsIs503WithRetryAfter() {
        zones.forget();
        RegistryStub.zoneListStatus = 503;
        try {
            given().get("/ogc/collections/zones/items").then().statusCode(503).contentType("application/problem+json")
                    .header("Retry-After", "30").body("type", equalTo("https://izone.vn/problems/registry-unavailable"))
                    .body("detail", containsString("registry-service is not answering"));
        } finally {
            RegistryStub.zoneListStatus = 200;
            CircuitBreakerMaintenance.get().resetAll();
        }
        given().get("/ogc/collections/zones/items").then().statusCode(200);
        zones.forget(); // the list just read is kept 30 s: other tests set their own
    }

    /** A link as the server wrote it (absolute), asked as a path on the test server. */
    static String path(String href) {
        URI u = URI.create(href);
        return u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
    }
}
