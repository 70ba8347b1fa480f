package vn.izone.registry.security;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import vn.izone.registry.support.Api;
import vn.izone.registry.support.RegistryTestServers;
import vn.izone.registry.support.TestTokens;

import java.util.Map;

import static io.restassured.RestAssured.given;

/**
 * The shipped defaults, before an operator configures the issuer's key: the service starts and serves reads,
 * writes need a token, and no token verifies (not even one signed with the tests' key).
 */
@QuarkusTest
@TestProfile(UnconfiguredKeyTest.ShippedDefaults.class)
@QuarkusTestResource(RegistryTestServers.class)
class UnconfiguredKeyTest {
    public static class ShippedDefaults implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("izone.auth.enforce", "true", "mp.jwt.verify.publickey.location", "jwt/unconfigured-public.pem");
        }
    }

    @Test
    void readsWorkAndNoTokenIsTrusted() {
        given().get("/api/v1/provinces").then().statusCode(200);
        given().get("/api/v1/zones").then().statusCode(200);
        given().contentType(ContentType.JSON).body(Api.PARK).post("/api/v1/zones").then().statusCode(401);
        given().contentType(ContentType.JSON).auth().oauth2(TestTokens.registrar()).body(Api.PARK).post("/api/v1/zones")
                .then().statusCode(401);
    }
}
