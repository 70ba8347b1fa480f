package vn.izone.registry.rules;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.izone.registry.events.Topics;
import vn.izone.registry.support.Api;
import vn.izone.registry.support.FailAfterOutbox;
import vn.izone.registry.support.RegistryTestServers;
import vn.izone.registry.support.Rows;
import vn.izone.registry.support.TopicReader;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The register's rules: lifecycle, validation, concurrent edits, idempotent retries and outbox atomicity. */
@QuarkusTest
@QuarkusTestResource(RegistryTestServers.class)
class RegisterRulesTest {
    @Inject
    DataSource db;

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource({
            // legal: forward, possibly skipping steps the province did not record
            "PLANNED, LAND_TARGET_ALLOCATED, 200",
            "PLANNED, ESTABLISHED, 200",
            "LAND_TARGET_ALLOCATED, ESTABLISHED, 200",
            "ESTABLISHED, INVESTMENT_APPROVED, 200",
            "INVESTMENT_APPROVED, DETAILED_PLANNING_APPROVED, 200",
            "DETAILED_PLANNING_APPROVED, UNDER_CONSTRUCTION, 200",
            "UNDER_CONSTRUCTION, IN_OPERATION, 200",
            "ESTABLISHED, IN_OPERATION, 200",
            "IN_OPERATION, EXPANDED, 200",
            "EXPANDED, EXPANDED, 200",
            "PLANNED, REMOVED_FROM_PLANNING, 200",
            "IN_OPERATION, REMOVED_FROM_PLANNING, 200",
            // illegal: building or operating before establishment
            "PLANNED, INVESTMENT_APPROVED, 409",
            "PLANNED, IN_OPERATION, 409",
            "LAND_TARGET_ALLOCATED, UNDER_CONSTRUCTION, 409",
            // illegal: going back, standing still
            "IN_OPERATION, ESTABLISHED, 409",
            "ESTABLISHED, PLANNED, 409",
            "IN_OPERATION, IN_OPERATION, 409",
            // illegal: expanding what does not operate
            "UNDER_CONSTRUCTION, EXPANDED, 409",
            "ESTABLISHED, EXPANDED, 409",
            // illegal: anything after removal
            "REMOVED_FROM_PLANNING, PLANNED, 409",
            "REMOVED_FROM_PLANNING, IN_OPERATION, 409",
            "REMOVED_FROM_PLANNING, REMOVED_FROM_PLANNING, 409"})
    void lifecycleMoves(String from, String to, int expected) {
        String id = Api.zone(Api.PARK.replace("\"IN_OPERATION\"", "\"" + from + "\""));
        String before = Rows.snapshot(db);
        ValidatableResponse response = given().contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body("{\"status\":\"" + to + "\",\"statusDate\":\"2025-06-01\"}")
                .post("/api/v1/zones/" + id + "/status").then().statusCode(expected);
        if (expected == 200) {
            response.header("ETag", "\"2\"").body("status", equalTo(to));
            given().get("/api/v1/zones/" + id + "/history").then().body("size()", equalTo(2))
                    .body("[1].eventType", equalTo("zone.status-changed"));
        } else {
            response.contentType("application/problem+json").body("errors.field", hasItem("status"));
            assertEquals(before, Rows.snapshot(db));
            given().get("/api/v1/zones/" + id).then().body("status", equalTo(from)).header("ETag", "\"1\"");
        }
    }

