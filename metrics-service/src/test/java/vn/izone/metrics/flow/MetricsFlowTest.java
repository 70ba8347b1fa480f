package vn.izone.metrics.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import vn.izone.metrics.support.MetricsTestServers;
import vn.izone.metrics.support.RegistryEvents;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole flow on the real broker and PostgreSQL: reports, history ("as of" and series), targets, and the
 * guarantees (redelivery, replay, gaps, poison events, rebuild). One application, methods in order: the last
 * one rebuilds from everything the earlier ones sent.
 */
@QuarkusTest
@QuarkusTestResource(MetricsTestServers.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MetricsFlowTest {
    private static final Logger LOG = Logger.getLogger(MetricsFlowTest.class);
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    static final UUID REPORT_ZONE_A = UUID.randomUUID();
    static final UUID REPORT_ZONE_B = UUID.randomUUID();
    static final UUID HISTORY_ZONE = UUID.randomUUID();
    static final List<String> SENT = new ArrayList<>(); // every good event, for the redelivery test
    static final List<String> SENT_TOPICS = new ArrayList<>();
    static final List<UUID> SENT_KEYS = new ArrayList<>();

    private static void send(RegistryEvents events, String topic, UUID key, String value) {
        events.send(topic, key, value);
        SENT.add(value);
        SENT_TOPICS.add(topic);
        SENT_KEYS.add(key);
    }

    @Test
    @Order(1)
    void reportsGivePeriodFiguresWithWorkerWeightedIncomeAndEmploymentFromBothSources() {
        UUID projectA = UUID.randomUUID();
        UUID projectB1 = UUID.randomUUID();
        UUID projectB2 = UUID.randomUUID();
        UUID reportA = UUID.randomUUID();
        try (RegistryEvents events = new RegistryEvents()) {
            send(events, RegistryEvents.ZONES, REPORT_ZONE_A, RegistryEvents.zone(REPORT_ZONE_A, 1, "R01", "R01A", "INDUSTRIAL_PARK", "IN_OPERATION", 100, 50));
            send(events, RegistryEvents.ZONES, REPORT_ZONE_B, RegistryEvents.zone(REPORT_ZONE_B, 1, "R01", "R01B", "INDUSTRIAL_PARK", "IN_OPERATION", 100, 20));
            send(events, RegistryEvents.PROJECTS, REPORT_ZONE_A, RegistryEvents.project(projectA, 1, REPORT_ZONE_A, "FDI", 1e6, "USD", 900, "OPERATING"));
            // zone A reports for itself (first submission, then a correction) and one project of it also reports:
            // the zone-level report is the one that counts
            send(events, RegistryEvents.REPORTS, REPORT_ZONE_A, RegistryEvents.report(reportA, 1, REPORT_ZONE_A, null, "QUARTER", 2025, 1,
                    "2025-01-01", "2025-03-31", 90, 9, 4, 999, 1));
            send(events, RegistryEvents.REPORTS, REPORT_ZONE_A, RegistryEvents.report(reportA, 2, REPORT_ZONE_A, null, "QUARTER", 2025, 1,
                    "2025-01-01", "2025-03-31", 100, 10, 5, 1000, 8_000_000));
            send(events, RegistryEvents.REPORTS, REPORT_ZONE_A, RegistryEvents.report(UUID.randomUUID(), 1, REPORT_ZONE_A, projectA, "QUARTER", 2025, 1,
                    "2025-01-01", "2025-03-31", 70, 7, 3, 900, 9_000_000));
            // zone B only has its projects' reports: they add up
            send(events, RegistryEvents.REPORTS, REPORT_ZONE_B, RegistryEvents.report(UUID.randomUUID(), 1, REPORT_ZONE_B, projectB1, "QUARTER", 2025, 1,
                    "2025-01-01", "2025-03-31", 20, 2, 1, 200, 6_000_000));
            send(events, RegistryEvents.REPORTS, REPORT_ZONE_B, RegistryEvents.report(UUID.randomUUID(), 1, REPORT_ZONE_B, projectB2, "QUARTER", 2025, 1,
                    "2025-01-01", "2025-03-31", 30, 3, 1, 300, 7_000_000));
            // an older period of zone A: listed, but not the latest for employment
            send(events, RegistryEvents.REPORTS, REPORT_ZONE_A, RegistryEvents.report(UUID.randomUUID(), 1, REPORT_ZONE_A, null, "YEAR", 2024, null,
                    "2024-01-01", "2024-12-31", 400, 40, 20, 800, 7_500_000));
        }
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/indicators/province/R01/periods").then()
                .statusCode(200)
                .body("", hasSize(2))
                .body("[0].periodKind", equalTo("QUARTER")).body("[0].year", equalTo(2025)).body("[0].number", equalTo(1))
                .body("[0].revenueVnd", equalTo(150)).body("[0].exportUsd", equalTo(15)).body("[0].budgetPaidVnd", equalTo(7))
                .body("[0].workers", equalTo(1500))
                // (1000 × 8,000,000 + 200 × 6,000,000 + 300 × 7,000,000) ÷ 1500
                .body("[0].averageMonthlyIncomeVnd", equalTo(7533333))
                .body("[0].zonesReporting", equalTo(2)).body("[0].reports", equalTo(3)).body("[0].source", equalTo("REPORTS"))
                .body("[1].periodKind", equalTo("YEAR")).body("[1].number", nullValue()).body("[1].workers", equalTo(800)));
        // the projects topic is consumed apart from the reports topic: wait for it too
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/indicators/province/R01").then().statusCode(200)
                .body("employment.workers", equalTo(900)));
        given().get("/api/v1/indicators/province/R01").then().statusCode(200)
                .body("employment.workers", equalTo(900))
                .body("employment.reportedWorkers", equalTo(1500))
                .body("employment.reportingZones", equalTo(2))
                .body("employment.reportedPeriodEndTo", equalTo("2025-03-31"))
                .body("periods", hasSize(2));
        given().get("/api/v1/indicators/zone/" + REPORT_ZONE_A + "/periods").then().statusCode(200)
                .body("[0].workers", equalTo(1000)).body("[0].averageMonthlyIncomeVnd", equalTo(8000000));
        assertAggregatesEqualGrouping();
    }

    @Test
    @Order(2)
    void asOfAPastDateAndASeriesComeFromTheHistoryByValidOn() {
        UUID project = UUID.randomUUID();
        try (RegistryEvents events = new RegistryEvents()) {
            send(events, RegistryEvents.ZONES, HISTORY_ZONE, RegistryEvents.zone(HISTORY_ZONE, 1, "2024-12-31", "H01", "UNDER_CONSTRUCTION", "2024-06-01", 60.0, 100, 10, null));
            send(events, RegistryEvents.ZONES, HISTORY_ZONE, RegistryEvents.zone(HISTORY_ZONE, 2, "2025-06-30", "H01", "IN_OPERATION", "2025-05-01", 100.0, 100, 40, null));
            send(events, RegistryEvents.PROJECTS, HISTORY_ZONE, RegistryEvents.envelope("project.registered", "project", project, 1, HISTORY_ZONE, "2025-06-30", """
                    {"id":"%s","zoneId":"%s","origin":"DOMESTIC","registeredCapital":{"amount":1000,"currency":"VND"},
                     "leasedAreaHa":5,"workers":250,"status":"OPERATING"}""".formatted(project, HISTORY_ZONE)));
            send(events, RegistryEvents.ZONES, HISTORY_ZONE, RegistryEvents.zone(HISTORY_ZONE, 3, "2025-12-31", "H01", "IN_OPERATION", "2025-05-01", 100.0, 100, 70, null));
        }
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/indicators/province/H01").then()
                .body("occupancy.leasedHa", equalTo(70)).body("employment.workers", equalTo(250)));
        given().get("/api/v1/indicators/province/H01?asOf=2025-03-31").then().statusCode(200)
                .body("asOf", equalTo("2025-03-31"))
                .body("zones.total", equalTo(1)).body("zones.operating", equalTo(0))
                .body("occupancy.leasedHa", equalTo(10)).body("employment.workers", equalTo(0));
        given().get("/api/v1/indicators/province/H01?asOf=2025-06-30").then()
                .body("zones.operating", equalTo(1)).body("occupancy.leasedHa", equalTo(40))
                .body("occupancy.ratePercent", equalTo(40.0f)).body("employment.workers", equalTo(250));
        given().get("/api/v1/indicators/province/H01?asOf=2024-01-01").then()
                .body("zones.total", equalTo(0));
        given().get("/api/v1/indicators/province/H01/series?from=2024-10-01&to=2025-12-31&step=QUARTER").then().statusCode(200)
                .body("points.asOf", contains("2024-12-31", "2025-03-31", "2025-06-30", "2025-09-30", "2025-12-31"))
                .body("points.leasedHa", contains(10, 10, 40, 40, 70))
                .body("points.zonesOperating", contains(0, 0, 1, 1, 1))
                .body("points.projectWorkers", contains(0, 0, 250, 250, 250));
        given().get("/api/v1/indicators/province/H01/series?from=2025-01-01&to=2025-12-31&step=YEAR").then()
                .body("points.asOf", contains("2025-12-31"));
        given().get("/api/v1/indicators/province/H01/series?step=WEEK").then().statusCode(400);
        given().get("/api/v1/indicators/province/H01?asOf=yesterday").then().statusCode(400);
    }

    @Test
    @Order(3)
    void zonesMissingADueOccupancyTargetAreFlagged() {
        String targets = """
                [{"indicator":"OCCUPANCY","percent":50,"due":"INFRASTRUCTURE_COMPLETION"},
                 {"indicator":"OCCUPANCY","percent":100,"due":"YEAR_THREE"}]""";
        UUID late = UUID.randomUUID();     // operating since 2021, 40%: misses both
        UUID building = UUID.randomUUID(); // 60% built, 10%: nothing due yet
        UUID young = UUID.randomUUID();    // operating since 2025, 60%: 50% met, year three not due
        UUID untargeted = UUID.randomUUID();
        try (RegistryEvents events = new RegistryEvents()) {
            send(events, RegistryEvents.ZONES, late, RegistryEvents.zone(late, 1, "2024-12-31", "F01", "IN_OPERATION", "2021-01-15", 100.0, 100, 40, targets));
            send(events, RegistryEvents.ZONES, building, RegistryEvents.zone(building, 1, "2024-12-31", "F01", "UNDER_CONSTRUCTION", "2024-01-15", 60.0, 100, 10, targets));
            send(events, RegistryEvents.ZONES, young, RegistryEvents.zone(young, 1, "2025-06-30", "F01", "IN_OPERATION", "2025-01-01", 100.0, 100, 60, targets));
            send(events, RegistryEvents.ZONES, untargeted, RegistryEvents.zone(untargeted, 1, "2024-12-31", "F01", "IN_OPERATION", "2020-01-01", 100.0, 100, 5, null));
        }
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/indicators/province/F01").then()
                .body("zones.total", equalTo(4)));
        given().get("/api/v1/indicators/province/F01/flags?on=2025-11-01").then().statusCode(200)
                .body("zonesWithTargets", equalTo(3))
                .body("flags", hasSize(2))
                .body("flags.zoneId", contains(late.toString(), late.toString()))
                .body("flags.due", contains("INFRASTRUCTURE_COMPLETION", "YEAR_THREE"))
                .body("flags.actualPercent", contains(40.0f, 40.0f))
                .body("flags[1].dueSince", equalTo("2024-01-15"));
        given().get("/api/v1/indicators/zone/" + young + "/flags?on=2028-02-01").then()
                .body("flags", hasSize(1)).body("flags[0].due", equalTo("YEAR_THREE"));
        given().get("/api/v1/indicators/zone/not-a-uuid/flags").then().statusCode(404);
    }

    @Test
    @Order(4)
    void aGapIsRecordedAndALateVersionOnlyJoinsTheHistory() {
        UUID zone = UUID.randomUUID();
        try (RegistryEvents events = new RegistryEvents()) {
            send(events, RegistryEvents.ZONES, zone, RegistryEvents.zone(zone, 1, "2024-12-31", "G01", "IN_OPERATION", "2020-01-01", 100.0, 100, 10, null));
            send(events, RegistryEvents.ZONES, zone, RegistryEvents.zone(zone, 3, "2025-12-31", "G01", "IN_OPERATION", "2020-01-01", 100.0, 100, 30, null));
            send(events, RegistryEvents.ZONES, zone, RegistryEvents.zone(zone, 2, "2025-06-30", "G01", "IN_OPERATION", "2020-01-01", 100.0, 100, 20, null));
            send(events, RegistryEvents.ZONES, zone, RegistryEvents.zone(zone, 4, "2026-01-31", "G01", "IN_OPERATION", "2020-01-01", 100.0, 100, 40, null));
        }
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/indicators/zone/" + zone).then()
                .body("occupancy.leasedHa", equalTo(40)));
        given().get("/api/v1/gaps").then().statusCode(200)
                .body("findAll { it.aggregateId == '" + zone + "' }.expectedVersion", contains(2))
                .body("findAll { it.aggregateId == '" + zone + "' }.receivedVersion", contains(3));
        // version 2 arrived after 3: the live state kept 3 then 4, but "as of" mid-2025 sees version 2
        given().get("/api/v1/indicators/zone/" + zone + "?asOf=2025-07-01").then().body("occupancy.leasedHa", equalTo(20));
    }

    @Test
    @Order(5)
    void poisonEventsGoToTheDeadLetterTopicWithTheirReasonAndTheStreamKeepsFlowing() {
        UUID key = UUID.randomUUID();
        UUID good = UUID.randomUUID();
        try (RegistryEvents events = new RegistryEvents()) {
            events.send(RegistryEvents.ZONES, key, "this is not JSON {");
            events.send(RegistryEvents.ZONES, key, RegistryEvents.zone(key, 1, "P01", "P01", "INDUSTRIAL_PARK", "IN_OPERATION", 10, 1)
                    .replace("\"schemaVersion\":1", "\"schemaVersion\":99"));
            events.send(RegistryEvents.REPORTS, key, RegistryEvents.report(UUID.randomUUID(), 1, key, null, "QUARTER", 2025, 1,
                    "2025-01-01", "not-a-date", 1, 1, 1, 1, 1));
            send(events, RegistryEvents.ZONES, good, RegistryEvents.zone(good, 1, "P01", "P01", "INDUSTRIAL_PARK", "IN_OPERATION", 10, 1));
        }
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/indicators/province/P01").then()
                .body("zones.total", equalTo(1)));

        Map<String, String> bootstrap = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        Map<String, Object> config = new LinkedHashMap<>(bootstrap);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "dlq-test-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> reasons = new ArrayList<>();
        try (KafkaConsumer<String, String> dlq = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            dlq.subscribe(List.of(RegistryEvents.DLQ));
            long deadline = System.currentTimeMillis() + WAIT.toMillis();
            while (reasons.size() < 3 && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> record : dlq.poll(Duration.ofMillis(500))) {
                    if (key.toString().equals(record.key())) {
                        Header reason = record.headers().lastHeader("dead-letter-reason");
                        reasons.add(reason == null ? "(no reason)" : new String(reason.value(), StandardCharsets.UTF_8));
                    }
                }
            }
        }
        assertEquals(3, reasons.size(), "dead letters: " + reasons);
        assertTrue(reasons.stream().anyMatch(r -> r.contains("not JSON")), reasons.toString());
        assertTrue(reasons.stream().anyMatch(r -> r.contains("unknown schemaVersion 99")), reasons.toString());
        assertTrue(reasons.stream().anyMatch(r -> r.contains("malformed")), reasons.toString());
    }

    @Test
    @Order(6)
    void throughputOfTheLiveConsumer() {
        int zones = 200;
        int projectsPerZone = 5;
        long start = System.nanoTime();
        try (RegistryEvents events = new RegistryEvents()) {
            for (int i = 0; i < zones; i++) {
                UUID zone = UUID.randomUUID();
                String value = RegistryEvents.zone(zone, 1, "TP", "TP" + (i % 3), "INDUSTRIAL_CLUSTER", "IN_OPERATION", 50, 0);
                events.sendAsync(RegistryEvents.ZONES, zone, value);
                record(RegistryEvents.ZONES, zone, value);
                for (int p = 0; p < projectsPerZone; p++) {
                    value = RegistryEvents.project(UUID.randomUUID(), 1, zone, p % 2 == 0 ? "FDI" : "DOMESTIC", 1000, "USD", 10, "OPERATING");
                    events.sendAsync(RegistryEvents.PROJECTS, zone, value);
                    record(RegistryEvents.PROJECTS, zone, value);
                }
            }
            events.flush();
        }
        int total = zones * (1 + projectsPerZone);
        await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                given().get("/api/v1/indicators/province/TP").then()
                        .body("zones.total", equalTo(zones)).body("projects.active", equalTo(zones * projectsPerZone)));
        double seconds = (System.nanoTime() - start) / 1e9;
        LOG.infof("THROUGHPUT live consumer: %d events applied in %.1f s = %.0f events/s", total, seconds, total / seconds);
        given().get("/api/v1/indicators/province/TP").then().body("employment.workers", equalTo(zones * projectsPerZone * 10));
    }

    private static void record(String topic, UUID key, String value) {
        SENT.add(value);
        SENT_TOPICS.add(topic);
        SENT_KEYS.add(key);
    }

    @Test
    @Order(7)
    void redeliveryReplayAndRebuildChangeNothing() throws Exception {
        List<String> paths = List.of("/api/v1/indicators/national/VN", "/api/v1/indicators/province/R01",
                "/api/v1/indicators/province/H01?asOf=2025-06-30", "/api/v1/indicators/province/F01/flags?on=2025-11-01",
                "/api/v1/indicators/province/TP", "/api/v1/indicators/former-province/TP1",
                "/api/v1/indicators/zone-kind/INDUSTRIAL_PARK", "/api/v1/indicators/province/R01/periods",
                "/api/v1/indicators/province/H01/series?from=2024-10-01&to=2025-12-31&step=QUARTER");
        Map<String, JsonNode> before = figures(paths);
        String gapsBefore = given().get("/api/v1/gaps").then().extract().body().asString();

        // redelivery: every good event again, in the order sent
        double duplicatesBefore = duplicates();
        try (RegistryEvents events = new RegistryEvents()) {
            for (int i = 0; i < SENT.size(); i++) {
                events.sendAsync(SENT_TOPICS.get(i), SENT_KEYS.get(i), SENT.get(i));
            }
            events.flush();
        }
        await().atMost(Duration.ofSeconds(300)).until(() -> duplicates() >= duplicatesBefore + SENT.size());
        assertSame(before, figures(paths), "redelivered events changed");

        // replay: rebuild the derived tables from the topics' beginning
        Map<String, JsonNode> beforeRebuild = figures(paths);
        given().post("/api/v1/admin/rebuild").then().statusCode(202).body("state", equalTo("RUNNING"));
        // the live consumers keep receiving while the rebuild runs: here, redeliveries of the first events
        try (RegistryEvents events = new RegistryEvents()) {
            for (int i = 0; i < 20; i++) {
                events.sendAsync(SENT_TOPICS.get(i), SENT_KEYS.get(i), SENT.get(i));
            }
            events.flush();
        }
        await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                given().get("/api/v1/admin/rebuild").then().body("state", equalTo("DONE")));
        JsonNode progress = JSON.readTree(given().get("/api/v1/admin/rebuild").then().extract().body().asString());
        LOG.infof("THROUGHPUT rebuild: %s", progress);
        assertEquals(progress.get("eventsTotal").asLong(), progress.get("eventsRead").asLong());
        assertTrue(progress.get("poison").asLong() >= 3, progress.toString());
        await().atMost(Duration.ofSeconds(120)).until(() -> duplicates() >= duplicatesBefore + SENT.size() + 20);
        assertSame(beforeRebuild, figures(paths), "the rebuild changed");
        given().get("/api/v1/gaps").then().body("aggregateId", hasItem(JSON.readTree(gapsBefore).get(0).get("aggregateId").asText()));

        // the live consumer keeps applying after the rebuild
        UUID after = UUID.randomUUID();
        try (RegistryEvents events = new RegistryEvents()) {
            events.send(RegistryEvents.ZONES, after, RegistryEvents.zone(after, 1, "M02", "M02", "ECONOMIC_ZONE", "PLANNED", 0, 0));
        }
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/indicators/province/M02").then().body("zones.total", equalTo(1)));
        assertAggregatesEqualGrouping();
    }

    @jakarta.inject.Inject
    vn.izone.metrics.admin.AggregateReferee referee;

    /** The incremental aggregates equal a full recomputation by grouping, scope by scope (every figure, periods too). */
    private void assertAggregatesEqualGrouping() {
        var report = referee.check();
        LOG.infof("referee: %d scopes compared, %d differ", report.scopesCompared(), report.scopesDiffering());
        assertEquals(0, report.scopesDiffering(), () -> "incremental != grouped: " + report.differences());
    }

    private static void assertSame(Map<String, JsonNode> expected, Map<String, JsonNode> actual, String what) {
        for (String path : expected.keySet()) {
            assertEquals(expected.get(path), actual.get(path), what + " " + path);
        }
    }

    /** How many events the consumers skipped as already applied (the izone.metrics.events counter). */
    private static double duplicates() {
        double sum = 0;
        for (String line : given().get("/q/metrics").then().statusCode(200).extract().body().asString().split("\n")) {
            if (line.startsWith("izone_metrics_events_total{") && line.contains("outcome=\"duplicate\"")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    private static Map<String, JsonNode> figures(List<String> paths) throws Exception {
        Map<String, JsonNode> figures = new LinkedHashMap<>();
        for (String path : paths) {
            JsonNode node = JSON.readTree(given().get(path).then().statusCode(200).extract().body().asString());
            if (node instanceof ObjectNode object) {
                object.remove("computedAt");
                if (object.get("points") != null) {
                    object.get("points").forEach(p -> ((ObjectNode) p).remove("computedAt"));
                }
            }
            figures.put(path, node);
        }
        return figures;
    }
}
