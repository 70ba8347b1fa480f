package vn.izone.registry.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.izone.registry.events.Topics;
import vn.izone.registry.support.Api;
import vn.izone.registry.support.RegistryTestServers;
import vn.izone.registry.support.TopicReader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The public event contract (docs/events) against what the registry really publishes: every event type, read
 * from Kafka like an integrator would, validates against the JSON Schemas; so does every example; the AsyncAPI
 * document names the same topics and event types; and the service serves the documents.
 */
@QuarkusTest
@QuarkusTestResource(RegistryTestServers.class)
class EventContractTest {
    static final Path EVENTS = Path.of("..", "docs", "events");
    static final Set<String> EVENT_TYPES = Set.of("zone.registered", "zone.updated", "zone.status-changed",
            "project.registered", "project.updated", "report.submitted", "report.corrected");
    /** Declared figures (issue #16), on their own topic keyed by scope. */
    static final Set<String> FIGURE_EVENT_TYPES = Set.of("figure.declared", "figure.corrected");
    /** Published only by the reconciliation after a restore (issue #18, recovery/TopicReconciliation): documented alike. */
    static final Set<String> RECOVERY_EVENT_TYPES = Set.of("zone.restored", "zone.withdrawn", "project.restored",
            "project.withdrawn", "report.restored", "report.withdrawn");

    static Set<String> allEventTypes() {
        Set<String> all = new TreeSet<>(EVENT_TYPES);
        all.addAll(RECOVERY_EVENT_TYPES);
        all.addAll(FIGURE_EVENT_TYPES);
        return all;
    }
    static final ObjectMapper JSON = new ObjectMapper();

    static Schema envelope;
    static Map<String, Schema> dataSchemas = new HashMap<>();
    static Map<String, JsonNode> dataSchemaNodes = new HashMap<>();

    @BeforeAll
    static void loadSchemas() throws IOException {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        Schema meta = registry.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        for (String name : List.of("envelope", "zone", "project", "report", "figure")) {
            String text = Files.readString(EVENTS.resolve("schemas/" + name + ".v1.json"));
            assertEquals(List.of(), meta.validate(text, InputFormat.JSON), name + ".v1.json is not a valid 2020-12 schema");
            Schema schema = registry.getSchema(text, InputFormat.JSON);
            if (name.equals("envelope")) {
                envelope = schema;
            } else {
                dataSchemas.put(name, schema);
                dataSchemaNodes.put(name, JSON.readTree(text));
            }
        }
    }

    @Test
    void everyEventTypeReadFromKafkaMatchesTheSchemas() {
        String zone = Api.zone(Api.PARK.replace("{", """
                {"phases":[{"name":"Giai đoạn 1","areaHa":200}],"infrastructureInvestmentVnd":{"localBudget":60000000000},
                 "wastewater":{"centralised":true,"meetsStandard":true},
                 "targets":[{"indicator":"OCCUPANCY","percent":100,"due":"YEAR_THREE"}],"""));
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body(Api.PARK.replace("\"test\"", "\"corrected\""))
                .put("/api/v1/zones/" + zone).then().statusCode(200);
        given().contentType(ContentType.JSON).header("If-Match", "\"2\"").body("{\"status\":\"EXPANDED\"}")
                .post("/api/v1/zones/" + zone + "/status").then().statusCode(200);
        String project = Api.project(zone, Api.PROJECT);
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body(Api.PROJECT.replace("\"OPERATING\"", "\"REVOKED\",\"statusReason\":\"slow\"").replace("{\"amount\":95000000,\"currency\":\"USD\"}", "null"))
                .put("/api/v1/projects/" + project).then().statusCode(200);
        Api.project(zone, Api.PROJECT.replace("\"investorCountry\":\"JP\",", "").replace("\"FDI\"", "\"DOMESTIC\""));
        String report = Api.report(zone, Api.NINE_MONTHS_2025);
        Api.report(zone, Api.NINE_MONTHS_2025.replace("{", "{\"projectId\":\"" + project + "\","));
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body(Api.NINE_MONTHS_2025.replace("9500", "9400"))
                .put("/api/v1/zones/" + zone + "/reports/" + report).then().statusCode(200);

        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        records.addAll(TopicReader.read(Topics.ZONES, r -> zone.equals(r.key()), 3, Duration.ofSeconds(60)));
        records.addAll(TopicReader.read(Topics.PROJECTS, r -> zone.equals(r.key()), 3, Duration.ofSeconds(60)));
        records.addAll(TopicReader.read(Topics.REPORTS, r -> zone.equals(r.key()), 3, Duration.ofSeconds(60)));
        assertEquals(9, records.size());

        Set<String> seen = new TreeSet<>();
        for (ConsumerRecord<String, String> record : records) {
            JsonNode event = TopicReader.json(record);
            String type = event.path("eventType").asText();
            seen.add(type);
            assertValid(type + " on " + record.topic(), event);
            assertEquals(zone, event.path("zoneId").asText());
            assertHeaders(record, event, type);
            assertDocumented(type, event);
        }
        assertEquals(new TreeSet<>(EVENT_TYPES), seen);
    }

