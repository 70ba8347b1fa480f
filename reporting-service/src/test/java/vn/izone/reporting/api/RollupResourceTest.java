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

    @Test
    void servesTheNewestSnapshotAndNeverGoesBackwards() throws Exception {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        Instant now = Instant.now();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("izone.metrics.indicators.v1", "province:T37", snapshot("T37", now, 98.0))).get();
            producer.send(new ProducerRecord<>("izone.metrics.indicators.v1", "province:T37", snapshot("T37", now.minusSeconds(60), 50.0))).get();
            producer.send(new ProducerRecord<>("izone.metrics.indicators.v1", "province:T37", "not json")).get();
            // Same partition as the three above: once it is served, they were all consumed.
            producer.send(new ProducerRecord<>("izone.metrics.indicators.v1", "province:T37",
                    snapshot("T37", now.minusSeconds(1), 10.0).replace("province:T37", "province:T38").replace("\"T37\"", "\"T38\""))).get();
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/api/v1/rollups/provinces/T38").then().statusCode(200));
        given().get("/api/v1/rollups/provinces/T37").then()
                .statusCode(200).body("scopeName", equalTo("Ninh Bình")).body("occupancy.ratePercent", equalTo(98.0f));
        given().get("/api/v1/rollups/provinces/XX").then().statusCode(404).contentType("application/problem+json");
    }
}
