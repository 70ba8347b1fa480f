package vn.izone.metrics.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import vn.izone.metrics.store.ApplyLock;
import vn.izone.metrics.support.MetricsTestServers;
import vn.izone.metrics.support.TestTokens;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #14: every write operation metrics' own OpenAPI document lists refuses callers without a token, with a
 * token that does not verify, and with every role but the one that may call it, as problem+json naming
 * {@code Authorization}, and none of them wrote a row, started a rebuild or published an event. Then the allowed
 * roles: who recorded a rate and who started a rebuild are kept and shown; one rebuild at a time (409); one
 * reconciliation per configured interval (429 with Retry-After). Runs with sign-in on ({@link Enforced}).
 */
@QuarkusTest
@TestProfile(WriteEndpointsAccessTest.Enforced.class)
@QuarkusTestResource(MetricsTestServers.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WriteEndpointsAccessTest {
    static final long INTERVAL_SECONDS = 3;

    /** The registry a reconciliation reads: an empty register, or (while {@code away}) one that fails. */
    static volatile boolean registryAway;
    static com.sun.net.httpserver.HttpServer registryStub;

    static synchronized int registryStubPort() {
        if (registryStub == null) {
            try {
                registryStub = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            registryStub.createContext("/", exchange -> {
                byte[] body = "[]".getBytes(java.nio.charset.StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(registryAway ? 503 : 200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            registryStub.start();
        }
        return registryStub.getAddress().getPort();
    }

    public static class Enforced implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("izone.auth.enforce", "true", "izone.reconcile.min-interval", INTERVAL_SECONDS + "s",
                    "izone.registry.url", "http://127.0.0.1:" + registryStubPort());
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> WRITES = Set.of("post", "put", "patch", "delete");
    /** Who may call each write operation. A new one fails the test until it is listed here with its role. */
    static final Map<String, String> ALLOWED = Map.of(
            "POST /api/v1/exchange-rates", "finance",
            "POST /api/v1/admin/rebuild", "operator",
            "POST /api/v1/admin/reconcile", "operator");
    static final String RATE = """
            {"currency":"USD","validOn":"2025-09-30","vndPerUnit":26000,"source":"SBV central rate (access test)"}""";

    @Inject
    DataSource db;
    @Inject
    ApplyLock applyLock;

    static List<String> writeOperations() throws Exception {
        JsonNode doc = JSON.readTree(given().accept("application/json").get("/q/openapi?format=json")
                .then().statusCode(200).extract().asString());
        List<String> ops = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext(); ) {
                String method = methods.next();
                if (WRITES.contains(method)) {
                    ops.add(method.toUpperCase() + " " + path.getKey());
                }
            }
        }
        return ops;
    }

    static RequestSpecification as(String token) {
        RequestSpecification r = given().contentType("application/json").body(RATE);
        return token == null ? r : r.auth().oauth2(token);
    }

    static void assertAuthorizationProblem(Response r, int status, String what) {
        assertEquals(status, r.statusCode(), what + " answered " + r.statusCode() + " " + r.asString());
        assertTrue(r.contentType().startsWith("application/problem+json"), what + ": " + r.contentType());
        assertEquals("Authorization", r.path("errors[0].field"), what + ": " + r.asString());
        if (status == 401) {
            assertEquals("Bearer", r.header("WWW-Authenticate"), what);
        }
    }

    /** The rows a write endpoint would change: the exchange rates (a rebuild shows in its progress instead). */
    String rows() throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*), coalesce(string_agg(currency || valid_on || vnd_per_unit || source, ';'), '') FROM exchange_rate")) {
            r.next();
            return r.getLong(1) + " rates: " + r.getString(2);
        }
    }

    /**
     * The end offsets of metrics' own topics once they stopped moving: the broker is shared with earlier test
     * classes, whose registry events this application may still be turning into indicators.
     */
    static String publishedWhenQuiet() throws InterruptedException {
        String last = published();
        for (int i = 0; i < 60; i++) {
            Thread.sleep(1000);
            String now = published();
            if (now.equals(last)) {
                return now;
            }
            last = now;
        }
        return last;
    }

    /** End offsets of metrics' own topics (indicators, dead letters): an event published moves them. */
    static String published() {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap),
                new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.listTopics(Duration.ofSeconds(30)).entrySet().stream()
                    .filter(e -> e.getKey().startsWith("izone.metrics."))
                    .flatMap(e -> e.getValue().stream().map(i -> new TopicPartition(i.topic(), i.partition())))
                    .collect(Collectors.toList());
            return new TreeMap<>(consumer.endOffsets(partitions, Duration.ofSeconds(30)).entrySet().stream()
                    .collect(Collectors.toMap(e -> e.getKey().toString(), Map.Entry::getValue))).toString();
        }
    }

    @Test
    @Order(1)
    void everyWriteOperationRefusesEveryCallerButItsRoleAndWritesNothing() throws Exception {
        List<String> ops = writeOperations();
        assertTrue(ops.size() >= 3, "the OpenAPI document lists only " + ops);
        Map<String, String> tokens = new TreeMap<>(Map.of("board", TestTokens.board(), "department", TestTokens.department("37"),
                "integrator", TestTokens.withRole("integrator@partner", "integrator"),
                "registrar", TestTokens.withRole("registrar@izone", "registrar"),
                "finance", TestTokens.finance(), "operator", TestTokens.operator()));
        String rowsBefore = rows();
        String eventsBefore = publishedWhenQuiet();
        Set<String> unlisted = new TreeSet<>();
        for (String op : ops) {
            String method = op.substring(0, op.indexOf(' '));
            String path = op.substring(op.indexOf(' ') + 1).replaceAll("\\{[^}]+}", "x");
            assertAuthorizationProblem(as(null).request(method, path), 401, op + " without a token");
            assertAuthorizationProblem(as(TestTokens.foreign()).request(method, path), 401, op + " with another issuer's token");
            String allowed = ALLOWED.get(op);
            if (allowed == null) {
                unlisted.add(op);
            }
            for (Map.Entry<String, String> token : tokens.entrySet()) {
                if (!token.getKey().equals(allowed)) {
                    assertAuthorizationProblem(as(token.getValue()).request(method, path), 403, op + " as " + token.getKey());
                }
            }
        }
        assertEquals(rowsBefore, rows(), "a refused write changed metrics' tables");
        assertEquals("IDLE", given().get("/api/v1/admin/rebuild").then().statusCode(200).extract().path("state"),
                "a refused rebuild started");
        Thread.sleep(1000); // the indicator publisher runs every 200 ms: anything a refused write had made dirty is out now
        assertEquals(eventsBefore, published(), "a refused write published an event");
        assertTrue(unlisted.isEmpty(), "write operations nobody may call yet (denied to all): list their role in ALLOWED " + unlisted);
        // Reads stay open, even with a token that does not verify.
        given().get("/api/v1/exchange-rates").then().statusCode(200);
        given().auth().oauth2(TestTokens.foreign()).get("/api/v1/admin/rebuild").then().statusCode(200);
    }

    @Test
    @Order(2)
    void aRateKeepsWhoRecordedIt() {
        Response r = as(TestTokens.finance()).post("/api/v1/exchange-rates");
        assertEquals(201, r.statusCode(), r.asString());
        assertEquals("finance@izone", r.path("recordedBy"));
        assertEquals("finance@izone", given().get("/api/v1/exchange-rates").then().statusCode(200)
                .extract().path("find { it.currency == 'USD' && it.validOn == '2025-09-30' }.recordedBy"));
    }

    @Test
    @Order(3)
    void oneRebuildAtATimeAndItKeepsWhoStartedIt() {
        String first;
        // Holding the live path's lock keeps the rebuild waiting (RUNNING) however quickly it would replay.
        applyLock.live().lock();
        try {
            Response started = as(TestTokens.operator()).post("/api/v1/admin/rebuild");
            assertEquals(202, started.statusCode(), started.asString());
            assertEquals("RUNNING", started.path("state"));
            assertEquals("operator@izone", started.path("startedBy"));
            first = started.path("id");
            Response second = as(TestTokens.withRole("night-shift@izone", "operator")).post("/api/v1/admin/rebuild");
            assertEquals(409, second.statusCode(), second.asString());
            assertTrue(second.contentType().startsWith("application/problem+json"));
            assertEquals(first, second.path("rebuild.id"), "the 409 names the running rebuild");
            assertEquals("RUNNING", second.path("rebuild.state"));
            assertEquals("operator@izone", second.path("rebuild.startedBy"));
        } finally {
            applyLock.live().unlock();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> "DONE".equals(given().get("/api/v1/admin/rebuild").path("state")));
        Response done = given().get("/api/v1/admin/rebuild");
        assertEquals(first, done.path("id"), "the refused second POST started nothing");
        assertEquals("operator@izone", done.path("startedBy"));
        // Once it is done, another may start.
        Response again = as(TestTokens.operator()).post("/api/v1/admin/rebuild");
        assertEquals(202, again.statusCode(), again.asString());
        assertNotEquals(first, again.path("id"));
        await().atMost(Duration.ofSeconds(60)).until(() -> "DONE".equals(given().get("/api/v1/admin/rebuild").path("state")));
    }

    @Test
    @Order(4)
    void reconciliationAtMostOncePerConfiguredInterval() throws Exception {
        // One that could not read the registry compared nothing: it does not hold the next one back.
        registryAway = true;
        try {
            assertEquals(502, as(TestTokens.operator()).post("/api/v1/admin/reconcile").statusCode());
            assertEquals(502, as(TestTokens.operator()).post("/api/v1/admin/reconcile").statusCode());
        } finally {
            registryAway = false;
        }
        Response first = as(TestTokens.operator()).post("/api/v1/admin/reconcile");
        assertEquals(200, first.statusCode(), first.asString());
        Response soon = as(TestTokens.operator()).post("/api/v1/admin/reconcile");
        assertEquals(429, soon.statusCode(), soon.asString());
        assertTrue(soon.contentType().startsWith("application/problem+json"));
        assertEquals("Retry-After", soon.path("errors[0].field"));
        long retryAfter = Long.parseLong(soon.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= INTERVAL_SECONDS, "Retry-After " + retryAfter);
        Thread.sleep(retryAfter * 1000 + 200);
        Response later = as(TestTokens.operator()).post("/api/v1/admin/reconcile");
        assertEquals(200, later.statusCode(), "after Retry-After it runs again: " + later.asString());
    }
}
