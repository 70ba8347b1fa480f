package vn.izone.metrics.indicators;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When the lane above zones rests for a catch-up (pure logic: the consumer's batches' age against the setting). */
class CatchUpRestTest {
    private static IndicatorPublisher publisher(Duration lag) {
        IndicatorPublisher publisher = new IndicatorPublisher();
        publisher.config = new PublishingConfig() {
            public Duration publishInterval() { return Duration.ofSeconds(1); }
            public Duration coalesce() { return Duration.ofMillis(100); }
            public Duration coalesceZones() { return Duration.ofMillis(20); }
            public boolean keepSumsAboveZones() { return true; }
            public Duration catchUpLag() { return lag; }
            public Duration catchUpRest() { return Duration.ofSeconds(5); }
        };
        return publisher;
    }

    @Test
    void onlyABatchOfEventsOlderThanTheLagIsACatchUp() {
        IndicatorPublisher publisher = publisher(Duration.ofSeconds(10));
        assertFalse(publisher.catchingUp(), "nothing applied yet");
        publisher.appliedEventsAged(9_000);
        assertFalse(publisher.catchingUp(), "a live batch, seconds behind under load");
        publisher.appliedEventsAged(45_000);
        assertTrue(publisher.catchingUp(), "a backlog's batch");
        publisher.appliedEventsAged(20);
        assertTrue(publisher.catchingUp(), "one live batch does not end it: two seconds without a backlog's batch do");
    }

    @Test
    void theCatchUpEndsTwoSecondsAfterTheLastBacklogBatch() throws InterruptedException {
        IndicatorPublisher publisher = publisher(Duration.ofMillis(1));
        publisher.appliedEventsAged(50);
        assertTrue(publisher.catchingUp());
        Thread.sleep(IndicatorPublisher.CATCH_UP_SEEN_WITHIN.toMillis() + 200);
        assertFalse(publisher.catchingUp(), "caught up: the lane above zones no longer rests");
    }
}