    @Test
    void invalidChangesAreRefusedNamingTheFieldAndWriteNothing() {
        String zone = Api.zone(Api.PARK);
        String project = Api.project(zone, Api.PROJECT);
        String zones = "/api/v1/zones";
        String projects = zones + "/" + zone + "/projects";

        refused(zones, Api.PARK.replace("\"leasedAreaHa\":232", "\"leasedAreaHa\":251"), "leasedAreaHa");
        refused(zones, Api.PARK.replace("\"provinceCode\":\"37\"", "\"provinceCode\":\"99\""), "provinceCode");
        refused(zones, Api.PARK.replace("\"provinceCode\":\"37\"", "\"provinceCode\":\"25\""), "formerProvinceCode");
        refused(zones, Api.PARK.replace("\"formerProvinceCode\":\"37\"", "\"formerProvinceCode\":\"35\"")
                .replace("\"provinceCode\":\"37\"", "\"provinceCode\":\"22\""), "formerProvinceCode");
        refused(zones, Api.PARK.replace("{", "{\"phases\":[{\"name\":\"Giai đoạn 1\",\"areaHa\":300},{\"name\":\"Giai đoạn 2\",\"areaHa\":100}],"), "phases");
        refused(zones, Api.PARK.replace("{", "{\"phases\":[{\"name\":\"Giai đoạn 1\",\"areaHa\":-1}],"), "phases[0].areaHa");
        refused(zones, Api.PARK.replace("{", "{\"wastewater\":{\"centralised\":false,\"meetsStandard\":true},"), "wastewater.meetsStandard");
        refused(zones, Api.PARK.replace("{", "{\"targets\":[{\"indicator\":\"OCCUPANCY\",\"percent\":120,\"due\":\"YEAR_THREE\"}],"), "targets[0].percent");
        refused(zones, Api.PARK.replace("{", "{\"infrastructureInvestmentVnd\":{\"localBudget\":-5},"), "infrastructureInvestmentVnd.localBudget");

        refused(projects, Api.PROJECT.replace("\"leasedAreaHa\":15", "\"leasedAreaHa\":240"), "leasedAreaHa");
        refused(projects, Api.PROJECT.replace("\"workers\":620", "\"workers\":-3"), "workers");
        refused(projects, Api.PROJECT.replace(",\"currency\":\"USD\"", ""), "registeredCapital.currency");
        refused(projects, Api.PROJECT.replace("\"currency\":\"USD\"", "\"currency\":\"EUR\""), "registeredCapital.currency");
        refused(projects, Api.PROJECT.replace("\"investorCountry\":\"JP\",", ""), "investorCountry");

        String before = Rows.snapshot(db);
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body(Api.PROJECT.replace("\"OPERATING\"", "\"REVOKED\"")).put("/api/v1/projects/" + project)
                .then().statusCode(422).contentType("application/problem+json").body("errors.field", hasItem("statusReason"));
        assertEquals(before, Rows.snapshot(db));
    }

    private void refused(String path, String body, String field) {
        String before = Rows.snapshot(db);
        given().contentType(ContentType.JSON).body(body).post(path)
                .then().statusCode(422).contentType("application/problem+json").body("errors.field", hasItem(field));
        assertEquals(before, Rows.snapshot(db), "a refused change wrote something (" + field + ")");
    }

    @Test
    void concurrentEditsAreDetected() {
        String zone = Api.zone(Api.PARK);
        String project = Api.project(zone, Api.PROJECT);
        String corrected = Api.PARK.replace("\"source\":\"test\"", "\"source\":\"corrected\"");
        String before = Rows.snapshot(db);
        given().contentType(ContentType.JSON).body(corrected).put("/api/v1/zones/" + zone)
                .then().statusCode(428).contentType("application/problem+json").body("errors[0].field", equalTo("If-Match"));
        given().contentType(ContentType.JSON).body(Api.PROJECT).put("/api/v1/projects/" + project)
                .then().statusCode(428).body("errors[0].field", equalTo("If-Match"));
        assertEquals(before, Rows.snapshot(db));

        // Two officers read revision 1; the first one's correction wins, the second one's is refused.
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body(corrected).put("/api/v1/zones/" + zone)
                .then().statusCode(200).header("ETag", "\"2\"");
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body(Api.PROJECT).put("/api/v1/projects/" + project)
                .then().statusCode(200).header("ETag", "\"2\"");
        before = Rows.snapshot(db);
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body(Api.PARK).put("/api/v1/zones/" + zone)
                .then().statusCode(412).contentType("application/problem+json").body("errors[0].field", equalTo("If-Match"));
        given().contentType(ContentType.JSON).header("If-Match", "W/\"1\"").body(Api.PROJECT).put("/api/v1/projects/" + project)
                .then().statusCode(412).body("errors[0].field", equalTo("If-Match"));
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body("{\"status\":\"EXPANDED\"}")
                .post("/api/v1/zones/" + zone + "/status").then().statusCode(412);
        assertEquals(before, Rows.snapshot(db));
        given().get("/api/v1/zones/" + zone).then().body("source", equalTo("corrected")).header("ETag", "\"2\"");
    }

