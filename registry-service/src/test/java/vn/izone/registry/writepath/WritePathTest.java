package vn.izone.registry.writepath;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.Cache;
import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.Test;
import vn.izone.registry.province.FormerProvince;
import vn.izone.registry.province.Province;
import vn.izone.registry.support.Api;
import vn.izone.registry.support.RegistryTestServers;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the single write no longer does (issue #15, docs/performance.md "Registry write path — session 7"), asserted
 * by its outcome, never by a time.
 */
@QuarkusTest
@QuarkusTestResource(RegistryTestServers.class)
class WritePathTest {
    @Inject
    EntityManagerFactory factory;

    @Test
    void anIdempotentWriteLeavesTheCachedReferenceDataCached() {
        String zone = given().contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Api.PARK).post("/api/v1/zones").then().statusCode(201).extract().path("id");
        Cache cache = factory.getCache();
        assertTrue(cache.contains(Province.class, "37"), "the zone's view read province 37 through the cache");
        assertTrue(cache.contains(FormerProvince.class, "37"));

        // The idempotency key's INSERT is a native statement: Hibernate evicted the whole second-level cache after
        // it until the statement said which table it touches.
        given().contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Api.PROJECT).post("/api/v1/zones/" + zone + "/projects").then().statusCode(201);
        assertTrue(cache.contains(Province.class, "37"), "province 37 still cached after an idempotent project write");
        assertTrue(cache.contains(FormerProvince.class, "37"));
    }
}
