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
import vn.izone.reporting.support.Snapshots;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The last stage of the bench's freshness breakdown: a snapshot is timed from its record's timestamp (metrics' send)
 * to stored and pushed live, with histogram buckets.
 */
@QuarkusTest
@QuarkusTestResource(ReportingTestServers.class)
class SnapshotLagTimerTest {
    private static final String TIMER = "izone_reporting_snapshot_sent_to_stored_seconds";

    @Test
    void aSnapshotIsTimedFromItsRecordsTimestampToStored() throws Exception {
        double[] before = sumAndCount();
        String snapshot = Snapshots.of("PROVINCE", "LT1", "Lagging", Instant.now(), 50.0, 10, null);
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringSerializer(), new StringSerializer())) {
            // sent by metrics 4 s ago
            producer.send(new ProducerRecord<>("izone.metrics.indicators.v1", null, Instant.now().minusSeconds(4).toEpochMilli(),
                    "province:LT1", snapshot)).get();
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().get("/api/v1/rollups/provinces/LT1").then().statusCode(200).body("scopeName", equalTo("Lagging")));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            double[] after = sumAndCount();
            assertTrue(after[1] >= before[1] + 1, "the snapshot is counted");
            assertTrue(after[0] - before[0] >= 4.0, () -> "timed from the record's timestamp: " + (after[0] - before[0]) + " s");
        });
        assertTrue(given().get("/q/metrics").then().statusCode(200).extract().asString().contains(TIMER + "_bucket{"));
    }

    private static double[] sumAndCount() {
        double[] out = {0, 0};
        for (String line : given().get("/q/metrics").then().statusCode(200).extract().asString().split("\n")) {
            if (line.startsWith(TIMER + "_sum")) {
                out[0] += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            } else if (line.startsWith(TIMER + "_count")) {
                out[1] += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return out;
    }
}
