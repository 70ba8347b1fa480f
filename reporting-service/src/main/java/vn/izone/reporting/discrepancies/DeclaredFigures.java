package vn.izone.reporting.discrepancies;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import vn.izone.reporting.registry.RegistryApi;
import vn.izone.reporting.registry.RegistryAway;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The declared figures as known today, read from the registry ({@code GET /api/v1/figures}) on every request: they are
 * few, the registry is their system of record and already answers "as known today" (the latest submission of each
 * figure and date), so nothing is copied here (docs/decisions.md). Guarded like the land bank: 3 s, a circuit breaker
 * after 3 failures in 4 calls, and every failure answered as {@link RegistryAway} (503).
 */
@ApplicationScoped
public class DeclaredFigures {
    private final RegistryApi registry;
    private final ObjectMapper json;

    public DeclaredFigures(@RestClient RegistryApi registry, ObjectMapper json) {
        this.registry = registry;
        this.json = json;
    }

    @Timeout(3000)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 30_000, successThreshold = 1)
    @CircuitBreakerName("registry-figures")
    @Fallback(fallbackMethod = "away")
    public List<JsonNode> asKnownToday(DiscrepancyQuery q) {
        try (Response response = registry.figures(q.province(), q.scopeType(), q.scopeCode())) {
            if (response.getStatus() != 200) {
                throw new RegistryAway("the registry answered " + response.getStatus() + " to GET /api/v1/figures");
            }
            JsonNode list = json.readTree(response.readEntity(String.class));
            List<JsonNode> figures = new ArrayList<>();
            list.forEach(figures::add);
            return figures;
        } catch (IOException e) {
            throw new RegistryAway("the registry's figures are not JSON");
        }
    }

    List<JsonNode> away(DiscrepancyQuery q, Throwable failure) {
        throw RegistryAway.because(failure);
    }
}
