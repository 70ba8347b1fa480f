package vn.izone.reporting.metrics;

/**
 * metrics-service could not give a register figure: unreachable, late, failing, or left alone for a while after
 * failing (an open circuit breaker). The discrepancy view says so on the rows concerned.
 */
public class MetricsAway extends RuntimeException {
    public MetricsAway(String message) {
        super(message);
    }
}
