package vn.izone.reporting.ogc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import vn.izone.reporting.landbank.RegistryLandBank;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Every zone of the register with where it is (latitude/longitude, outline), read from the registry's
 * {@code GET /api/v1/zones?page=&size=500} until a short page and kept for {@link #TTL}: the features API serves
 * many pages of the same list, and a zone's place changes rarely.
 */
@ApplicationScoped
public class RegistryZones {
    static final Duration TTL = Duration.ofSeconds(30);
    static final int PAGE = 500;

    private final String registryUrl;
    private final Duration timeout;
    private final HttpClient http;
    private final ObjectMapper json;
    private volatile List<JsonNode> cached;
    private volatile long cachedAt;

    public RegistryZones(@ConfigProperty(name = "izone.registry.url") String registryUrl,
                         @ConfigProperty(name = "izone.land-bank.timeout", defaultValue = "3s") Duration timeout, ObjectMapper json) {
        this.registryUrl = registryUrl.endsWith("/") ? registryUrl.substring(0, registryUrl.length() - 1) : registryUrl;
        this.timeout = timeout;
        this.json = json;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    /** The zones in a stable order (name, then id); @throws RegistryLandBank.Away when the registry does not answer */
    public List<JsonNode> all() {
        List<JsonNode> c = cached;
        if (c != null && System.nanoTime() - cachedAt < TTL.toNanos()) {
            return c;
        }
        List<JsonNode> zones = new ArrayList<>();
        for (int page = 0; page < 100; page++) {
            JsonNode answer = get("/api/v1/zones?page=" + page + "&size=" + PAGE);
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

    private JsonNode get(String path) {
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(URI.create(registryUrl + path)).timeout(timeout).header("Accept", "application/json").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryLandBank.Away("interrupted while asking the registry");
        } catch (Exception e) {
            throw new RegistryLandBank.Away("the registry did not answer within " + timeout.toMillis() + " ms (" + e.getClass().getSimpleName() + ")");
        }
        if (response.statusCode() != 200) {
            throw new RegistryLandBank.Away("the registry answered " + response.statusCode() + " to " + path);
        }
        try {
            JsonNode node = json.readTree(response.body());
            if (!node.isArray()) {
                throw new RegistryLandBank.Away("the registry's zone list is not an array");
            }
            return node;
        } catch (java.io.IOException e) {
            throw new RegistryLandBank.Away("the registry's zone list is not JSON");
        }
    }
}
