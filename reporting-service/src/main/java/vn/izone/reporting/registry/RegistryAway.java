package vn.izone.reporting.registry;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * The registry could not be reached, did not answer in time, failed (5xx), or failed so often lately that it is left
 * alone for a while (an open circuit breaker). Answered as 503 problem+json {@code registry-unavailable} with
 * {@code Retry-After} (api/ProblemMapper).
 */
public class RegistryAway extends RuntimeException {
    public RegistryAway(String message) {
        super(message);
    }

    /** What went wrong, said for the problem's detail, from the failure the fault-tolerance fallback was given. */
    public static RegistryAway because(Throwable failure) {
        if (failure instanceof RegistryAway away) {
            return away;
        }
        if (failure instanceof TimeoutException) {
            return new RegistryAway("the registry did not answer in time");
        }
        if (failure instanceof CircuitBreakerOpenException) {
            return new RegistryAway("the registry failed repeatedly just now and is left alone for a while");
        }
        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
        return new RegistryAway("the registry could not be reached (" + cause.getClass().getSimpleName() + ")");
    }
}
