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
import vn.izone.registry.support.Rows;

import javax.sql.DataSource;

import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
    @Inject
    DataSource db;

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

    /**
     * A project write reads what it needs of its zone in one statement (status, land for lease, land leased by the
     * zone's other active projects): the same answers as the zone entity and the separate SUM gave.
     */
    @Test
    void aProjectWriteChecksItsZoneFromOneStatement() {
        String zone = Api.zone(Api.PARK); // 250 ha of industrial land for lease
        String big = Api.project(zone, Api.PROJECT.replace("\"leasedAreaHa\":15", "\"leasedAreaHa\":200"));

        // A correction does not count the project's own land twice: 240 of 250 ha, the others lease nothing.
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body(Api.PROJECT.replace("\"leasedAreaHa\":15", "\"leasedAreaHa\":240"))
                .put("/api/v1/projects/" + big).then().statusCode(200).body("revision", equalTo(2));

        // Another active project would overflow the zone: refused, naming the field, nothing written.
        String before = Rows.snapshot(db);
        Api.post("/api/v1/zones/" + zone + "/projects", Api.PROJECT.replace("\"leasedAreaHa\":15", "\"leasedAreaHa\":20"))
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo("leasedAreaHa")).body("errors[0].message", containsString("260"));
        assertEquals(before, Rows.snapshot(db));

        // A suspended project's land is not counted; a zone that does not exist is a 404 naming it.
        Api.post("/api/v1/zones/" + zone + "/projects", Api.PROJECT.replace("\"leasedAreaHa\":15", "\"leasedAreaHa\":20")
                        .replace("\"status\":\"OPERATING\"", "\"status\":\"SUSPENDED\",\"statusReason\":\"test\",\"statusDate\":\"2025-01-01\""))
                .then().statusCode(201);
        Api.post("/api/v1/zones/" + UUID.randomUUID() + "/projects", Api.PROJECT)
                .then().statusCode(404).contentType("application/problem+json");
    }

    /**
     * The write path's own statements (ProjectRows) guard a correction by the version it read, as Hibernate's
     * {@code @Version} did: eight corrections of revision 1 at once, one commits; the others are refused (409 when
     * they read revision 1 before the winner committed, 412 after), and the register holds one change and one event.
     */
    @Test
    void concurrentCorrectionsOfOneRevisionCommitOnlyOne() throws Exception {
        String zone = Api.zone(Api.PARK);
        String project = Api.project(zone, Api.PROJECT);
        int writers = 8;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(writers);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
        for (int i = 0; i < writers; i++) {
            int workers = 700 + i;
            answers.add(pool.submit(() -> {
                start.await();
                return given().contentType(ContentType.JSON).header("If-Match", "\"1\"")
                        .body(Api.PROJECT.replace("\"workers\":620", "\"workers\":" + workers))
                        .put("/api/v1/projects/" + project).then().extract().statusCode();
            }));
        }
        start.countDown();
        List<Integer> statuses = new java.util.ArrayList<>();
        for (java.util.concurrent.Future<Integer> answer : answers) {
            statuses.add(answer.get(60, java.util.concurrent.TimeUnit.SECONDS));
        }
        pool.shutdown();
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), "one correction commits: " + statuses);
        assertTrue(statuses.stream().allMatch(s -> s == 200 || s == 409 || s == 412), "the others are refused: " + statuses);
        given().get("/api/v1/projects/" + project).then().statusCode(200).body("revision", equalTo(2));
        assertEquals(2, Rows.count(db, "outbox_event", "aggregate_id = '" + project + "'"),
                "the registration and the one correction that committed");
    }

    /**
     * A batch in a zone that states no land for lease: nothing to check the leased land against (it used to add
     * each item's land to a null total and fail with a 500).
     */
    @Test
    void aBatchInAZoneWithoutLandForLeaseIsRegistered() {
        String zone = Api.zone(Api.PARK.replace("\"industrialLandHa\":250,\"leasedAreaHa\":232,", ""));
        given().contentType(ContentType.JSON)
                .body("{\"items\":[" + Api.PROJECT + "," + Api.PROJECT.replace("Nhà máy kính", "Nhà máy thép") + "]}")
                .post("/api/v1/zones/" + zone + "/projects/batch").then().statusCode(201).body("count", equalTo(2));
        assertEquals(2, Rows.count(db, "project", "zone_id = '" + zone + "'"));
    }

    /** A retried registration answers the project the key created, from the database, and creates nothing. */
    @Test
    void aRetriedRegistrationAnswersTheProjectItCreated() {
        String zone = Api.zone(Api.PARK);
        String key = UUID.randomUUID().toString();
        io.restassured.path.json.JsonPath first = given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(Api.PROJECT).post("/api/v1/zones/" + zone + "/projects").then().statusCode(201).extract().jsonPath();
        io.restassured.path.json.JsonPath again = given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(Api.PROJECT).post("/api/v1/zones/" + zone + "/projects").then().statusCode(201).extract().jsonPath();
        assertEquals(first.getString("id"), again.getString("id"));
        assertEquals(first.getString("updatedAt"), again.getString("updatedAt"), "the first answer's time is the one stored");
        assertEquals(0, first.getDouble("leasedAreaHa") - again.getDouble("leasedAreaHa"));
        assertEquals(1, Rows.count(db, "project", "zone_id = '" + zone + "'"));
        assertEquals(1, Rows.count(db, "outbox_event", "partition_key = '" + zone + "' AND aggregate_type = 'project'"));
    }
}
