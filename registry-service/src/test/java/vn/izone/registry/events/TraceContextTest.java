package vn.izone.registry.events;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import vn.izone.registry.support.Api;
import vn.izone.registry.support.RegistryTestServers;
import vn.izone.registry.support.TopicReader;

import vn.izone.servers.KafkaRecords;
import vn.izone.servers.Traceparents;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The trace context of a write (issue #17): stored with its outbox row and sent as the Kafka record's W3C
 * {@code traceparent} header, from the relay's span, a child of the write's, so that the record continues the
 * caller's trace (not the relay's wake-up or poll); a write without an incoming trace starts one of its own.
 * Exporting is off here (no OTLP endpoint): the context travels all the same.
 */
@QuarkusTest
@QuarkusTestResource(RegistryTestServers.class)
class TraceContextTest {

    @Inject
    AgroalDataSource db;

    record Stored(String traceparent, String tracestate, String eventId) {
    }

    @Test
    void aWriteCarriesTheCallersTraceFromTheOutboxRowToTheKafkaRecord() throws SQLException {
        String trace = Traceparents.randomHex(16);
        String callerSpan = Traceparents.randomHex(8);
        String zone = given().contentType(ContentType.JSON)
                .header("traceparent", "00-" + trace + "-" + callerSpan + "-01")
                .header("tracestate", "dept=ninh-binh")
                .body(Api.PARK).post("/api/v1/zones").then().statusCode(201).extract().path("id");

        Stored row = stored(zone);
        Matcher write = Traceparents.parse(row.traceparent());
        assertEquals(trace, write.group(1), "the outbox row continues the caller's trace");
        assertNotEquals(callerSpan, write.group(2), "from the registry's own span, the child of the caller's");
        assertEquals("dept=ninh-binh", row.tracestate());
        assertTrue(row.traceparent().endsWith("-00"), "exporting is off: the span is not sampled, whatever the caller's flag");

        ConsumerRecord<String, String> record = TopicReader.read(Topics.ZONES, r -> zone.equals(r.key()), 1,
                Duration.ofSeconds(60)).get(0);
        List<String> traceparents = KafkaRecords.headers(record, "traceparent");
        assertEquals(1, traceparents.size(), "one traceparent per record: " + traceparents);
        Matcher sent = Traceparents.parse(traceparents.get(0));
        assertEquals(trace, sent.group(1), "the record carries the write's trace, not the relay's");
        assertNotEquals(write.group(2), sent.group(2), "from the relay's span, the child of the write's");
        assertEquals(List.of("dept=ninh-binh"), KafkaRecords.headers(record, "tracestate"));
        // the CloudEvents headers stay as they were
        assertEquals(List.of(row.eventId()), KafkaRecords.headers(record, "ce_id"));
        assertEquals(List.of("vn.izone.zone.registered.v1"), KafkaRecords.headers(record, "ce_type"));
        assertEquals(List.of("1"), KafkaRecords.headers(record, "izone_aggregate_version"));
    }

    @Test
    void aWriteWithoutAnIncomingTraceStartsANewOne() throws SQLException {
        String first = Api.zone(Api.PARK);
        String second = Api.zone(Api.PARK.replace("(test)", "(test 2)"));
        String project = Api.project(first, Api.PROJECT);

        List<String> traces = new ArrayList<>();
        for (String aggregate : List.of(first, second, project)) {
            Stored row = stored(aggregate);
            Matcher write = Traceparents.parse(row.traceparent());
            assertNotEquals("0".repeat(32), write.group(1));
            assertNull(row.tracestate(), "no incoming tracestate, none stored");
            traces.add(write.group(1));
        }
        assertEquals(3, traces.stream().distinct().count(), "every request its own trace: " + traces);

        ConsumerRecord<String, String> zoneRecord = TopicReader.read(Topics.ZONES, r -> first.equals(r.key()), 1,
                Duration.ofSeconds(60)).get(0);
        assertEquals(traces.get(0), Traceparents.parse(KafkaRecords.headers(zoneRecord, "traceparent").get(0)).group(1));
        ConsumerRecord<String, String> projectRecord = TopicReader.read(Topics.PROJECTS,
                r -> project.equals(TopicReader.json(r).path("aggregateId").asText()), 1, Duration.ofSeconds(60)).get(0);
        assertEquals(traces.get(2), Traceparents.parse(KafkaRecords.headers(projectRecord, "traceparent").get(0)).group(1));
        assertTrue(KafkaRecords.headers(projectRecord, "tracestate").isEmpty());
    }

    private Stored stored(String aggregateId) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT traceparent, tracestate, event_id FROM outbox_event "
                     + "WHERE aggregate_id = ? ORDER BY aggregate_version")) {
            s.setObject(1, UUID.fromString(aggregateId));
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next(), "no outbox row for " + aggregateId);
                return new Stored(rs.getString(1), rs.getString(2), rs.getString(3));
            }
        }
    }
}
