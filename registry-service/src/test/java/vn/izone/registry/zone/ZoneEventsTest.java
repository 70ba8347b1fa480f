package vn.izone.registry.zone;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import vn.izone.registry.events.Topics;
import vn.izone.registry.support.RegistryTestServers;
import vn.izone.registry.support.TopicReader;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@QuarkusTestResource(RegistryTestServers.class)
class ZoneEventsTest {

    static final String PARK = """
            {"kind":"INDUSTRIAL_PARK","name":"Khu công nghiệp Đồng Văn I","provinceCode":"37","formerProvinceCode":"35",
             "status":"IN_OPERATION","statusDate":"2008-01-01","plannedAreaHa":320,"establishedAreaHa":320,
             "industrialLandHa":230,"leasedAreaHa":225,"validOn":"2024-12-31","source":"test"}""";

    @Test
    void registeringAZoneAndMovingItPublishesOrderedEventsKeyedByZone() {
        String id = given().contentType(ContentType.JSON).header("X-Izone-Actor", "dept:37:officer")
                .body(PARK).post("/api/v1/zones")
                .then().statusCode(201).header("ETag", "\"1\"")
                .body("name", equalTo("Khu công nghiệp Đồng Văn I"))
                .body("provinceName", equalTo("Ninh Bình"))
                .body("formerProvinceName", equalTo("Hà Nam"))
                .extract().path("id");
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body("{\"status\":\"EXPANDED\",\"statusDate\":\"2024-06-01\"}")
                .post("/api/v1/zones/" + id + "/status")
                .then().statusCode(200).header("ETag", "\"2\"");

        List<ConsumerRecord<String, String>> events = TopicReader.read(Topics.ZONES, TopicReader.aggregate(id), 2, Duration.ofSeconds(60));
        assertEquals(2, events.size());
        assertEquals(id, events.get(0).key());
        assertEquals(List.of(1L, 2L), events.stream().map(e -> TopicReader.json(e).path("aggregateVersion").asLong()).toList());
        assertEquals(List.of("zone.registered", "zone.status-changed"),
                events.stream().map(e -> TopicReader.json(e).path("eventType").asText()).toList());
        assertEquals("vn.izone.zone.registered.v1",
                new String(events.get(0).headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8));
        assertEquals("dept:37:officer", TopicReader.json(events.get(0)).path("actor").asText());
        assertEquals("Khu công nghiệp Đồng Văn I", TopicReader.json(events.get(0)).path("data").path("name").asText());
    }

    @Test
    void illegalMoveIsRefusedAndPublishesNothing() {
        String planned = PARK.replace("\"IN_OPERATION\"", "\"PLANNED\"").replace("Đồng Văn I", "Đồng Văn IV");
        String id = given().contentType(ContentType.JSON).body(planned).post("/api/v1/zones")
                .then().statusCode(201).extract().path("id");
        given().contentType(ContentType.JSON).body("{\"status\":\"IN_OPERATION\"}")
                .post("/api/v1/zones/" + id + "/status")
                .then().statusCode(409).contentType("application/problem+json")
                .body("errors[0].field", equalTo("status"));
        given().get("/api/v1/zones/" + id + "/history").then().statusCode(200).body("size()", equalTo(1));
    }

    @Test
    void leasedAboveLandForLeaseIsRefusedNamingTheField() {
        given().contentType(ContentType.JSON).body(PARK.replace("\"leasedAreaHa\":225", "\"leasedAreaHa\":231"))
                .post("/api/v1/zones")
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo("leasedAreaHa"));
    }
}
