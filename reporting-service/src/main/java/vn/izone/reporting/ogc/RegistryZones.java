package vn.izone.reporting.ogc;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Every zone of the register with where it is (latitude/longitude, outline), read from the registry's
 * {@code GET /api/v1/zones?page=&size=500} until a short page and kept for {@link #TTL}: the features API serves
 * many pages of the same list, and a zone's place changes rarely.
 * <p>
 * Each page is guarded as the land bank is (landbank/RegistryLandBank): 3 s at most, 503 with {@code Retry-After}
 * when the registry is away, and after 3 failures in 4 calls the registry is not asked for 30 s.
 */
@ApplicationScoped
public class RegistryZones {
    static final Duration TTL = Duration.ofSeconds(30);
    static final int PAGE = 500;

    private final RegistryApi registry;
    private final ObjectMapper json;
    private volatile List<JsonNode> cached;
    private volatile long cachedAt;

    public RegistryZones(@RestClient RegistryApi registry, ObjectMapper json) {
        this.registry = registry;
        this.json = json;
    }

    /** The zones in a stable order (name, then id); @throws RegistryAway when the registry does not answer */
    public List<JsonNode> all() {
        List<JsonNode> c = cached;
        if (c != null && System.nanoTime() - cachedAt < TTL.toNanos()) {
            return c;
        }
        List<JsonNode> zones = new ArrayList<>();
        for (int page = 0; page < 100; page++) {
            JsonNode answer = page(page);
            answer.forEach(zones::add);
            if (answer.size() < PAGE) {
                break;
            }
        }
        zones.sort(Comparator.comparing((JsonNode z) -> z.path("name").asText()).thenComparing(z -> z.path("id").asText()));
        cached = List.copyOf(zones);
        cachedAt = System.nanoTime();
        return cached;
    }

    /** Forget the cached list (tests that change the register). */
    public void forget() {
        cached = null;
    }

    /** One page of the register's zones; any other answer than a 200 with a JSON list is the registry being away. */
    @Timeout(3000)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 30_000, successThreshold = 1)
    @CircuitBreakerName("registry-zone-list")
    @Fallback(fallbackMethod = "away")
    JsonNode page(int page) {
        String path = "/api/v1/zones?page=" + page + "&size=" + PAGE;
        try (Response response = registry.zones(page, PAGE)) {
            if (response.getStatus() != 200) {
                throw new RegistryAway("the registry answered " + response.getStatus() + " to " + path);
            }
            JsonNode node;
            try {
                node = json.readTree(response.readEntity(String.class));
            } catch (IOException e) {
                throw new RegistryAway("the registry's zone list is not JSON");
            }
            if (node == null || !node.isArray()) {
                throw new RegistryAway("the registry's zone list is not an array");
            }
            return node;
        }
    }

    JsonNode away(int page, Throwable failure) {
        throw RegistryAway.because(failure);
    }
}
