package vn.izone.registry.strict;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import vn.izone.registry.support.Api;
import vn.izone.registry.support.RegistryTestServers;
import vn.izone.registry.support.Rows;

import javax.sql.DataSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue #15: a body over the 10 MiB limit is a 413 problem document like every other error, and writes nothing. */
@QuarkusTest
@QuarkusTestResource(RegistryTestServers.class)
class BodyTooLargeTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    DataSource db;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    HttpResponse<String> post(String path, String contentType, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port + path)).version(HttpClient.Version.HTTP_1_1)
                .timeout(Duration.ofSeconds(60)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    void assertTooLarge(HttpResponse<String> answer) throws Exception {
        assertEquals(413, answer.statusCode(), answer.body());
        assertEquals("application/problem+json", answer.headers().firstValue("Content-Type").orElse("none").replaceAll(";.*", ""));
        JsonNode problem = JSON.readTree(answer.body());
        assertEquals("https://izone.vn/problems/body-too-large", problem.path("type").asText());
        assertEquals(413, problem.path("status").asInt());
        assertEquals("body", problem.path("errors").path(0).path("field").asText());
        assertTrue(problem.path("detail").asText().contains(String.valueOf(10 << 20)), problem.toString());
    }

    @Test
    void aBodyOverTheLimitIsA413ProblemDocumentAndWritesNothing() throws Exception {
        String before = Rows.snapshot(db);
        String name = "x".repeat(11 << 20);
        byte[] zone = Api.PARK.replace("Khu công nghiệp Khánh Phú (test)", name).getBytes(StandardCharsets.UTF_8);
        assertTooLarge(post("/api/v1/zones", "application/json", zone));
        String csv = "kind,name,provinceCode,status,validOn\n" + "INDUSTRIAL_PARK,X,37,IN_OPERATION,2025-09-30\n".repeat(260_000);
        assertTrue(csv.length() > 10 << 20);
        assertTooLarge(post("/api/v1/zones/import", "text/csv", csv.getBytes(StandardCharsets.UTF_8)));
        assertEquals(before, Rows.snapshot(db));
        // just under the limit is read as usual (here: refused for its too long name, 422, by the resource)
        byte[] under = Api.PARK.replace("Khu công nghiệp Khánh Phú (test)", "x".repeat((10 << 20) - 1000)).getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> read = post("/api/v1/zones", "application/json", under);
        assertEquals(422, read.statusCode(), read.body().substring(0, Math.min(300, read.body().length())));
        assertEquals(before, Rows.snapshot(db));
        // and the service goes on answering on new connections
        assertEquals(201, post("/api/v1/zones", "application/json", Api.PARK.getBytes(StandardCharsets.UTF_8)).statusCode());
    }

    @Test
    void aChunkedBodyOverTheLimitIsThe413ProblemTooAndOneUnderItIsRead() throws Exception {
        String before = Rows.snapshot(db);
        byte[] zone = Api.PARK.replace("Khu công nghiệp Khánh Phú (test)", "x".repeat(11 << 20)).getBytes(StandardCharsets.UTF_8);
        assertTooLarge(chunked("/api/v1/zones", zone));
        assertEquals(before, Rows.snapshot(db));
        // a chunked body within the limit reaches the resource as sent
        HttpResponse<String> created = chunked("/api/v1/zones", Api.PARK.replace("(test)", "(chunked)").getBytes(StandardCharsets.UTF_8));
        assertEquals(201, created.statusCode(), created.body());
        assertEquals("Khu công nghiệp Khánh Phú (chunked)", JSON.readTree(created.body()).path("name").asText());
    }

    /** Sent without a length (HTTP/1.1 chunked transfer encoding). */
    HttpResponse<String> chunked(String path, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port + path)).version(HttpClient.Version.HTTP_1_1)
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
