package vn.izone.bench;

import java.time.Duration;

/**
 * How big a run is ({@code --scale}).
 *
 * @param singleWrites projects registered one by one before the rest goes through the batch endpoint
 * @param steady       how long each freshness rate is offered
 * @param waitFor      bound of each wait on metrics (catch-up, rebuild)
 */
record Scale(String name, int zones, int projects, int reportYears, int writers, int singleWrites, Duration steady,
             int readers, Duration readFor, Duration waitFor) {
    static Scale of(String name) {
        return switch (name) {
            case "small" -> new Scale("small", 300, 3_000, 2, 8, 1_500, Duration.ofSeconds(15), 16, Duration.ofSeconds(15), Duration.ofMinutes(5));
            case "national" -> new Scale("national", 3_000, 100_000, 5, 8, 3_000, Duration.ofSeconds(20), 32, Duration.ofSeconds(20), Duration.ofMinutes(4));
            default -> throw new IllegalArgumentException("--scale small|national, not " + name);
        };
    }
}
