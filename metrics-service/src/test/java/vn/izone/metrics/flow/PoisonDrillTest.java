package vn.izone.metrics.flow;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import vn.izone.metrics.support.MetricsTestServers;
import vn.izone.metrics.support.RegistryEvents;

import javax.sql.DataSource;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Issue #6, poison messages on the registry topics. Each poison is sent on its own key, followed on the same key
 * (so the same partition, behind it) by a good sentinel event: when the sentinel is applied the poison was dealt
 * with and the stream kept flowing. Every poison must be on izone.metrics.dlq.v1 with a reason naming what is
 * wrong, and never counted (no applied version for its aggregate). MetricsFlowTest covers the first three kinds
 * (not JSON, unknown schemaVersion, a malformed date); this adds the rest.
 */
@QuarkusTest
@QuarkusTestResource(MetricsTestServers.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PoisonDrillTest {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @Inject
    DataSource db;

    /** One poison: where it goes, its bytes (null: a tombstone), the aggregate it claims, what the reason must say. */
    record Poison(String name, String topic, byte[] value, UUID aggregate, String reason) {
    }

    @Test
    @Order(1)
    void malformedRecordsAreDeadLetteredWithTheirReasonAndTheStreamKeepsFlowing() throws Exception {
        List<Poison> poisons = new ArrayList<>();
        UUID zone = UUID.randomUUID();
        String goodZone = RegistryEvents.zone(zone, 1, "PD1", "PD1", "INDUSTRIAL_PARK", "IN_OPERATION", 10, 1);
        poisons.add(new Poison("not JSON", RegistryEvents.ZONES, utf8("{\"eventId\": this is not JSON"), null, "not JSON"));
        poisons.add(new Poison("invalid UTF-8 bytes", RegistryEvents.ZONES,
                new byte[]{(byte) 0xFF, (byte) 0xFE, (byte) 0xC3, 0x28, (byte) 0xED, (byte) 0xA0, (byte) 0x80}, null, "not JSON"));
        poisons.add(new Poison("a 900 KB value that is not JSON", RegistryEvents.PROJECTS, utf8("x".repeat(900 * 1024)), null, "not JSON"));
        poisons.add(new Poison("a 900 KB JSON array", RegistryEvents.REPORTS, utf8("[" + "1,".repeat(450 * 1024) + "1]"), null, "not a JSON object"));
        poisons.add(new Poison("JSON nested 10,000 levels", RegistryEvents.ZONES, utf8("[".repeat(10_000) + "]".repeat(10_000)), null, ""));
        poisons.add(new Poison("null value (tombstone)", RegistryEvents.ZONES, null, null, "empty record value"));
        poisons.add(new Poison("empty value", RegistryEvents.PROJECTS, new byte[0], null, ""));
        UUID v99 = UUID.randomUUID();
        poisons.add(new Poison("schemaVersion 99", RegistryEvents.ZONES, utf8(RegistryEvents.zone(v99, 1, "PD1", "PD1", "INDUSTRIAL_PARK", "IN_OPERATION", 10, 1)
                .replace("\"schemaVersion\":1", "\"schemaVersion\":99")), v99, "unknown schemaVersion 99"));
        UUID vMissing = UUID.randomUUID();
        poisons.add(new Poison("no schemaVersion", RegistryEvents.ZONES, utf8(RegistryEvents.zone(vMissing, 1, "PD1", "PD1", "INDUSTRIAL_PARK", "IN_OPERATION", 10, 1)
                .replace("\"schemaVersion\":1,", "")), vMissing, "unknown schemaVersion"));
        UUID vText = UUID.randomUUID();
        poisons.add(new Poison("schemaVersion '; DROP TABLE'", RegistryEvents.ZONES, utf8(RegistryEvents.zone(vText, 1, "PD1", "PD1", "INDUSTRIAL_PARK", "IN_OPERATION", 10, 1)
                .replace("\"schemaVersion\":1", "\"schemaVersion\":\"'; DROP TABLE zone_state; --\"")), vText, "unknown schemaVersion"));
        UUID projectOnZones = UUID.randomUUID();
        poisons.add(new Poison("a project event on the zones topic", RegistryEvents.ZONES,
                utf8(RegistryEvents.project(projectOnZones, 1, zone, "FDI", 1e6, "USD", 10, "OPERATING")), projectOnZones, "a project event on the zone topic"));
        UUID zoneOnReports = UUID.randomUUID();
        poisons.add(new Poison("a zone event on the reports topic", RegistryEvents.REPORTS,
                utf8(RegistryEvents.zone(zoneOnReports, 1, "PD1", "PD1", "INDUSTRIAL_PARK", "IN_OPERATION", 10, 1)), zoneOnReports, "a zone event on the report topic"));
        UUID badId = UUID.randomUUID();
        poisons.add(new Poison("aggregateId not a UUID", RegistryEvents.ZONES, utf8(RegistryEvents.zone(badId, 1, "PD1", "PD1", "INDUSTRIAL_PARK", "IN_OPERATION", 10, 1)
                .replaceFirst("\"aggregateId\":\"[^\"]+\"", "\"aggregateId\":\"' OR '1'='1\"")), badId, "malformed envelope"));
        UUID noData = UUID.randomUUID();
        poisons.add(new Poison("no data object", RegistryEvents.PROJECTS, utf8(RegistryEvents.project(noData, 1, zone, "FDI", 1e6, "USD", 10, "OPERATING")
                .replaceFirst("(?s)\"data\":\\{.*}\\s*$", "\"data\":\"<script>alert(1)</script>\"}")), noData, "no data object"));

        Map<String, List<String>> reasons = deliverEachBeforeASentinel(poisons, goodZone, zone);
        List<String> wrong = new ArrayList<>();
        for (Poison p : poisons) {
            List<String> got = reasons.get(p.name());
            if (got == null || got.isEmpty()) {
                wrong.add(p.name() + ": not on the dead-letter topic");
            } else if (!got.get(0).contains(p.reason())) {
                wrong.add(p.name() + ": reason '" + got.get(0) + "' does not say '" + p.reason() + "'");
            }
            if (p.aggregate() != null && applied(p.aggregate())) {
                wrong.add(p.name() + ": counted (an applied version exists for " + p.aggregate() + ")");
            }
        }
        System.out.println("[poison drill] " + poisons.size() + " poisons, dead letters: " + reasons);
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    /**
     * Well-formed events carrying hostile data: numbers out of any sane range or beyond the state tables' columns,
     * injection strings and oversized text where codes belong, undecodable bytes inside a string. Each is
     * dead-lettered with its reason and never counted, the stream flowing on. Found by this drill (a 1e40 capital
     * or a 40-character province code failed the database write, was taken for an outage and stopped the channel;
     * negative or textual numbers were counted); metrics now checks the data it reads (store/EventData) and takes a
     * data error from the database for poison, not an outage.
     */
    @Test
    @Order(2)
    void wellFormedEventsWithHostileDataAreDeadLetteredNotCounted() throws Exception {
        UUID zone = UUID.randomUUID();
        String goodZone = RegistryEvents.zone(zone, 1, "PD2", "PD2", "INDUSTRIAL_PARK", "IN_OPERATION", 10, 1);
        List<Poison> poisons = new ArrayList<>();
        poisons.add(project("negative workers", zone, p -> p.replace("\"workers\":10", "\"workers\":-5")));
        poisons.add(project("10^40 workers", zone, p -> p.replace("\"workers\":10", "\"workers\":1" + "0".repeat(40))));
        poisons.add(project("workers as text", zone, p -> p.replace("\"workers\":10", "\"workers\":\"'; DROP TABLE project_state; --\"")));
        poisons.add(project("capital 10^40", zone, p -> p.replace("\"amount\":1000000.0", "\"amount\":1e40")));
        poisons.add(project("negative capital", zone, p -> p.replace("\"amount\":1000000.0", "\"amount\":-1e6")));
        poisons.add(project("capital as text", zone, p -> p.replace("\"amount\":1000000.0", "\"amount\":\"<script>alert(1)</script>\"")));
        poisons.add(project("currency injection", zone, p -> p.replace("\"currency\":\"USD\"", "\"currency\":\"' OR '1'='1\"")));
        poisons.add(zoneWith("province code injection", p -> p.replace("\"provinceCode\":\"PD2\"", "\"provinceCode\":\"'; DROP TABLE zone_state; --\"")));
        poisons.add(zoneWith("a 500 KB name", p -> p.replaceFirst("\"name\":\"Zone [^\"]+\"", "\"name\":\"" + "x".repeat(500 * 1024) + "\"")));
        poisons.add(zoneWith("planned area 10^40", p -> p.replaceFirst("\"plannedAreaHa\":[0-9.]+", "\"plannedAreaHa\":1e40")));
        poisons.add(zoneWith("negative leased area", p -> p.replaceFirst("\"leasedAreaHa\":[0-9.]+", "\"leasedAreaHa\":-100")));
        UUID undecodable = UUID.randomUUID();
        byte[] bytes = utf8(RegistryEvents.zone(undecodable, 1, "PD2", "PD2", "INDUSTRIAL_PARK", "IN_OPERATION", 10, 1)
                .replaceFirst("\"name\":\"Zone [^\"]+\"", "\"name\":\"@@BAD@@\""));
        poisons.add(new Poison("invalid UTF-8 inside the name", RegistryEvents.ZONES, splice(bytes, "@@BAD@@", new byte[]{(byte) 0xC3, 0x28, (byte) 0xFF}),
                undecodable, ""));

        Map<String, List<String>> reasons = deliverEachBeforeASentinel(poisons, goodZone, zone);
        List<String> wrong = new ArrayList<>();
        for (Poison p : poisons) {
            if (reasons.getOrDefault(p.name(), List.of()).isEmpty()) {
                wrong.add(p.name() + ": not on the dead-letter topic");
            }
            if (applied(p.aggregate())) {
                wrong.add(p.name() + ": counted");
            }
        }
        System.out.println("[poison drill] hostile data, dead letters: " + reasons);
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    // ------------------------------------------------------------------ plumbing

    private static Poison project(String name, UUID zone, java.util.function.UnaryOperator<String> change) {
        UUID id = UUID.randomUUID();
        return new Poison(name, RegistryEvents.PROJECTS, utf8(change.apply(RegistryEvents.project(id, 1, zone, "FDI", 1e6, "USD", 10, "OPERATING"))), id, "");
    }

    private static Poison zoneWith(String name, java.util.function.UnaryOperator<String> change) {
        UUID id = UUID.randomUUID();
        return new Poison(name, RegistryEvents.ZONES, utf8(change.apply(RegistryEvents.zone(id, 1, "PD2", "PD2", "INDUSTRIAL_PARK", "IN_OPERATION", 10, 1))), id, "");
    }

    /**
     * Sends each poison on a key of its own followed by a good event on the same key and topic, waits until every
     * sentinel is applied (the stream flowed past every poison), then reads the dead letters by key.
     */
    private Map<String, List<String>> deliverEachBeforeASentinel(List<Poison> poisons, String goodZone, UUID zone) throws Exception {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        Map<String, String> keys = new LinkedHashMap<>();
        List<UUID> sentinels = new ArrayList<>();
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 1_000_000);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(RegistryEvents.ZONES, zone.toString(), utf8(goodZone))).get();
            for (Poison p : poisons) {
                String key = UUID.randomUUID().toString();
                keys.put(key, p.name());
                producer.send(new ProducerRecord<>(p.topic(), key, p.value())).get();
                UUID sentinel = UUID.randomUUID();
                String good = switch (p.topic()) {
                    case RegistryEvents.ZONES -> RegistryEvents.zone(sentinel, 1, "PDS", "PDS", "INDUSTRIAL_PARK", "IN_OPERATION", 10, 1);
                    case RegistryEvents.PROJECTS -> RegistryEvents.project(sentinel, 1, zone, "DOMESTIC", 1, "VND", 1, "OPERATING");
                    default -> RegistryEvents.report(sentinel, 1, zone, null, "MONTH", 2025, sentinels.size() % 12 + 1, "2025-01-01", "2025-01-31", 1, 1, 1, 1, 1);
                };
                producer.send(new ProducerRecord<>(p.topic(), key, utf8(good))).get();
                sentinels.add(sentinel);
            }
        }
        Instant deadline = Instant.now().plus(WAIT);
        List<UUID> waiting = new ArrayList<>(sentinels);
        while (!waiting.isEmpty()) {
            waiting.removeIf(this::applied);
            if (!waiting.isEmpty() && Instant.now().isAfter(deadline)) {
                List<String> stuck = new ArrayList<>();
                for (UUID s : waiting) {
                    stuck.add(poisons.get(sentinels.indexOf(s)).name());
                }
                fail("the stream stopped: the good events behind these poisons were never applied: " + stuck);
            }
            Thread.sleep(300);
        }
        Map<String, List<String>> reasons = new LinkedHashMap<>();
        Map<String, Object> consumer = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "poison-drill-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 2_000_000);
        try (KafkaConsumer<String, String> dlq = new KafkaConsumer<>(consumer, new StringDeserializer(), new StringDeserializer())) {
            dlq.subscribe(List.of(RegistryEvents.DLQ));
            Instant until = Instant.now().plus(WAIT);
            while (reasons.size() < poisons.size() && Instant.now().isBefore(until)) {
                for (ConsumerRecord<String, String> r : dlq.poll(Duration.ofMillis(500))) {
                    String name = keys.get(r.key());
                    if (name != null) {
                        Header reason = r.headers().lastHeader("dead-letter-reason");
                        reasons.computeIfAbsent(name, k -> new ArrayList<>())
                                .add(reason == null ? "(no reason)" : new String(reason.value(), StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return reasons;
    }

    private boolean applied(UUID aggregate) {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM applied_version WHERE aggregate_id = ?")) {
            s.setObject(1, aggregate);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] splice(byte[] body, String marker, byte[] replacement) {
        String text = new String(body, StandardCharsets.UTF_8);
        int at = text.indexOf(marker);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(text.substring(0, at).getBytes(StandardCharsets.UTF_8));
        out.writeBytes(replacement);
        out.writeBytes(text.substring(at + marker.length()).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
