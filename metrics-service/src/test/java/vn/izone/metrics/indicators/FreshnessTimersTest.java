package vn.izone.metrics.indicators;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import vn.izone.metrics.support.MetricsTestServers;
import vn.izone.metrics.support.RegistryEvents;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The timers the bench breaks a change's way to the board down with (deploy/bench, "where the time went"): an event
 * is timed from its record's timestamp (the registry relay's send) to its batch committed, and a zone lane's drain
 * from the first batch committed to its snapshots acknowledged; both publish histogram buckets.
 */
@QuarkusTest
@QuarkusTestResource(MetricsTestServers.class)
class FreshnessTimersTest {
    private static final String APPLIED = "izone_metrics_event_sent_to_applied_seconds";
    private static final String ZONE_LANE = "izone_indicators_applied_to_acknowledged_seconds";

    @Test
    void anEventIsTimedFromItsRecordsTimestampAndItsZoneFromTheCommit() throws Exception {
        double[] appliedBefore = sumAndCount(APPLIED, "");
        double[] zonesBefore = sumAndCount(ZONE_LANE, "lane=\"zones\"");
        UUID zone = UUID.randomUUID();
        try (RegistryEvents events = new RegistryEvents()) {
            // sent by the relay 3 s ago: the event waited on Kafka that long before metrics applied it
            events.sendAt(RegistryEvents.ZONES, zone, RegistryEvents.zone(zone, 1, "FT1", "FT1", "INDUSTRIAL_PARK", "OPERATING", 100, 10),
                    Instant.now().minusSeconds(3));
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().get("/api/v1/indicators/zone/" + zone).then().statusCode(200).body("zones.total", equalTo(1)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            double[] applied = sumAndCount(APPLIED, "");
            assertTrue(applied[1] >= appliedBefore[1] + 1, "the applied event is counted");
            assertTrue(applied[0] - appliedBefore[0] >= 3.0, () -> "timed from the record's timestamp: " + (applied[0] - appliedBefore[0]) + " s");
            assertTrue(sumAndCount(ZONE_LANE, "lane=\"zones\"")[1] >= zonesBefore[1] + 1, "the zone lane's drain is timed");
        });
        double[] applied = sumAndCount(APPLIED, "");
        double[] zones = sumAndCount(ZONE_LANE, "lane=\"zones\"");
        org.jboss.logging.Logger.getLogger(FreshnessTimersTest.class).infof(
                "sent -> applied: %.3f s for %.0f events (3 s of it before sending); applied -> zone on Kafka: %.3f s for %.0f drains",
                applied[0] - appliedBefore[0], applied[1] - appliedBefore[1], zones[0] - zonesBefore[0], zones[1] - zonesBefore[1]);
        String scrape = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(scrape.contains(APPLIED + "_bucket{"), "buckets, for a quantile over any window");
        assertTrue(scrape.contains(ZONE_LANE + "_bucket{"), "buckets, for a quantile over any window");
    }

    /** {sum in s, count} of a timer's series in metrics' scrape (the series holding {@code tag}). */
    static double[] sumAndCount(String timer, String tag) {
        double[] out = {0, 0};
        for (String line : given().get("/q/metrics").then().statusCode(200).extract().asString().split("\n")) {
            if (!line.contains(tag)) {
                continue;
            }
            if (line.startsWith(timer + "_sum")) {
                out[0] += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            } else if (line.startsWith(timer + "_count")) {
                out[1] += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return out;
    }
}
