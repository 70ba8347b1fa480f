package vn.izone.registry.batch;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import vn.izone.registry.events.Topics;
import vn.izone.registry.support.Api;
import vn.izone.registry.support.RegistryTestServers;
import vn.izone.registry.support.Rows;
import vn.izone.registry.support.TopicReader;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Batch writes: all or nothing, each item checked like a single write, one event per record, retries by key. */
@QuarkusTest
@QuarkusTestResource(RegistryTestServers.class)
class BatchWritesTest {
    @Inject
    DataSource db;

    static String projects(int count) {
        return IntStream.range(0, count).mapToObj(i -> Api.PROJECT.replace("Nhà máy kính (test)", "Nhà máy " + i)
                        .replace("\"leasedAreaHa\":15", "\"leasedAreaHa\":1").replace("\"workers\":620", "\"workers\":" + (100 + i)))
                .collect(Collectors.joining(",", "{\"items\":[", "]}"));
    }

    static String quarters(int year) {
        return IntStream.rangeClosed(1, 4).mapToObj(q -> Api.NINE_MONTHS_2025.replace("\"NINE_MONTHS\"", "\"QUARTER\",\"number\":" + q)
                        .replace("\"year\":2025", "\"year\":" + year).replace("\"workers\":9500", "\"workers\":" + (9000 + q))
                        .replace("\"validOn\":\"2025-09-30\"", "\"validOn\":\"" + year + "-12-31\""))
                .collect(Collectors.joining(",", "{\"items\":[", "]}"));
    }

    static Response post(String path, String body, String key) {
        var request = given().contentType(ContentType.JSON);
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request.body(body).post(path);
    }

    @Test
    void aGoodBatchCreatesEveryRecordAndOneEventEach() {
        String zone = Api.zone(Api.PARK);
        long outboxBefore = Rows.count(db, "outbox_event");
        List<String> ids = post("/api/v1/zones/" + zone + "/projects/batch", projects(25), null)
                .then().statusCode(201).body("count", equalTo(25)).body("items.size()", equalTo(25))
                .body("items[0].name", equalTo("Nhà máy 0")).body("items[24].workers", equalTo(124))
                .body("items[3].revision", equalTo(1)).body("items[3].zoneId", equalTo(zone))
                .extract().path("items.id");
        assertEquals(25, new HashSet<>(ids).size());
        given().get("/api/v1/zones/" + zone + "/projects").then().statusCode(200).body("size()", equalTo(25));
        given().get("/api/v1/projects/" + ids.get(7)).then().statusCode(200).header("ETag", "\"1\"").body("name", equalTo("Nhà máy 7"));

        List<String> reports = post("/api/v1/zones/" + zone + "/reports/batch", quarters(2024), "reports-2024-" + zone)
                .then().statusCode(201).body("count", equalTo(4)).body("items.number", equalTo(List.of(1, 2, 3, 4)))
                .body("items[1].periodStart", equalTo("2024-04-01")).extract().path("items.id");
        assertEquals(25 + 4, Rows.count(db, "outbox_event") - outboxBefore);

        // The same event contract as single writes: one project.registered / report.submitted per record, keyed by zone.
        Set<String> created = new HashSet<>(ids);
        List<ConsumerRecord<String, String>> events = TopicReader.read(Topics.PROJECTS,
                r -> created.contains(TopicReader.json(r).path("aggregateId").asText()), 25, Duration.ofSeconds(60));
        assertEquals(25, events.size());
        assertEquals(created, events.stream().map(r -> TopicReader.json(r).path("aggregateId").asText()).collect(Collectors.toSet()));
        for (ConsumerRecord<String, String> e : events) {
            assertEquals(zone, e.key());
            assertEquals("project.registered", TopicReader.json(e).path("eventType").asText());
            assertEquals(1, TopicReader.json(e).path("aggregateVersion").asLong());
        }
        Set<String> reportIds = new HashSet<>(reports);
        List<ConsumerRecord<String, String>> reportEvents = TopicReader.read(Topics.REPORTS,
                r -> reportIds.contains(TopicReader.json(r).path("aggregateId").asText()), 4, Duration.ofSeconds(60));
        assertEquals(4, reportEvents.size());
        assertTrue(reportEvents.stream().allMatch(r -> "report.submitted".equals(TopicReader.json(r).path("eventType").asText())));
    }