    @Test
    void aRetriedRequestWithTheSameIdempotencyKeyCreatesOneZoneAndOneEvent() {
        String name = "Khu công nghiệp idempotent " + UUID.randomUUID();
        String body = Api.PARK.replace("Khu công nghiệp Khánh Phú (test)", name);
        String key = UUID.randomUUID().toString();
        String first = given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/api/v1/zones").then().statusCode(201).extract().path("id");
        String second = given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/api/v1/zones").then().statusCode(201).header("ETag", "\"1\"").extract().path("id");
        assertEquals(first, second);
        assertEquals(1, Rows.count(db, "zone", "name = '" + name + "'"));
        assertEquals(1, Rows.count(db, "outbox_event", "aggregate_id = '" + first + "'"));
        assertEquals(1, TopicReader.read(Topics.ZONES, TopicReader.aggregate(first), 2, Duration.ofSeconds(5)).size());

        // The same key for another body is a client error, not a silent replay.
        String before = Rows.snapshot(db);
        given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body.replace("\"source\":\"test\"", "\"source\":\"x\""))
                .post("/api/v1/zones").then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo("Idempotency-Key"));
        assertEquals(before, Rows.snapshot(db));

        // Reports and projects too.
        String reportKey = UUID.randomUUID().toString();
        String r1 = given().contentType(ContentType.JSON).header("Idempotency-Key", reportKey).body(Api.NINE_MONTHS_2025)
                .post("/api/v1/zones/" + first + "/reports").then().statusCode(201).extract().path("id");
        String r2 = given().contentType(ContentType.JSON).header("Idempotency-Key", reportKey).body(Api.NINE_MONTHS_2025)
                .post("/api/v1/zones/" + first + "/reports").then().statusCode(201).extract().path("id");
        assertEquals(r1, r2);
        assertEquals(1, Rows.count(db, "outbox_event", "aggregate_id = '" + r1 + "'"));
    }

    @Test
    void aChangeThatFailsAfterItsOutboxWriteEmitsNothing() {
        String name = "Khu công nghiệp atomic " + UUID.randomUUID();
        String before = Rows.snapshot(db);
        given().contentType(ContentType.JSON).header("X-Izone-Actor", FailAfterOutbox.ACTOR)
                .body(Api.PARK.replace("Khu công nghiệp Khánh Phú (test)", name))
                .post("/api/v1/zones").then().statusCode(500);
        assertEquals(before, Rows.snapshot(db));
        assertEquals(0, Rows.count(db, "outbox_event", "payload LIKE '%" + name + "%'"));

        String zone = Api.zone(Api.PARK);
        before = Rows.snapshot(db);
        given().contentType(ContentType.JSON).header("X-Izone-Actor", FailAfterOutbox.ACTOR).body(Api.NINE_MONTHS_2025)
                .post("/api/v1/zones/" + zone + "/reports").then().statusCode(500);
        given().contentType(ContentType.JSON).header("X-Izone-Actor", FailAfterOutbox.ACTOR).header("If-Match", "\"1\"")
                .body(Api.PARK.replace("\"source\":\"test\"", "\"source\":\"lost\"")).put("/api/v1/zones/" + zone)
                .then().statusCode(500);
        assertEquals(before, Rows.snapshot(db));
        given().get("/api/v1/zones/" + zone).then().body("source", equalTo("test")).header("ETag", "\"1\"");

        // What did go out for that zone is its registration only.
        assertTrue(TopicReader.read(Topics.ZONES, r -> TopicReader.json(r).path("data").path("name").asText().equals(name), 1,
                Duration.ofSeconds(3)).isEmpty());
        assertEquals(1, TopicReader.read(Topics.ZONES, TopicReader.aggregate(zone), 2, Duration.ofSeconds(5)).size());
    }
}
