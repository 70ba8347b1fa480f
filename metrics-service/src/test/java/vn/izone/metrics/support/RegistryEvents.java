package vn.izone.metrics.support;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Publishes events shaped like the registry's (docs/events) onto the real topics. */
public final class RegistryEvents implements AutoCloseable {
    public static final String ZONES = "izone.registry.zones.v1";
    public static final String PROJECTS = "izone.registry.projects.v1";
    public static final String REPORTS = "izone.registry.reports.v1";
    public static final String DLQ = "izone.metrics.dlq.v1";

    private final KafkaProducer<String, String> producer;

    public RegistryEvents() {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(), new StringSerializer());
    }

    public static String envelope(String type, String aggregateType, UUID aggregateId, long version, UUID zoneId, String data) {
        return envelope(type, aggregateType, aggregateId, version, zoneId, "2024-12-31", data);
    }

    public static String envelope(String type, String aggregateType, UUID aggregateId, long version, UUID zoneId,
                                  String validOn, String data) {
        return """
                {"eventId":"%s","eventType":"%s","schemaVersion":1,"aggregateType":"%s","aggregateId":"%s",
                 "aggregateVersion":%d,"zoneId":"%s","recordedAt":"%s","validOn":"%s","actor":"test",
                 "source":"test","futureField":{"ignored":true},"data":%s}"""
                .formatted(UUID.randomUUID(), type, aggregateType, aggregateId, version, zoneId, Instant.now(), validOn, data);
    }

    /** A zone event with the lifecycle facts the targets need. {@code targets} is a JSON array or null. */
    public static String zone(UUID id, long version, String validOn, String province, String status, String statusDate,
                              Double progress, double land, double leased, String targets) {
        return envelope("zone.updated", "zone", id, version, id, validOn, """
                {"id":"%s","kind":"INDUSTRIAL_PARK","name":"Zone %s","provinceCode":"%s","provinceName":"Province %s",
                 "status":"%s","statusDate":%s,"constructionProgressPercent":%s,"plannedAreaHa":%s,
                 "establishedAreaHa":%s,"industrialLandHa":%s,"leasedAreaHa":%s,"targets":%s}"""
                .formatted(id, id, province, province, status, statusDate == null ? "null" : "\"" + statusDate + "\"",
                        progress, land * 1.5, land * 1.2, land, leased, targets));
    }

    /** A report event; {@code projectId} null for the zone's own report. */
    public static String report(UUID id, long version, UUID zoneId, UUID projectId, String kind, int year, Integer number,
                                String start, String end, long revenueVnd, long exportUsd, long budgetVnd, int workers,
                                long incomeVnd) {
        return envelope(version == 1 ? "report.submitted" : "report.corrected", "report", id, version, zoneId, end, """
                {"id":"%s","zoneId":"%s","projectId":%s,"periodKind":"%s","year":%d,"number":%s,"periodStart":"%s",
                 "periodEnd":"%s","revenueVnd":%d,"exportUsd":%d,"budgetPaidVnd":%d,"workers":%d,
                 "averageMonthlyIncomeVnd":%d,"validOn":"%s","source":"test report"}"""
                .formatted(id, zoneId, projectId == null ? "null" : "\"" + projectId + "\"", kind, year, number, start, end,
                        revenueVnd, exportUsd, budgetVnd, workers, incomeVnd, end));
    }

    public static String zone(UUID id, long version, String province, String former, String kind, String status,
                              double land, double leased) {
        return envelope("zone.updated", "zone", id, version, id, """
                {"id":"%s","kind":"%s","name":"Zone %s","provinceCode":"%s","provinceName":"Province %s",
                 "formerProvinceCode":"%s","formerProvinceName":"Former %s","status":"%s","plannedAreaHa":%s,
                 "establishedAreaHa":%s,"industrialLandHa":%s,"leasedAreaHa":%s}"""
                .formatted(id, kind, id, province, province, former, former, status, land * 1.5, land * 1.2, land, leased));
    }

    public static String project(UUID id, long version, UUID zoneId, String origin, double capital, String currency,
                                 int workers, String status) {
        return envelope("project.updated", "project", id, version, zoneId, """
                {"id":"%s","zoneId":"%s","origin":"%s","registeredCapital":{"amount":%s,"currency":"%s"},
                 "leasedAreaHa":1,"workers":%d,"status":"%s"}"""
                .formatted(id, zoneId, origin, capital, currency, workers, status));
    }

    public void sendAsync(String topic, UUID zoneId, String value) {
        producer.send(new ProducerRecord<>(topic, zoneId.toString(), value));
    }

    /**
     * Sends events a test applied directly (AggregateStore.applyBatch, on shards of its choosing) to the topics they
     * belong on, as the registry would have: the live consumer finds them applied already (duplicates), and a rebuild
     * in a later test replays them, so that test's figures do not depend on which tests ran before it.
     */
    public static void putOnTopics(com.fasterxml.jackson.databind.ObjectMapper json, java.util.Collection<String> applied) {
        try (RegistryEvents events = new RegistryEvents()) {
            for (String value : applied) {
                vn.izone.metrics.events.RegistryEvent e = vn.izone.metrics.events.RegistryEvent.parse(json, value);
                String topic = switch (e.aggregateType()) {
                    case "zone" -> ZONES;
                    case "project" -> PROJECTS;
                    default -> REPORTS;
                };
                events.sendAsync(topic, e.zoneId(), value);
            }
            events.flush();
        }
    }

    public void flush() {
        producer.flush();
    }

    /** Sends with the given headers (a W3C traceparent, say), and waits for the broker's acknowledgement. */
    public void send(String topic, UUID zoneId, String value, Map<String, String> headers) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, zoneId.toString(), value);
        headers.forEach((k, v) -> record.headers().add(k, v.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        try {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends with the record's timestamp set (as the registry's relay sets it when it sends), and waits for the broker. */
    public void sendAt(String topic, UUID zoneId, String value, Instant sentAt) {
        try {
            producer.send(new ProducerRecord<>(topic, null, sentAt.toEpochMilli(), zoneId.toString(), value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public void send(String topic, UUID zoneId, String value) {
        try {
            producer.send(new ProducerRecord<>(topic, zoneId.toString(), value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
