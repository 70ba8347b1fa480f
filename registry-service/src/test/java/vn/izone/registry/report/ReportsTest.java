package vn.izone.registry.report;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import vn.izone.registry.events.Topics;
import vn.izone.registry.support.Api;
import vn.izone.registry.support.RegistryTestServers;
import vn.izone.registry.support.Rows;
import vn.izone.registry.support.TopicReader;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@QuarkusTestResource(RegistryTestServers.class)
class ReportsTest {
    @Inject
    DataSource db;

    @Test
    void aCorrectionKeepsEveryVersionInTheHistoryAndOnTheTopic() {
        String zone = Api.zone(Api.PARK);
        String base = "/api/v1/zones/" + zone + "/reports";
        String id = given().contentType(ContentType.JSON).header("X-Izone-Actor", "board:37")
                .body(Api.NINE_MONTHS_2025).post(base)
                .then().statusCode(201).header("ETag", "\"1\"").header("Location", org.hamcrest.Matchers.containsString(base + "/"))
                .body("zoneId", equalTo(zone)).body("projectId", nullValue())
                .body("periodStart", equalTo("2025-01-01")).body("periodEnd", equalTo("2025-09-30"))
                .body("number", nullValue()).body("workers", equalTo(9500))
                .extract().path("id");
        given().get(base + "/" + id).then().statusCode(200).header("ETag", "\"1\"").body("revision", equalTo(1));
        given().get(base + "?year=2025&periodKind=NINE_MONTHS").then().statusCode(200).body("id", hasItem(id));
        given().get(base + "?year=2024").then().statusCode(200).body("size()", equalTo(0));

        given().contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body(Api.NINE_MONTHS_2025.replace("\"workers\":9500", "\"workers\":9600"))
                .put(base + "/" + id)
                .then().statusCode(200).header("ETag", "\"2\"").body("workers", equalTo(9600)).body("revision", equalTo(2));

        given().get(base + "/" + id + "/history").then().statusCode(200)
                .body("size()", equalTo(2))
                .body("[0].eventType", equalTo("report.submitted")).body("[0].data.workers", equalTo(9500))
                .body("[1].eventType", equalTo("report.corrected")).body("[1].data.workers", equalTo(9600));

        List<ConsumerRecord<String, String>> events = TopicReader.read(Topics.REPORTS, TopicReader.aggregate(id), 2, Duration.ofSeconds(60));
        assertEquals(2, events.size());
        assertEquals(zone, events.get(0).key());
        assertEquals("report", TopicReader.json(events.get(0)).path("aggregateType").asText());
        assertEquals(List.of(1L, 2L), events.stream().map(e -> TopicReader.json(e).path("aggregateVersion").asLong()).toList());
        assertEquals("vn.izone.report.corrected.v1", new String(events.get(1).headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8));
        assertEquals("NINE_MONTHS", TopicReader.json(events.get(1)).path("data").path("periodKind").asText());
        assertEquals(zone, TopicReader.json(events.get(1)).path("data").path("zoneId").asText());
    }

    @Test
    void anOverlappingPeriodOfTheSameKindIsRefusedNamingPeriodAndWritesNothing() {
        String zone = Api.zone(Api.PARK);
        String base = "/api/v1/zones/" + zone + "/reports";
        Api.report(zone, Api.NINE_MONTHS_2025);
        String before = Rows.snapshot(db);
        given().contentType(ContentType.JSON).body(Api.NINE_MONTHS_2025.replace("9500", "1")).post(base)
                .then().statusCode(422).contentType("application/problem+json").body("errors[0].field", equalTo("period"));
        assertEquals(before, Rows.snapshot(db));

        // Another kind over the same months, and the same period for one project, are other reports.
        String quarter = Api.NINE_MONTHS_2025.replace("\"NINE_MONTHS\"", "\"QUARTER\",\"number\":3");
        Api.report(zone, quarter);
        String project = Api.project(zone, Api.PROJECT);
        Api.report(zone, Api.NINE_MONTHS_2025.replace("{", "{\"projectId\":\"" + project + "\","));
        before = Rows.snapshot(db);
        given().contentType(ContentType.JSON).body(quarter).post(base)
                .then().statusCode(422).body("errors[0].field", equalTo("period"));
        assertEquals(before, Rows.snapshot(db));
    }

    @Test
    void periodNumbersProjectsAndFiguresAreChecked() {
        String zone = Api.zone(Api.PARK);
        String other = Api.zone(Api.PARK);
        String foreignProject = Api.project(other, Api.PROJECT);
        String base = "/api/v1/zones/" + zone + "/reports";
        String before = Rows.snapshot(db);
        given().contentType(ContentType.JSON).body(Api.NINE_MONTHS_2025.replace("\"NINE_MONTHS\"", "\"MONTH\",\"number\":13"))
                .post(base).then().statusCode(422).contentType("application/problem+json").body("errors[0].field", equalTo("number"));
        given().contentType(ContentType.JSON).body(Api.NINE_MONTHS_2025.replace("\"NINE_MONTHS\"", "\"QUARTER\""))
                .post(base).then().statusCode(422).body("errors[0].field", equalTo("number"));
        given().contentType(ContentType.JSON).body(Api.NINE_MONTHS_2025.replace("\"NINE_MONTHS\"", "\"YEAR\",\"number\":1"))
                .post(base).then().statusCode(422).body("errors[0].field", equalTo("number"));
        given().contentType(ContentType.JSON).body(Api.NINE_MONTHS_2025.replace("{", "{\"projectId\":\"" + foreignProject + "\","))
                .post(base).then().statusCode(422).body("errors[0].field", equalTo("projectId"));
        given().contentType(ContentType.JSON).body(Api.NINE_MONTHS_2025.replace("\"workers\":9500", "\"workers\":-1"))
                .post(base).then().statusCode(422).body("errors[0].field", equalTo("workers"));
        given().contentType(ContentType.JSON).body(Api.NINE_MONTHS_2025.replace("\"validOn\":\"2025-09-30\"", "\"validOn\":\"2024-12-31\""))
                .post(base).then().statusCode(422).body("errors[0].field", equalTo("validOn"));
        given().contentType(ContentType.JSON).body(Api.NINE_MONTHS_2025.replace("\"periodKind\":\"NINE_MONTHS\",", ""))
                .post(base).then().statusCode(422).body("errors[0].field", equalTo("periodKind"));
        assertEquals(before, Rows.snapshot(db));
        given().contentType(ContentType.JSON).body(Api.NINE_MONTHS_2025)
                .post("/api/v1/zones/00000000-0000-0000-0000-000000000001/reports").then().statusCode(404);
    }

    @Test
    void aCorrectionNeedsTheCurrentRevision() {
        String zone = Api.zone(Api.PARK);
        String id = Api.report(zone, Api.NINE_MONTHS_2025);
        String url = "/api/v1/zones/" + zone + "/reports/" + id;
        given().contentType(ContentType.JSON).body(Api.NINE_MONTHS_2025).put(url)
                .then().statusCode(428).contentType("application/problem+json").body("errors[0].field", equalTo("If-Match"));
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body(Api.NINE_MONTHS_2025).put(url).then().statusCode(200);
        String before = Rows.snapshot(db);
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body(Api.NINE_MONTHS_2025).put(url)
                .then().statusCode(412).contentType("application/problem+json").body("errors[0].field", equalTo("If-Match"));
        assertEquals(before, Rows.snapshot(db));
    }
}
