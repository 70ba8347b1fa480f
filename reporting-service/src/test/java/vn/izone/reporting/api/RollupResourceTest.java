package vn.izone.reporting.api;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import vn.izone.reporting.ReportingTestServers;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@QuarkusTestResource(ReportingTestServers.class)
class RollupResourceTest {

    static String snapshot(String code, Instant at, double occupancy) {
        return """
                {"scopeKey":"province:%1$s","scopeType":"PROVINCE","scopeCode":"%1$s","scopeName":"Ninh Bình",
                 "computedAt":"%2$s","occupancy":{"ratePercent":%3$s},"employment":{"workers":12325}}"""
                .formatted(code, at, occupancy);
    }

    @jakarta.inject.Inject
    vn.izone.reporting.indicators.IndicatorStore store;
    @jakarta.inject.Inject
    jakarta.persistence.EntityManager em;

    /**
     * A poll holds many snapshots of a busy scope, in any order: stored in one go, the newest of them is served (unless
     * a newer one is stored already), each is kept once in the history, and only the snapshots now the latest are
     * returned for the live stream.
     */
    @Test
    void aPollOfSnapshotsKeepsTheNewestOfEachScopeAndEveryOneInTheHistory() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        Instant now = Instant.now();
        java.util.List<vn.izone.reporting.indicators.IndicatorStore.Received> poll = new java.util.ArrayList<>();
        for (String[] s : new String[][]{{"B41", "-3", "30.0"}, {"B41", "0", "77.0"}, {"B41", "-1", "40.0"}, {"B42", "0", "12.0"},
                {"B41", "-2", "50.0"}}) {
            String payload = snapshot(s[0], now.plusSeconds(Long.parseLong(s[1])), Double.parseDouble(s[2]));
            poll.add(vn.izone.reporting.indicators.IndicatorStore.Received.of(payload));
        }
        var latest = store.saveAll(poll);
        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of("province:B41@77.0", "province:B42@12.0"), latest.stream()
                .map(r -> r.head().scopeKey() + "@" + read(json, r.payload()).path("occupancy").path("ratePercent").asDouble()).toList());
        given().get("/api/v1/rollups/provinces/B41").then().statusCode(200).body("occupancy.ratePercent", equalTo(77.0f));

        // an older poll changes nothing that is served, and returns nothing for the live stream
        String older = snapshot("B41", now.minusSeconds(10), 5.0);
        var none = store.saveAll(java.util.List.of(vn.izone.reporting.indicators.IndicatorStore.Received.of(older)));
        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(), none);
        given().get("/api/v1/rollups/provinces/B41").then().statusCode(200).body("occupancy.ratePercent", equalTo(77.0f));
        Number kept = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> (Number) em.createNativeQuery(
                "SELECT count(*) FROM indicator_history WHERE scope_key = 'province:B41'").getSingleResult());
        org.junit.jupiter.api.Assertions.assertEquals(5, kept.intValue(), "the four snapshots of the poll and the older one");

        // what is served is the history's copy (each JSON stored once): the row it points at cannot be pruned from under it
        org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                .run(() -> em.createNativeQuery("DELETE FROM indicator_history WHERE scope_key = 'province:B41'").executeUpdate()));
        given().get("/api/v1/rollups/provinces/B41").then().statusCode(200).body("occupancy.ratePercent", equalTo(77.0f));
    }

    @Test
    void servesTheNewestSnapshotAndNeverGoesBackwards() throws Exception {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        Instant now = Instant.now();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("izone.metrics.indicators.v1", "province:T37", snapshot("T37", now, 98.0))).get();
            producer.send(new ProducerRecord<>("izone.metrics.indicators.v1", "province:T37", snapshot("T37", now.minusSeconds(60), 50.0))).get();
            producer.send(new ProducerRecord<>("izone.metrics.indicators.v1", "province:T37", "not json")).get();
        }
        try (KafkaProducer<String, byte[]> bytes = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(), new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            // a snapshot's bytes are stored as they come: one that is not UTF-8 text is skipped, and what follows is stored
            // (newer than the one served: stored, it would be served). An encoded surrogate in a part the head skips:
            // the JSON parser lets it through, PostgreSQL refuses it, and the whole poll failed at every retry
            byte[] malformed = snapshot("T37", now.plusSeconds(60), 1.0).replace("\"workers\":12325", "\"source\":\"???\"")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            int at = new String(malformed, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("???");
            malformed[at] = (byte) 0xED;
            malformed[at + 1] = (byte) 0xA0;
            malformed[at + 2] = (byte) 0x80;
            bytes.send(new ProducerRecord<>("izone.metrics.indicators.v1", "province:T37", malformed)).get();
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringSerializer(), new StringSerializer())) {
            // Same partition as the three above: once it is served, they were all consumed.
            producer.send(new ProducerRecord<>("izone.metrics.indicators.v1", "province:T37",
                    snapshot("T37", now.minusSeconds(1), 10.0).replace("province:T37", "province:T38").replace("\"T37\"", "\"T38\""))).get();
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/api/v1/rollups/provinces/T38").then().statusCode(200));
        given().get("/api/v1/rollups/provinces/T37").then()
                .statusCode(200).body("scopeName", equalTo("Ninh Bình")).body("occupancy.ratePercent", equalTo(98.0f));
        given().get("/api/v1/rollups/provinces/XX").then().statusCode(404).contentType("application/problem+json");
    }

    private static com.fasterxml.jackson.databind.JsonNode read(com.fasterxml.jackson.databind.ObjectMapper json, String payload) {
        try {
            return json.readTree(payload);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