    @Test
    void oneBadItemRejectsTheWholeBatchNamingItAndWritesNothing() {
        String zone = Api.zone(Api.PARK);
        String path = "/api/v1/zones/" + zone + "/projects/batch";
        String before = Rows.snapshot(db);
        // Bean Validation: the item's index and the field as the client wrote them.
        post(path, projects(20).replaceFirst("(?s)(\"Nhà máy 12\".*?\"amount\":)95000000", "$1-5"), "bad-amount-" + zone)
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors.size()", equalTo(1)).body("errors[0].field", equalTo("items[12].registeredCapital.amount"));
        // A rule of the register: an FDI investor from VN.
        post(path, projects(20).replaceFirst("(?s)(\"Nhà máy 5\".*?\"investorCountry\":)\"JP\"", "$1\"VN\""), null)
                .then().statusCode(422).body("errors[0].field", equalTo("items[5].investorCountry"));
        // The zone's land for lease (250 ha) is exceeded by the items together, not by any one of them.
        post(path, projects(20).replace("\"leasedAreaHa\":1", "\"leasedAreaHa\":13"), null)
                .then().statusCode(422).body("errors[0].field", equalTo("items[19].leasedAreaHa"));
        // Two reports of the batch for the same quarter: the second is refused like an existing one.
        post("/api/v1/zones/" + zone + "/reports/batch", quarters(2024).replace("\"number\":4", "\"number\":2"), null)
                .then().statusCode(422).body("errors[0].field", equalTo("items[3].period"));
        // Unreadable JSON in an item, an empty batch, too many items, a null item.
        post(path, projects(3).replaceFirst("\"workers\":101", "\"workers\":\"many\""), null)
                .then().statusCode(400).body("errors[0].field", equalTo("items[1].workers"));
        post(path, "{\"items\":[]}", null).then().statusCode(422).body("errors[0].field", equalTo("items"));
        post(path, projects(Batch.MAX_ITEMS + 1), null).then().statusCode(422).body("errors[0].field", equalTo("items"));
        post(path, "{\"items\":[" + Api.PROJECT + ",null]}", null).then().statusCode(422).body("errors[0].field", equalTo("items[1]"));
        assertEquals(before, Rows.snapshot(db));
        post("/api/v1/zones/" + UUID.randomUUID() + "/projects/batch", projects(2), null).then().statusCode(404);
        assertEquals(before, Rows.snapshot(db));
    }

    @Test
    void aRetriedKeyCreatesNothingNewAndAnswersTheSameRecords() {
        String zone = Api.zone(Api.PARK);
        String path = "/api/v1/zones/" + zone + "/projects/batch";
        String key = "dept-37-upload-" + UUID.randomUUID();
        Response first = post(path, projects(10), key);
        first.then().statusCode(201);
        String after = Rows.snapshot(db);
        long events = Rows.count(db, "outbox_event");
        Response again = post(path, projects(10), key);
        again.then().statusCode(201).body("batchId", equalTo(first.path("batchId"))).body("items.id", equalTo(first.path("items.id")));
        assertEquals(after, Rows.snapshot(db));
        assertEquals(events, Rows.count(db, "outbox_event"));
        // The same key with other items is refused.
        post(path, projects(11), key).then().statusCode(422).body("errors[0].field", equalTo("Idempotency-Key"));
        assertEquals(after, Rows.snapshot(db));
        given().get("/api/v1/zones/" + zone + "/projects").then().body("size()", equalTo(10));
    }
}
