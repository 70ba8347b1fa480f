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

    private final KafkaProducer<String, String> producer;

    public RegistryEvents() {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(), new StringSerializer());
    }

    public static String envelope(String type, String aggregateType, UUID aggregateId, long version, UUID zoneId, String data) {
        return """
                {"eventId":"%s","eventType":"%s","schemaVersion":1,"aggregateType":"%s","aggregateId":"%s",
                 "aggregateVersion":%d,"zoneId":"%s","recordedAt":"%s","validOn":"2024-12-31","actor":"test",
                 "source":"test","futureField":{"ignored":true},"data":%s}"""
                .formatted(UUID.randomUUID(), type, aggregateType, aggregateId, version, zoneId, Instant.now(), data);
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
