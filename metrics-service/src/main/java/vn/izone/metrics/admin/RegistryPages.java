package vn.izone.metrics.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.io.IOException;
import java.util.UUID;

/**
 * The registry's lists as a reconciliation reads them, each call bounded and retried by SmallRye Fault Tolerance:
 * at most 30 s a call (as before), and a call that could not reach the registry, timed out or met a 5xx is tried twice
 * more, 500 ms apart: a reconciliation reads the whole register page by page, and one blip should not throw away the
 * pages read so far. Any other answer than a 200 with a JSON list is final at once ({@link RegistryAnswer}).
 * Overrides (in ms, the annotations' unit): {@code quarkus.fault-tolerance."vn.izone.metrics.admin.RegistryPages/zones".timeout.value},
 * {@code ….retry.max-retries}, {@code ….retry.delay}, and the same for {@code /projects}.
 * <p>
 * No circuit breaker: reconciliations are started by an operator, one at a time and at most one per
 * {@code izone.reconcile.min-interval}, and one that could not read the registry "may be retried at once"
 * (docs/metrics.md) — an open circuit would answer that retry without asking the registry.
 */
@ApplicationScoped
public class RegistryPages {
    /** The registry answered, but not with a list: a 4xx, or a body that is not a JSON array. Not retried. */
    public static class RegistryAnswer extends IllegalStateException {
        public RegistryAnswer(String message) {
            super(message);
        }
    }

    /** The registry failed (5xx): retried, then reported as unavailable. */
    public static class RegistryFailed extends IllegalStateException {
        public RegistryFailed(String message) {
            super(message);
        }
    }

    private final RegistryApi api;
    private final ObjectMapper json;

    public RegistryPages(@RestClient RegistryApi api, ObjectMapper json) {
        this.api = api;
        this.json = json;
    }

    @Timeout(30_000)
    @Retry(maxRetries = 2, delay = 500, retryOn = {ProcessingException.class, TimeoutException.class, RegistryFailed.class})
    public JsonNode zones(int page, int size) {
        return list(api.zones(page, size), "/api/v1/zones?page=" + page + "&size=" + size);
    }

    @Timeout(30_000)
    @Retry(maxRetries = 2, delay = 500, retryOn = {ProcessingException.class, TimeoutException.class, RegistryFailed.class})
    public JsonNode projects(UUID zoneId) {
        return list(api.projects(zoneId), "/api/v1/zones/" + zoneId + "/projects");
    }

    private JsonNode list(Response response, String path) {
        try (response) {
            int status = response.getStatus();
            if (status >= 500) {
                throw new RegistryFailed("registry answered " + status + " to GET " + path);
            }
            if (status != 200) {
                throw new RegistryAnswer("registry answered " + status + " to GET " + path);
            }
            JsonNode body;
            try {
                body = json.readTree(response.readEntity(String.class));
            } catch (IOException e) {
                throw new RegistryAnswer("registry answered GET " + path + " with something else than JSON");
            }
            if (body == null || !body.isArray()) {
                throw new RegistryAnswer("registry answered GET " + path + " with something else than a list");
            }
            return body;
        }
    }
}