    /**
     * A declaration and its correction, read from Kafka: keyed by the scope, no zone, the register figure named, the
     * correction the next version of the same aggregate, and both valid against the schemas.
     */
    @Test
    void declaredFiguresReadFromKafkaMatchTheSchemas() {
        String figure = """
                {"scopeType":"FORMER_PROVINCE","scopeCode":"35","figure":"CONTRACT_OPERATING_PARKS","kind":"INDUSTRIAL_PARK",
                 "indicator":"zones.operating","value":%d,"unit":"count","validOn":"2025-12-31","source":"%s"}""";
        given().contentType(ContentType.JSON).body(figure.formatted(8, "Ban quản lý các KCN, báo cáo năm 2025")).post("/api/v1/figures")
                .then().statusCode(201);
        given().contentType(ContentType.JSON).body(figure.formatted(9, "Ban quản lý các KCN, đính chính")).post("/api/v1/figures")
                .then().statusCode(201);

        List<ConsumerRecord<String, String>> records = TopicReader.read(Topics.FIGURES, r -> "former-province:35".equals(r.key())
                && r.value().contains("CONTRACT_OPERATING_PARKS"), 2, Duration.ofSeconds(60));
        assertEquals(2, records.size());
        Set<String> seen = new TreeSet<>();
        for (ConsumerRecord<String, String> record : records) {
            JsonNode event = TopicReader.json(record);
            String type = event.path("eventType").asText();
            seen.add(type);
            assertValid(type + " on " + record.topic(), event);
            assertDocumented(type, event);
            assertTrue(event.path("zoneId").isNull(), "a former province's figure belongs to no zone");
            assertEquals("former-province:35", event.path("data").path("scopeKey").asText());
            assertEquals("former-province-kind:35:INDUSTRIAL_PARK", event.path("data").path("registerScopeKey").asText());
            assertEquals("zones.operating", event.path("data").path("indicator").asText());
            assertEquals("37", event.path("data").path("provinceCode").asText(), "former Hà Nam is in today's Ninh Bình");
            assertHeaders(record, event, type);
        }
        assertEquals(FIGURE_EVENT_TYPES, seen);
        JsonNode first = TopicReader.json(records.get(0));
        JsonNode second = TopicReader.json(records.get(1));
        assertEquals(first.path("aggregateId"), second.path("aggregateId"), "one figure and date: one aggregate");
        assertEquals(List.of(1L, 2L), List.of(first.path("aggregateVersion").asLong(), second.path("aggregateVersion").asLong()));
        assertEquals(9, second.path("data").path("value").asInt());
    }

    /** The CloudEvents headers (Kafka binding, binary mode), the aggregate version header and the trace context of a record. */
    private static void assertHeaders(ConsumerRecord<String, String> record, JsonNode event, String type) {
        assertEquals(event.path("eventId").asText(), header(record, "ce_id"));
        assertEquals("vn.izone." + type + ".v1", header(record, "ce_type"));
        assertEquals("1.0", header(record, "ce_specversion"));
        assertEquals("/izone/registry-service", header(record, "ce_source"));
        assertEquals(event.path("aggregateId").asText(), header(record, "ce_subject"));
        assertEquals("application/json", header(record, "content-type"));
        assertEquals(event.path("aggregateVersion").asText(), header(record, "izone_aggregate_version"));
        // W3C Trace Context (issue #17): optional in the contract, always sent for a change written since V17
        String traceparent = header(record, "traceparent");
        assertTrue(traceparent != null && traceparent.matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]"), "traceparent " + traceparent);
    }

    @Test
    void everyExampleMatchesTheSchemasAndEveryEventTypeHasOne() throws IOException {
        Set<String> examples = new TreeSet<>();
        try (Stream<Path> files = Files.list(EVENTS.resolve("examples"))) {
            for (Path file : files.sorted().toList()) {
                JsonNode event = JSON.readTree(file.toFile());
                String type = event.path("eventType").asText();
                assertEquals(type + ".json", file.getFileName().toString(), "an example is named after its event type");
                assertValid("example " + file.getFileName(), event);
                assertDocumented(type, event);
                examples.add(type);
            }
        }
        assertEquals(allEventTypes(), examples);
    }

