package vn.izone.reporting.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;
import org.junit.jupiter.api.Test;
import vn.izone.reporting.ReportingTestServers;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #14: reporting-service only reads. Its own OpenAPI document lists no write operation but this test's
 * probe (a new one fails the test until it is given a role and a test); and a write endpoint nobody gave a role
 * to — the probe — is refused to every caller (401 without a verified token, 403 with any role) as problem+json
 * naming {@code Authorization}, and never runs. With sign-in on ({@link Enforced}).
 */
@QuarkusTest
@TestProfile(WriteEndpointsAccessTest.Enforced.class)
@QuarkusTestResource(ReportingTestServers.class)
class WriteEndpointsAccessTest {
    public static class Enforced implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("izone.auth.enforce", "true");
        }
    }

    private static final Set<String> WRITES = Set.of("post", "put", "patch", "delete");
    /** The write operations reporting-service has: only this test's probe. */
    static final Set<String> EXPECTED = Set.of("POST /api/v1/access-probe");

    static String token(String issuer, String role) {
        return Jwt.issuer(issuer).upn(role + "@test").groups(Set.of(role)).claim("province", "37")
                .expiresIn(Duration.ofHours(1)).sign();
    }

    static void assertAuthorizationProblem(Response r, int status, String what) {
        assertEquals(status, r.statusCode(), what + " answered " + r.statusCode() + " " + r.asString());
        assertTrue(r.contentType().startsWith("application/problem+json"), what + ": " + r.contentType());
        assertEquals("Authorization", r.path("errors[0].field"), what + ": " + r.asString());
    }

    @Test
    void noWriteOperationButTheProbeAndTheProbeIsDeniedToEveryone() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(given().accept("application/json").get("/q/openapi?format=json")
                .then().statusCode(200).extract().asString());
        Set<String> writes = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext(); ) {
                Map.Entry<String, JsonNode> m = methods.next();
                if (WRITES.contains(m.getKey())) {
                    writes.add(m.getKey().toUpperCase() + " " + path.getKey());
                    assertTrue(m.getValue().path("security").toString().contains("\"bearer\""), m.getKey() + " " + path.getKey());
                }
            }
        }
        assertEquals(EXPECTED, writes, "reporting-service's write operations changed: give a new one its role and its test");
        assertEquals("bearer", doc.path("components").path("securitySchemes").path("bearer").path("scheme").asText());

        for (String op : writes) {
            String method = op.substring(0, op.indexOf(' '));
            String path = op.substring(op.indexOf(' ') + 1);
            RequestSpecification anonymous = given().contentType("application/json").body("{}");
            assertAuthorizationProblem(anonymous.request(method, path), 401, op + " without a token");
            assertAuthorizationProblem(given().contentType("application/json").body("{}")
                    .auth().oauth2(token("https://elsewhere.example", "operator")).request(method, path), 401, op + " foreign token");
            for (String role : new String[]{"board", "integrator", "department", "registrar", "finance", "operator"}) {
                assertAuthorizationProblem(given().contentType("application/json").body("{}")
                        .auth().oauth2(token("https://izone.vn", role)).request(method, path), 403, op + " as " + role);
            }
        }
        assertEquals(0, AccessProbeResource.CALLS.get(), "a refused write ran");
        // Reads stay open, even with a token that does not verify.
        given().get("/api/v1/rollups/national").then().statusCode(org.hamcrest.Matchers.lessThan(500))
                .statusCode(org.hamcrest.Matchers.not(401));
        given().auth().oauth2(token("https://elsewhere.example", "board")).get("/api/v1/rollups/national").then()
                .statusCode(org.hamcrest.Matchers.lessThan(500)).statusCode(org.hamcrest.Matchers.not(401));
    }
}
