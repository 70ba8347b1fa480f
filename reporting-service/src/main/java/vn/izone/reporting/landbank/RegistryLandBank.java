package vn.izone.reporting.landbank;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;
import vn.izone.reporting.registry.RegistryApi;
import vn.izone.reporting.registry.RegistryAway;

/**
 * The registry's land bank ({@code GET {izone.registry.url}/api/v1/land-bank}), asked on every request: the offers
 * change whenever a zone or a project does, and the registry answers them from its own tables in milliseconds.
 * <p>
 * Guarded by SmallRye Fault Tolerance, outermost first: a registry that cannot be reached, does not answer within
 * 3 s ({@link Timeout}) or fails (5xx) is reported as away — the {@link Fallback} turns every such failure into
 * {@link RegistryAway}, answered 503 with {@code Retry-After: 30} — and never waited for. When 3 of the last 4 calls
 * failed, the {@link CircuitBreaker} opens: for 30 s (the Retry-After) the registry is not asked at all and the answer
 * is 503 at once, then one trial call decides. No retry: an investor's page waits for one call, not for several.
 * A 4xx of the registry is its answer about the request (passed on) and counts as a success.
 * Overrides: {@code quarkus.fault-tolerance."vn.izone.reporting.landbank.RegistryLandBank/offers".timeout.value} (ms),
 * {@code ….circuit-breaker.delay} (ms) and the like (docs/reporting.md).
 */
@ApplicationScoped
public class RegistryLandBank {
    private static final Logger LOG = Logger.getLogger(RegistryLandBank.class);

    /** What the registry said: its status, content type and body, passed on as they are. */
    public record Answer(int status, String contentType, String body) {
    }

    private final RegistryApi registry;

    public RegistryLandBank(@RestClient RegistryApi registry) {
        this.registry = registry;
    }

    @Timeout(3000)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 30_000, successThreshold = 1)
    @CircuitBreakerName("registry-land-bank")
    @Fallback(fallbackMethod = "away")
    public Answer offers(LandBankQuery query) {
        try (Response response = registry.landBank(query.provinceCode(), query.kind(), query.sector(),
                query.minFreeHa() == null ? null : query.minFreeHa().toPlainString(), query.wastewater())) {
            if (response.getStatus() >= 500) {
                throw new RegistryAway("the registry failed with " + response.getStatus());
            }
            String type = response.getHeaderString(HttpHeaders.CONTENT_TYPE);
            return new Answer(response.getStatus(), type == null ? "application/json" : type, response.readEntity(String.class));
        }
    }

    /** Every failure of {@link #offers} (timeout, unreachable, 5xx, open circuit) as the one answer: the registry is away. */
    Answer away(LandBankQuery query, Throwable failure) {
        LOG.debugf("registry land bank %s: %s", query.queryString(), failure.toString());
        throw RegistryAway.because(failure);
    }
}
