package vn.izone.registry.security;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import vn.izone.registry.support.Api;
import vn.izone.registry.support.RegistryTestServers;
import vn.izone.registry.support.TestTokens;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #18: the register's recovery endpoints are an operator's. A registrar, who may write anything in the
 * register, may not reconcile it with the topics or rebuild it from them; the refusals and the rebuild's refusal of a
 * database that is not empty are problem documents. (What the reconciliation and the rebuild do is proved end to end
 * by deploy/suite's RecoveryDrillIT: here the topics are shared with the other test classes.)
 */
@QuarkusTest
@TestProfile(WriteAccessTest.Enforced.class)
@QuarkusTestResource(RegistryTestServers.class)
class RecoveryAccessTest {

    private static void assertProblem(Response r, int status, String field, String what) {
        assertEquals(status, r.statusCode(), what + " answered " + r.statusCode() + " " + r.asString());
        assertTrue(r.contentType().startsWith("application/problem+json"), what + ": " + r.contentType());
        assertEquals(field, r.path("errors[0].field"), what + ": " + r.asString());
    }

    @Test
    void onlyAnOperatorReconcilesOrRebuildsAndARebuildNeedsAnEmptyRegister() {
        for (String path : new String[]{"/api/v1/admin/recovery/reconcile", "/api/v1/admin/rebuild"}) {
            assertProblem(given().post(path), 401, "Authorization", path + " without a token");
            assertProblem(given().auth().oauth2(TestTokens.registrar()).post(path), 403, "Authorization", path + " as registrar");
            assertProblem(given().auth().oauth2(TestTokens.department("37")).post(path), 403, "Authorization", path + " as a department");
            assertProblem(given().auth().oauth2(TestTokens.board()).post(path), 403, "Authorization", path + " as board");
        }
        // the operator may not write the register itself
        assertProblem(given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body(Api.PARK).post("/api/v1/zones"),
                403, "Authorization", "a zone registered by an operator");

        given().auth().oauth2(TestTokens.registrar()).contentType(ContentType.JSON).body(Api.PARK).post("/api/v1/zones")
                .then().statusCode(201);
        assertProblem(given().auth().oauth2(TestTokens.operator()).post("/api/v1/admin/rebuild"), 409, "register",
                "a rebuild into a register that holds a zone");

        Response recovery = given().get("/api/v1/admin/recovery");
        assertEquals(200, recovery.statusCode(), recovery.asString());
        assertEquals(Boolean.TRUE, recovery.path("acceptingChanges"));
        assertEquals(0, recovery.<Integer>path("lostEvents"));
    }
}
