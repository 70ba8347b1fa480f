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
import vn.izone.metrics.events.RegistryEvent;
import vn.izone.metrics.publish.PublishQueue;
import vn.izone.metrics.store.AggregateStore;
import vn.izone.metrics.support.MetricsTestServers;
import vn.izone.metrics.support.IndicatorTopic;
import vn.izone.metrics.support.RegistryEvents;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
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
 * publishes — every scope type, with reports, periods, a combined capital and a by-kind breakdown — validates against
 * the schema, and so does the documented example. reporting-service's tests validate their fixtures against the same
 * file, so a field renamed on one side fails a test.
 */
@QuarkusTest
@QuarkusTestResource(MetricsTestServers.class)
class IndicatorSnapshotContractTest {
    static final Path SCHEMA = Path.of("..", "docs", "events", "schemas", "indicators.v1.json");
    static final Path EXAMPLE = Path.of("..", "docs", "events", "examples", "indicators.province.json");

    @Inject
    AggregateStore store;
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

        given().contentType("application/json").body("""
                {"currency":"USD","vndPerUnit":25000,"validOn":"2020-01-01","source":"contract test"}""")
                .post("/api/v1/exchange-rates");
        UUID park = UUID.randomUUID();
        UUID cluster = UUID.randomUUID();
        UUID project = UUID.randomUUID();
        List<RegistryEvent> events = new ArrayList<>();
        events.add(event(RegistryEvents.zone(park, 1, "CT1", "CT1A", "INDUSTRIAL_PARK", "IN_OPERATION", 100, 40)));
        events.add(event(RegistryEvents.zone(cluster, 1, "CT1", "CT1A", "INDUSTRIAL_CLUSTER", "PLANNED", 50, 0)));
        events.add(event(RegistryEvents.project(project, 1, park, "FDI", 1_000_000, "USD", 120, "OPERATING")));
        events.add(event(RegistryEvents.report(UUID.randomUUID(), 1, park, null, "QUARTER", 2025, 1, "2025-01-01", "2025-03-31",
                9_000_000_000L, 1_000_000L, 500_000_000L, 800, 9_000_000L)));
        store.applyBatch(events);

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
        assertTrue(province.path("projects").path("capitalCombined").isObject(), "with a rate stored, the combined capital is there");
        assertEquals(1, province.path("periods").size());
        // a renamed field is refused: the schema is strict on both sides
        String renamed = published.get("province:CT1").replace("\"zonesCounted\"", "\"zonesCount\"");
        assertTrue(!schema.validate(renamed, InputFormat.JSON).isEmpty(), "a renamed field must fail the schema");
    }

    private RegistryEvent event(String value) {
        RegistryEvent event = RegistryEvent.parse(json, value);
        AggregateStore.validate(event);
        return event;
    }
}
