package vn.izone.reporting.landbank;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The registry's land bank ({@code GET {izone.registry.url}/api/v1/land-bank}), asked on every request: the offers
 * change whenever a zone or a project does, and the registry answers them from its own tables in milliseconds. A
 * registry that does not answer within {@code izone.land-bank.timeout} is reported as away, never waited for.
 */
@ApplicationScoped
public class RegistryLandBank {
    private static final Logger LOG = Logger.getLogger(RegistryLandBank.class);

    /** What the registry said: its status, content type and body, passed on as they are. */
    public record Answer(int status, String contentType, String body) {
    }

    /** The registry could not be reached, did not answer in time, or failed (5xx). */
    public static class Away extends RuntimeException {
        public Away(String message) {
            super(message);
        }
    }

    private final String registryUrl;
    private final Duration timeout;
    private final HttpClient http;

    public RegistryLandBank(@ConfigProperty(name = "izone.registry.url") String registryUrl,
                            @ConfigProperty(name = "izone.land-bank.timeout", defaultValue = "3s") Duration timeout) {
        this.registryUrl = registryUrl.endsWith("/") ? registryUrl.substring(0, registryUrl.length() - 1) : registryUrl;
        this.timeout = timeout;
        // HTTP/1.1: the registry speaks nothing else over plain HTTP, so no upgrade is offered on every new connection.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    public Answer offers(LandBankQuery query) {
        URI uri = URI.create(registryUrl + "/api/v1/land-bank" + query.queryString());
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Away("interrupted while asking the registry");
        } catch (Exception e) {
            LOG.debugf("registry land bank %s: %s", uri, e.toString());
            throw new Away("the registry did not answer within " + timeout.toMillis() + " ms (" + e.getClass().getSimpleName() + ")");
        }
        if (response.statusCode() >= 500) {
            throw new Away("the registry failed with " + response.statusCode());
        }
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse("application/json"), response.body());
    }
}
