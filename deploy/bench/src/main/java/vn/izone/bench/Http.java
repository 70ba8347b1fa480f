package vn.izone.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The bench's calls to the services (JDK HttpClient), signed with a registrar's token unless a call names another. */
final class Http {
    static final ObjectMapper JSON = new ObjectMapper();
    /**
     * HTTP/1.1, a connection per concurrent call, as departments' tools and integrations mostly call. The JDK client's
     * default is HTTP/2 (h2c upgrade), which puts every call of the bench on one connection and so on one event-loop
     * thread of each service: in JFR of the 200/s phase (2026-12-02) the registry's request threads waited 1,500 s in
     * all for request bodies that one event loop, also verifying every token, delivered late.
     */
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    private final String bearer;

    Http(String bearer) {
        this.bearer = bearer;
    }

    String bearer() {
        return bearer;
    }

    record Result(int status, String text) {
        JsonNode json() {
            try {
                return JSON.readTree(text);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    Result get(String url) {
        return send("GET", url, null, Map.of());
    }

    /** The lines of a service's Prometheus scrape ({@code /q/metrics}) that start with {@code prefix}; null if it does not answer. */
    List<String> scrape(String serviceUrl, String prefix) {
        Result r = get(serviceUrl + "/q/metrics");
        if (r.status() != 200) {
            return null;
        }
        return r.text().lines().filter(line -> line.startsWith(prefix)).toList();
    }

    /** The value of one sample line of a scrape: what follows its last space. */
    static double value(String sample) {
        return Double.parseDouble(sample.substring(sample.lastIndexOf(' ') + 1));
    }

    /** An I/O failure is status -1 (a service restarting is something to wait out, not a crash of the bench). */
    Result send(String method, String url, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("X-Izone-Actor", "dept:bench");
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        headers.forEach(request::setHeader); // may replace the registrar's Authorization
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        }
        try {
            HttpResponse<String> r = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Result(r.statusCode(), r.body());
        } catch (IOException e) {
            return new Result(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
