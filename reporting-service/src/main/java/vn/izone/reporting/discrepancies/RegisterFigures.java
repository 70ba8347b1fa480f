package vn.izone.reporting.discrepancies;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import vn.izone.reporting.metrics.MetricsApi;
import vn.izone.reporting.metrics.MetricsAway;

import java.io.IOException;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The register's figures of a scope on a date, from metrics-service ({@code GET /api/v1/indicators/…?asOf=}): each zone,
 * project and report in its latest state valid on or before that date — the register as it stood on the day a
 * declaration is for. Not the snapshots reporting keeps: those say when a figure was computed, not what it was valid on.
 * Bounded like the registry's calls (3 s, circuit breaker); a failure is {@link MetricsAway}, which the view shows on
 * the rows concerned instead of failing the whole answer.
 */
@ApplicationScoped
public class RegisterFigures {
    private final MetricsApi metrics;
    private final ObjectMapper json;

    public RegisterFigures(@RestClient MetricsApi metrics, ObjectMapper json) {
        this.metrics = metrics;
        this.json = json;
    }

    /** The metrics scope a register scope key names, as metrics' REST paths take it. */
    record Target(String type, String code, String kind) {
        static Target of(String scopeKey) {
            String[] p = scopeKey.split(":", 3);
            return switch (p[0]) {
                case "province-kind", "former-province-kind" -> new Target(p[0].substring(0, p[0].length() - "-kind".length()), p[1], p[2]);
                default -> new Target(p[0], p.length > 1 ? p[1] : "VN", null);
            };
        }
    }

    /** The scope's indicators as of {@code day}; empty when metrics does not know the scope (404). */
    @Timeout(3000)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 30_000, successThreshold = 1)
    @CircuitBreakerName("metrics-as-of")
    @Fallback(fallbackMethod = "away")
    public Optional<JsonNode> asOf(String registerScopeKey, LocalDate day) {
        Target t = Target.of(registerScopeKey);
        try (Response response = t.kind() == null ? metrics.scope(t.type(), t.code(), day.toString())
                : metrics.kind(t.type(), t.code(), t.kind(), day.toString())) {
            if (response.getStatus() == 404) {
                return Optional.empty();
            }
            if (response.getStatus() != 200) {
                throw new MetricsAway("metrics-service answered " + response.getStatus());
            }
            return Optional.of(json.readTree(response.readEntity(String.class)));
        } catch (IOException e) {
            throw new MetricsAway("metrics-service's answer is not JSON");
        }
    }

    Optional<JsonNode> away(String registerScopeKey, LocalDate day, Throwable failure) {
        if (failure instanceof MetricsAway away) {
            throw away;
        }
        throw new MetricsAway(failure instanceof TimeoutException ? "metrics-service did not answer in time"
                : failure instanceof CircuitBreakerOpenException ? "metrics-service failed repeatedly just now and is left alone for a while"
                : "metrics-service could not be reached (" + (failure.getCause() != null ? failure.getCause() : failure).getClass().getSimpleName() + ")");
    }
}
