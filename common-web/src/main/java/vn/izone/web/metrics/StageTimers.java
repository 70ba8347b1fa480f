package vn.izone.web.metrics;

import io.micrometer.core.instrument.Timer;

import java.time.Duration;

/**
 * Timers of a change's way to the board (relay, applied, published, stored): each with histogram buckets from 1 ms to
 * 1 min, so an operator's alert can read a percentile and the bench can diff the buckets over one phase
 * (docs/deploy.md, deploy/bench). One place for the range, so every stage is bucketed alike and stays comparable.
 */
public final class StageTimers {
    static final Duration SHORTEST = Duration.ofMillis(1);
    static final Duration LONGEST = Duration.ofMinutes(1);

    private StageTimers() {
    }

    /** A timer builder for one stage, bucketed from 1 ms to 1 min; tags and registration are the caller's. */
    public static Timer.Builder stage(String name, String description) {
        return Timer.builder(name).description(description).publishPercentileHistogram()
                .minimumExpectedValue(SHORTEST).maximumExpectedValue(LONGEST);
    }
}