    @Test
    void theSchemasRejectWhatBreaksTheContract() throws IOException {
        JsonNode example = JSON.readTree(EVENTS.resolve("examples/report.corrected.json").toFile());
        com.fasterxml.jackson.databind.node.ObjectNode broken = example.deepCopy();
        broken.put("aggregateVersion", 0).remove("zoneId");
        assertEquals(2, envelope.validate(broken.toString(), InputFormat.JSON).size(), "envelope schema too lax");
        com.fasterxml.jackson.databind.node.ObjectNode data = example.path("data").deepCopy();
        data.put("periodKind", "WEEK").put("workers", -1);
        assertTrue(dataSchemas.get("report").validate(data.toString(), InputFormat.JSON).size() >= 2, "report schema too lax");
        data = example.path("data").deepCopy();
        data.put("number", 3);
        assertEquals(1, dataSchemas.get("report").validate(data.toString(), InputFormat.JSON).size(), "NINE_MONTHS has no number");
        // a zone, project or report event always names its zone; only a figure may not
        com.fasterxml.jackson.databind.node.ObjectNode noZone = example.deepCopy();
        noZone.putNull("zoneId");
        assertEquals(1, envelope.validate(noZone.toString(), InputFormat.JSON).size(), "zoneId null on a report event");
        JsonNode figure = JSON.readTree(EVENTS.resolve("examples/figure.declared.json").toFile());
        com.fasterxml.jackson.databind.node.ObjectNode figureData = figure.path("data").deepCopy();
        figureData.put("unit", "acres").remove("scopeKey");
        assertEquals(2, dataSchemas.get("figure").validate(figureData.toString(), InputFormat.JSON).size(), "figure schema too lax");
    }

    /**
     * AsyncAPI 3: a channel per topic (its address), listing the messages of its aggregate type; one send operation per
     * channel with the same messages; one message per event type. Whether the document is valid AsyncAPI is the
     * official parser's to say (tools/asyncapi-check, run in this module's verify phase).
     */
    @Test
    void theAsyncApiDocumentNamesTheTopicsAndEveryEventType() throws IOException {
        JsonNode asyncapi = new YAMLMapper().readTree(EVENTS.resolve("asyncapi.yaml").toFile());
        assertEquals("3.0.0", asyncapi.path("asyncapi").asText());
        JsonNode messages = asyncapi.path("components").path("messages");
        Set<String> names = new TreeSet<>();
        messages.forEach(m -> names.add(m.path("name").asText()));
        assertEquals(allEventTypes(), names);

        Map<String, Integer> messagesOfChannel = new HashMap<>();
        Set<String> addresses = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> channels = asyncapi.path("channels").fields(); channels.hasNext(); ) {
            Map.Entry<String, JsonNode> channel = channels.next();
            addresses.add(channel.getValue().path("address").asText());
            Set<String> types = new TreeSet<>();
            channel.getValue().path("messages").forEach(ref -> types.add(messages.path(
                    ref.path("$ref").asText().replace("#/components/messages/", "")).path("name").asText()));
            String aggregate = types.isEmpty() ? "" : types.iterator().next().split("\\.")[0];
            Set<String> ofAggregate = new TreeSet<>(allEventTypes());
            ofAggregate.removeIf(t -> !t.startsWith(aggregate + "."));
            assertEquals(ofAggregate, types, "messages of channel " + channel.getKey());
            messagesOfChannel.put("#/channels/" + channel.getKey(), channel.getValue().path("messages").size());
        }
        assertEquals(new TreeSet<>(Set.of(Topics.ZONES, Topics.PROJECTS, Topics.REPORTS, Topics.FIGURES)), addresses);

        Set<String> sent = new TreeSet<>();
        for (JsonNode operation : asyncapi.path("operations")) {
            String channel = operation.path("channel").path("$ref").asText();
            assertEquals("send", operation.path("action").asText(), channel);
            assertEquals(messagesOfChannel.get(channel), operation.path("messages").size(), "messages sent on " + channel);
            sent.add(channel);
        }
        assertEquals(new TreeSet<>(messagesOfChannel.keySet()), sent, "a send operation per channel");
    }

    @Test
    void theServiceServesTheContract() throws IOException {
        for (String file : List.of("asyncapi.yaml", "README.md", "schemas/envelope.v1.json", "schemas/zone.v1.json",
                "schemas/project.v1.json", "schemas/report.v1.json", "schemas/figure.v1.json", "examples/report.corrected.json",
                "examples/figure.declared.json")) {
            byte[] served = given().get("/events/" + file).then().statusCode(200).extract().asByteArray();
            assertEquals(Files.readString(EVENTS.resolve(file)), new String(served, StandardCharsets.UTF_8), file);
        }
    }

    private static void assertValid(String what, JsonNode event) {
        List<Error> errors = new ArrayList<>(envelope.validate(event.toString(), InputFormat.JSON));
        Schema data = dataSchemas.get(event.path("aggregateType").asText());
        assertTrue(data != null, what + ": unknown aggregateType " + event.path("aggregateType"));
        errors.addAll(data.validate(event.path("data").toString(), InputFormat.JSON));
        assertEquals(List.of(), errors.stream().map(Error::toString).toList(), what);
    }

    /** Schemas are open (tolerant readers), so check separately that no field goes out undocumented. */
    private static void assertDocumented(String what, JsonNode event) {
        JsonNode properties = dataSchemaNodes.get(event.path("aggregateType").asText()).path("properties");
        for (Iterator<String> names = event.path("data").fieldNames(); names.hasNext(); ) {
            String name = names.next();
            assertTrue(properties.has(name), what + ": data." + name + " is not in the schema");
        }
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
