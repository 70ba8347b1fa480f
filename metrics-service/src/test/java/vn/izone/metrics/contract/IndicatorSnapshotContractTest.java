package vn.izone.metrics.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import vn.izone.metrics.publish.PublishQueue;
import vn.izone.metrics.support.MetricsTestServers;
import vn.izone.metrics.support.IndicatorTopic;
import vn.izone.metrics.support.RegistryEvents;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The indicator snapshot is a contract (docs/events/schemas/indicators.v1.json): every snapshot metrics really
 * publishes — every scope type, with reports, periods and a by-kind breakdown — validates against the schema, and so
 * does the documented example (which carries a combined capital, the one part a test database without a stored rate
 * cannot publish; ExchangeRatesTest checks what metrics publishes there). reporting-service's tests validate their fixtures against the same
 * file, so a field renamed on one side fails a test.
 */
@QuarkusTest
@QuarkusTestResource(MetricsTestServers.class)
class IndicatorSnapshotContractTest {
    static final Path SCHEMA = Path.of("..", "docs", "events", "schemas", "indicators.v1.json");
    static final Path EXAMPLE = Path.of("..", "docs", "events", "indicator-examples", "province.json");

    @Inject
    PublishQueue queue;
    @Inject
    ObjectMapper json;

    @Test
    void everyPublishedSnapshotAndTheExampleMatchTheSchema() throws Exception {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        String text = Files.readString(SCHEMA);
        Schema meta = registry.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        assertEquals(List.of(), meta.validate(text, InputFormat.JSON), "indicators.v1.json is not a valid 2020-12 schema");
        Schema schema = registry.getSchema(text, InputFormat.JSON);
        assertEquals(List.of(), schema.validate(Files.readString(EXAMPLE), InputFormat.JSON), "the example");

        UUID park = UUID.randomUUID();
        UUID cluster = UUID.randomUUID();
        UUID project = UUID.randomUUID();
        // through the real topics, as the registry publishes them (a later rebuild in this JVM replays them too)
        try (RegistryEvents events = new RegistryEvents()) {
            events.send(RegistryEvents.ZONES, park, RegistryEvents.zone(park, 1, "CT1", "CT1A", "INDUSTRIAL_PARK", "IN_OPERATION", 100, 40));
            events.send(RegistryEvents.ZONES, cluster, RegistryEvents.zone(cluster, 1, "CT1", "CT1A", "INDUSTRIAL_CLUSTER", "PLANNED", 50, 0));
            events.send(RegistryEvents.PROJECTS, park, RegistryEvents.project(project, 1, park, "FDI", 1_000_000, "USD", 120, "OPERATING"));
            events.send(RegistryEvents.REPORTS, park, RegistryEvents.report(UUID.randomUUID(), 1, park, null, "QUARTER", 2025, 1,
                    "2025-01-01", "2025-03-31", 9_000_000_000L, 1_000_000L, 500_000_000L, 800, 9_000_000L));
        }
        // every scope applied (the report is the last event) before waiting for the publisher
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> given()
                .get("/api/v1/indicators/province/CT1").then().body("employment.reportingZones", org.hamcrest.Matchers.equalTo(1))
                .body("projects.active", org.hamcrest.Matchers.equalTo(1)).body("zones.total", org.hamcrest.Matchers.equalTo(2)));

        Set<String> keys = Set.of("national:VN", "zone:" + park, "zone:" + cluster, "province:CT1", "former-province:CT1A",
                "zone-kind:INDUSTRIAL_PARK", "province-kind:CT1:INDUSTRIAL_PARK", "former-province-kind:CT1A:INDUSTRIAL_CLUSTER");
        Instant deadline = Instant.now().plusSeconds(60);
        while (queue.dueScopes() > 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        Map<String, String> published = IndicatorTopic.lastPublished(keys);
        assertEquals(new TreeSet<>(keys), new TreeSet<>(published.keySet()), "a snapshot of every scope type");
        for (var snapshot : published.entrySet()) {
            assertEquals(List.of(), schema.validate(snapshot.getValue(), InputFormat.JSON), snapshot.getKey() + ": " + snapshot.getValue());
        }
        JsonNode province = json.readTree(published.get("province:CT1"));
        assertTrue(province.path("byKind").has("INDUSTRIAL_CLUSTER") && province.path("byKind").has("INDUSTRIAL_PARK"), province.toString());
        assertEquals(1, province.path("periods").size());
        // a renamed field is refused: the schema is strict on both sides
        String renamed = published.get("province:CT1").replace("\"zonesCounted\"", "\"zonesCount\"");
        assertTrue(!schema.validate(renamed, InputFormat.JSON).isEmpty(), "a renamed field must fail the schema");
    }

}
