package vn.izone.reporting.indicators;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import vn.izone.reporting.ReportingTestServers;
import vn.izone.reporting.support.IndicatorSchema;
import vn.izone.reporting.support.Snapshots;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * An indicator snapshot's W3C {@code traceparent} header (issue #17) is optional: snapshots with one, without one and
 * with one that does not parse are all stored and served alike.
 */
@QuarkusTest
@QuarkusTestResource(ReportingTestServers.class)
class SnapshotTraceContextTest {
    @Test
    void snapshotsWithAndWithoutATraceparentAreStoredAlike() throws Exception {
        Instant now = Instant.now();
        String traced = Snapshots.of("PROVINCE", "TR1", "Traced", now, 61.0, 100, null);
        String untraced = Snapshots.of("PROVINCE", "TR2", "Untraced", now, 62.0, 200, null);
        String broken = Snapshots.of("PROVINCE", "TR3", "Broken", now, 63.0, 300, null);
        for (String json : new String[]{traced, untraced, broken}) {
            IndicatorSchema.assertValid(json);
        }
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringSerializer(), new StringSerializer())) {
            ProducerRecord<String, String> withTrace = new ProducerRecord<>("izone.metrics.indicators.v1", "province:TR1", traced);
            withTrace.headers().add("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01".getBytes(StandardCharsets.UTF_8));
            ProducerRecord<String, String> withBroken = new ProducerRecord<>("izone.metrics.indicators.v1", "province:TR3", broken);
            withBroken.headers().add("traceparent", "00-zz".getBytes(StandardCharsets.UTF_8));
            producer.send(withTrace).get();
            producer.send(new ProducerRecord<>("izone.metrics.indicators.v1", "province:TR2", untraced)).get();
            producer.send(withBroken).get();
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            given().get("/api/v1/rollups/provinces/TR1").then().statusCode(200).body("scopeName", equalTo("Traced"));
            given().get("/api/v1/rollups/provinces/TR2").then().statusCode(200).body("scopeName", equalTo("Untraced"));
            given().get("/api/v1/rollups/provinces/TR3").then().statusCode(200).body("scopeName", equalTo("Broken"));
        });
        given().get("/api/v1/rollups/provinces/TR1").then().body("occupancy.ratePercent", equalTo(61.0f));
        given().get("/api/v1/rollups/provinces/TR3").then().body("employment.workers", equalTo(300));
    }
}
