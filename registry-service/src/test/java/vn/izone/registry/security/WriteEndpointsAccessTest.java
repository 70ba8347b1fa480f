package vn.izone.registry.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import vn.izone.registry.api.Nationwide;
import vn.izone.registry.api.ProvinceOf;
import vn.izone.registry.api.ProvinceScope;
import vn.izone.registry.api.ProvinceScoped;
import vn.izone.registry.support.Api;
import vn.izone.registry.support.RegistryTestServers;
import vn.izone.registry.support.Rows;
import vn.izone.registry.support.TestTokens;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issues #14, #17: every write operation the registry's own OpenAPI document lists — whatever was added since this
 * test was written — refuses a caller without a token (401), with a token that does not verify (401) and with a
 * read-only role (403), each as problem+json naming {@code Authorization}; where the record belongs to a province,
 * a department of another province is refused (403 {@code other-province}); and none of these wrote a row or an
 * outbox event. The department of the province itself makes every one of them; and every write method of the
 * resource classes declares its roles and its province (reflection), so that a new one cannot go unchecked.
 * Runs with write checks on ({@link WriteAccessTest.Enforced}), not on the default test profile's.
 */
@QuarkusTest
@TestProfile(WriteAccessTest.Enforced.class)
@QuarkusTestResource(RegistryTestServers.class)
class WriteEndpointsAccessTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> WRITES = Set.of("post", "put", "patch", "delete");

    @Inject
    DataSource db;

    /** A valid request of a write operation, so that only the caller's province can refuse it. */
    record Valid(String contentType, String body) {
    }

    /**
     * Bodies for the province check. A write operation of a zone's, project's or report's path (or with a
     * province in its body) that is missing here fails the test: add it, with a body it would accept.
     */
    static Map<String, Valid> validRequests() {
        String json = "application/json";
        String figure = """
                {"scopeType":"PROVINCE","scopeCode":"37","figure":"PLANNED_CLUSTERS","value":117,"unit":"count",
                 "validOn":"2025-09-30","source":"access test"}""";
        String quarter = """
                {"periodKind":"QUARTER","year":2024,"number":1,"workers":100,"validOn":"2024-06-30","source":"access test"}""";
        return Map.ofEntries(
                Map.entry("POST /api/v1/zones", new Valid(json, Api.PARK)),
                Map.entry("PUT /api/v1/zones/{id}", new Valid(json, Api.PARK)),
                Map.entry("POST /api/v1/zones/{id}/status", new Valid(json, "{\"status\":\"EXPANDED\",\"statusDate\":\"2025-01-01\"}")),
                Map.entry("POST /api/v1/zones/{zoneId}/projects", new Valid(json, Api.PROJECT)),
                Map.entry("POST /api/v1/zones/{zoneId}/projects/batch", new Valid(json, "{\"items\":[" + Api.PROJECT + "]}")),
                Map.entry("PUT /api/v1/projects/{id}", new Valid(json, Api.PROJECT)),
                Map.entry("POST /api/v1/zones/{zoneId}/reports", new Valid(json, quarter)),
                Map.entry("POST /api/v1/zones/{zoneId}/reports/batch", new Valid(json, "{\"items\":[" + quarter + "]}")),
                Map.entry("PUT /api/v1/zones/{zoneId}/reports/{id}", new Valid(json, Api.NINE_MONTHS_2025)),
                Map.entry("POST /api/v1/figures", new Valid(json, figure)),
                Map.entry("POST /api/v1/zones/import", new Valid("text/csv; charset=UTF-8", "kind,name\n")));
    }

    /** Writes that belong to no province by their path or body: each row of an import is checked on its own. */
    static final Set<String> NATIONAL = Set.of("POST /api/v1/zones/import", "POST /api/v1/admin/rebuild",
            "POST /api/v1/admin/recovery/reconcile");

    static List<String[]> writeOperations() throws Exception {
        JsonNode doc = JSON.readTree(given().accept("application/json").get("/q/openapi?format=json")
                .then().statusCode(200).extract().asString());
        List<String[]> ops = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext(); ) {
                String method = methods.next();
                if (WRITES.contains(method)) {
                    ops.add(new String[]{method.toUpperCase(), path.getKey()});
                }
            }
        }
        return ops;
    }

    /** The path with its ids filled in: the zone, project and report of province 37 this test created. */
    static String concrete(String template, String zone, String project, String report) {
        String[] parts = template.split("/");
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].startsWith("{")) {
                String owner = parts[i - 1];
                parts[i] = parts[i].equals("{zoneId}") || owner.equals("zones") ? zone
                        : owner.equals("projects") ? project
                        : owner.equals("reports") ? report
                        : UUID.randomUUID().toString();
            }
        }
        return String.join("/", parts);
    }

    static String snapshot(DataSource db) {
        return Rows.snapshot(db) + " figures=" + Rows.count(db, "declared_figure");
    }

    static RequestSpecification request(String token, Valid valid) {
        RequestSpecification r = given().contentType(valid == null ? "application/json" : valid.contentType())
                .body(valid == null ? "{}" : valid.body()).header("If-Match", "\"1\"");
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

    @Test
    void everyWriteOperationRefusesAnonymousInvalidReadOnlyAndOtherProvinceCallersAndWritesNothing() throws Exception {
        String zone = request(TestTokens.registrar(), new Valid("application/json", Api.PARK)).post("/api/v1/zones")
                .then().statusCode(201).extract().path("id");
        String project = request(TestTokens.registrar(), new Valid("application/json", Api.PROJECT))
                .post("/api/v1/zones/" + zone + "/projects").then().statusCode(201).extract().path("id");
        String report = request(TestTokens.registrar(), new Valid("application/json", Api.NINE_MONTHS_2025))
                .post("/api/v1/zones/" + zone + "/reports").then().statusCode(201).extract().path("id");

        List<String[]> ops = writeOperations();
        assertTrue(ops.size() >= 11, "the OpenAPI document lists only " + ops.size() + " write operations");
        Map<String, Valid> valid = validRequests();
        Set<String> unclassified = new TreeSet<>();
        String before = snapshot(db);
        for (String[] op : ops) {
            String key = op[0] + " " + op[1];
            String path = concrete(op[1], zone, project, report);
            Valid body = valid.get(key);
            assertAuthorizationProblem(request(null, body).request(op[0], path), 401, key + " without a token");
            assertAuthorizationProblem(request(TestTokens.foreign(), body).request(op[0], path), 401, key + " with another issuer's token");
            assertAuthorizationProblem(request(TestTokens.board(), body).request(op[0], path), 403, key + " as board");
            assertAuthorizationProblem(request(TestTokens.integrator(), body).request(op[0], path), 403, key + " as integrator");
            if (body != null && !NATIONAL.contains(key)) {
                Response r = request(TestTokens.department("25"), body).request(op[0], path);
                assertEquals(403, r.statusCode(), key + " by province 25's department answered " + r.statusCode() + " " + r.asString());
                assertTrue(r.contentType().startsWith("application/problem+json"), key + ": " + r.contentType());
                assertEquals("https://izone.vn/problems/other-province", r.path("type"), key + ": " + r.asString());
                assertTrue(Set.of("provinceCode", "zoneId", "scopeCode").contains(r.<String>path("errors[0].field")), key + ": " + r.asString());
            } else if (!NATIONAL.contains(key)) {
                unclassified.add(key);
            }
        }
        assertEquals(before, snapshot(db), "a refused write changed the register or its outbox");
        assertTrue(unclassified.isEmpty(), "write operations without a province check here (add a valid body to validRequests()"
                + " or, if they belong to no province, to NATIONAL): " + unclassified);

        // The same tokens do work for who may write: the refusals above were about the role and the province.
        request(TestTokens.department("37"), valid.get("POST /api/v1/zones/{zoneId}/reports"))
                .post("/api/v1/zones/" + zone + "/reports").then().statusCode(201);
        // Reads stay open, even with a token that does not verify.
        given().auth().oauth2(TestTokens.foreign()).get("/api/v1/zones/" + zone).then().statusCode(200);
        given().get("/api/v1/zones/" + zone).then().statusCode(200);
    }

    /**
     * Issue #17, (c): the department of the zones' own province makes every write of the register (all but the
     * operator's), each answered 2xx and recorded as its own; an import's row of another province is refused on its
     * own while the department's row is taken.
     */
    @Test
    void theDepartmentOfTheProvinceMakesEveryWriteOfTheRegister() throws Exception {
        String dept = TestTokens.department("37");
        String quarter1 = """
                {"periodKind":"QUARTER","year":2024,"number":1,"workers":100,"validOn":"2024-06-30","source":"access test"}""";
        String quarter2 = quarter1.replace("\"number\":1", "\"number\":2");
        String[] ids = new String[3]; // zone, project, report
        Map<String, Runnable> writes = new java.util.LinkedHashMap<>();
        writes.put("POST /api/v1/zones", () -> ids[0] = succeeds(as(dept, Api.PARK).post("/api/v1/zones"), 201).path("id"));
        writes.put("PUT /api/v1/zones/{id}", () -> succeeds(as(dept, Api.PARK.replace("(test)", "(corrected)")).header("If-Match", "\"1\"")
                .put("/api/v1/zones/" + ids[0]), 200));
        writes.put("POST /api/v1/zones/{id}/status", () -> succeeds(as(dept, "{\"status\":\"EXPANDED\",\"statusDate\":\"2025-01-01\"}")
                .post("/api/v1/zones/" + ids[0] + "/status"), 200));
        writes.put("POST /api/v1/zones/{zoneId}/projects", () -> ids[1] = succeeds(as(dept, Api.PROJECT)
                .post("/api/v1/zones/" + ids[0] + "/projects"), 201).path("id"));
        writes.put("POST /api/v1/zones/{zoneId}/projects/batch", () -> succeeds(as(dept, "{\"items\":[" + Api.PROJECT + "]}")
                .post("/api/v1/zones/" + ids[0] + "/projects/batch"), 201));
        writes.put("PUT /api/v1/projects/{id}", () -> succeeds(as(dept, Api.PROJECT.replace("\"workers\":620", "\"workers\":640"))
                .header("If-Match", "\"1\"").put("/api/v1/projects/" + ids[1]), 200));
        writes.put("POST /api/v1/zones/{zoneId}/reports", () -> ids[2] = succeeds(as(dept, quarter1)
                .post("/api/v1/zones/" + ids[0] + "/reports"), 201).path("id"));
        writes.put("POST /api/v1/zones/{zoneId}/reports/batch", () -> succeeds(as(dept, "{\"items\":[" + quarter2 + "]}")
                .post("/api/v1/zones/" + ids[0] + "/reports/batch"), 201));
        writes.put("PUT /api/v1/zones/{zoneId}/reports/{id}", () -> succeeds(as(dept, quarter1.replace("\"workers\":100", "\"workers\":120"))
                .header("If-Match", "\"1\"").put("/api/v1/zones/" + ids[0] + "/reports/" + ids[2]), 200));
        writes.put("POST /api/v1/figures", () -> succeeds(as(dept, """
                {"scopeType":"ZONE","scopeCode":"%s","figure":"PLANNED_CLUSTERS","value":3,"unit":"count",
                 "validOn":"2025-09-30","source":"access test"}""".formatted(ids[0])).post("/api/v1/figures"), 201));
        writes.put("POST /api/v1/zones/import", () -> {
            Response r = succeeds(as(dept, "kind,name,provinceCode,formerProvinceCode,status,validOn\n"
                    + "INDUSTRIAL_PARK,Khu công nghiệp của tỉnh (access test),37,37,PLANNED,2025-09-30\n"
                    + "INDUSTRIAL_PARK,Khu công nghiệp tỉnh khác (access test),25,,PLANNED,2025-09-30\n")
                    .contentType("text/csv; charset=UTF-8").post("/api/v1/zones/import"), 200);
            assertEquals("ACCEPTED", r.path("results[0].outcome"), r.asString());
            assertEquals("REJECTED", r.path("results[1].outcome"), r.asString());
            assertEquals("provinceCode", r.path("results[1].errors[0].field"), r.asString());
        });

        Set<String> expected = new TreeSet<>();
        for (String[] op : writeOperations()) {
            if (!op[1].startsWith("/api/v1/admin/")) { // the operator's: RecoveryAccessTest
                expected.add(op[0] + " " + op[1]);
            }
        }
        assertEquals(expected, new TreeSet<>(writes.keySet()), "write operations of the register without a department's success case here");

        long events = Rows.count(db, "outbox_event");
        writes.values().forEach(Runnable::run);
        // one event per accepted record: zone ×3 (registered, updated, status), project ×3, report ×3, imported zone ×1,
        // declared figure ×1 (issue #16: declarations are events too)
        assertEquals(events + 11, Rows.count(db, "outbox_event"));
        given().get("/api/v1/zones/" + ids[0] + "/history").then().statusCode(200)
                .body("actor", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.equalTo("officer@dept-37")));
    }

    /**
     * Every write method of every JAX-RS resource of the register, by reflection, declares who may call it
     * ({@code @RolesAllowed}) and sits behind the province interceptor, naming its target's province
     * ({@code @ProvinceOf}) or saying why it has none ({@code @Nationwide}).
     */
    @Test
    void everyWriteMethodDeclaresItsRolesAndWhereItsProvinceComesFrom() {
        List<String> writes = new ArrayList<>();
        List<String> undeclared = new ArrayList<>();
        for (Class<?> resource : resourceClasses()) {
            for (java.lang.reflect.Method m : resource.getDeclaredMethods()) {
                if (!ProvinceScope.isWrite(m)) {
                    continue;
                }
                String where = resource.getSimpleName() + "." + m.getName();
                writes.add(where);
                if (!m.isAnnotationPresent(RolesAllowed.class) && !resource.isAnnotationPresent(RolesAllowed.class)) {
                    undeclared.add(where + ": no @RolesAllowed");
                }
                if (!resource.isAnnotationPresent(ProvinceScoped.class) && !m.isAnnotationPresent(ProvinceScoped.class)) {
                    undeclared.add(where + ": not @ProvinceScoped");
                }
                boolean target = java.util.Arrays.stream(m.getParameterAnnotations()).flatMap(java.util.Arrays::stream)
                        .anyMatch(a -> a instanceof ProvinceOf);
                if (target == m.isAnnotationPresent(Nationwide.class)) {
                    undeclared.add(where + ": needs either a @ProvinceOf parameter or @Nationwide");
                }
            }
        }
        assertTrue(writes.size() >= 13, "only " + writes.size() + " write methods found: " + writes);
        assertEquals(List.of(), undeclared);
    }

    /** The JAX-RS resource classes of the registry (with a {@code @Path}): every one is a bean of the application. */
    static List<Class<?>> resourceClasses() {
        List<Class<?>> resources = io.quarkus.arc.Arc.container().beanManager()
                .getBeans(Object.class, jakarta.enterprise.inject.Any.Literal.INSTANCE).stream()
                .map(jakarta.enterprise.inject.spi.Bean::getBeanClass)
                .filter(c -> c.getName().startsWith("vn.izone.registry.") && c.isAnnotationPresent(jakarta.ws.rs.Path.class))
                .distinct().collect(java.util.stream.Collectors.toList());
        assertTrue(resources.size() >= 6, "resource classes found: " + resources);
        return resources;
    }

    static RequestSpecification as(String token, String body) {
        return given().contentType("application/json").body(body).auth().oauth2(token);
    }

    static Response succeeds(Response r, int status) {
        assertEquals(status, r.statusCode(), r.asString());
        return r;
    }

    @Test
    void theOpenApiDocumentDeclaresTheBearerSchemeOnEveryWriteAndOnNoRead() throws Exception {
        JsonNode doc = JSON.readTree(given().accept("application/json").get("/q/openapi?format=json").asString());
        JsonNode scheme = doc.path("components").path("securitySchemes").path("bearer");
        assertEquals("http", scheme.path("type").asText(), doc.path("components").toString());
        assertEquals("bearer", scheme.path("scheme").asText());
        int writes = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext(); ) {
                Map.Entry<String, JsonNode> m = methods.next();
                String where = m.getKey() + " " + path.getKey();
                if (WRITES.contains(m.getKey())) {
                    writes++;
                    assertTrue(m.getValue().path("security").toString().contains("\"bearer\""), where + " declares no bearer security");
                    assertTrue(m.getValue().path("responses").has("401"), where + " documents no 401");
                } else if (m.getValue().isObject() && m.getValue().has("responses")) {
                    assertFalse(m.getValue().has("security"), where + " is a read and should stay open");
                }
            }
        }
        assertTrue(writes >= 11, "only " + writes + " write operations");
    }
}
