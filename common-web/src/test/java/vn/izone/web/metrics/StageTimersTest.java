package vn.izone.web.metrics;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StageTimersTest {
    @Test
    void aStageIsBucketedFromAMillisecondToAMinute() {
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Timer timer = StageTimers.stage("izone.test.stage", "a stage").tag("lane", "zones").register(meters);
        timer.record(5, TimeUnit.MILLISECONDS);
        timer.record(30, TimeUnit.SECONDS);

        CountAtBucket[] buckets = timer.takeSnapshot().histogramCounts();
        assertTrue(buckets.length > 10, "percentile buckets published: " + buckets.length);
        double first = buckets[0].bucket(TimeUnit.MILLISECONDS);
        double last = buckets[buckets.length - 1].bucket(TimeUnit.MILLISECONDS);
        assertTrue(first >= 1 && first < 2, "first bucket " + first + " ms");
        assertTrue(last >= 60_000 && last < 70_000, "last bucket " + last + " ms");
        // the 30 s sample lands below the last bucket, the 5 ms one below 10 ms
        assertEquals(2, buckets[buckets.length - 1].count());
        assertEquals(1, Arrays.stream(buckets).filter(b -> b.bucket(TimeUnit.MILLISECONDS) < 10).mapToDouble(CountAtBucket::count).max().orElse(0));
        assertEquals("zones", meters.get("izone.test.stage").timer().getId().getTag("lane"));
        // what the bench and an operator's alert read: buckets on the scrape
        assertTrue(meters.scrape().contains("izone_test_stage_seconds_bucket{lane=\"zones\",le=\"0.001\""), meters.scrape());
    }
}
