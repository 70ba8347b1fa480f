package vn.izone.registry.events;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import vn.izone.registry.support.RegistryTestServers;
import vn.izone.registry.support.Rows;
import vn.izone.registry.support.TopicReader;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The relay wakes on commit (LISTEN/NOTIFY), not by its poll: with the poll set to once an hour, a change still
 * reaches its topic — and still does after the listening connection was cut, which the listener replaces by itself.
 * (Outcomes only: how fast is the bench's figure, docs/performance.md.)
 */
@QuarkusTest
@QuarkusTestResource(RegistryTestServers.class)
@TestProfile(OutboxWakeUpTest.HourlyPoll.class)
class OutboxWakeUpTest {
    /** The fallback poll out of the way: only a wake-up on commit can relay within the test. */
    public static class HourlyPoll implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("izone.outbox.poll-interval", "1h");
        }
    }

    static final String PARK = """
            {"kind":"INDUSTRIAL_PARK","name":"Khu công nghiệp %s","provinceCode":"37","formerProvinceCode":"35",
             "status":"IN_OPERATION","statusDate":"2008-01-01","plannedAreaHa":320,"establishedAreaHa":320,
             "industrialLandHa":230,"validOn":"2024-12-31","source":"test"}""";

    @Inject
    AgroalDataSource db;
    @Inject
    OutboxListener listener;

    @Test
    void aCommittedChangeIsRelayedWithoutWaitingForThePoll() {
        await().atMost(Duration.ofSeconds(30)).until(listener::listening);
        String id = register("Đánh thức");
        assertRelayed(id);
    }

    @Test
    void theListenerReconnectsByItselfAfterItsConnectionIsCut() throws SQLException {
        await().atMost(Duration.ofSeconds(30)).until(listener::listening);
        int before = listenerBackend();
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("SELECT pg_terminate_backend(" + before + ")");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> listener.listening() && listenerBackend() > 0 && listenerBackend() != before);
        assertNotEquals(before, listenerBackend());
        String id = register("Nối lại");
        assertRelayed(id);
    }

    /**
     * Another instance hears the commit too: the notification goes to every listener of the database, after the
     * commit (a listener that only LISTENs, as another registry instance's, receives it).
     */
    @Test
    void anotherInstanceHearsTheCommit() throws SQLException {
        try (Connection other = db.getConnection(); Statement s = other.createStatement()) {
            s.execute("LISTEN " + OutboxListener.CHANNEL);
            org.postgresql.PGConnection pg = other.unwrap(org.postgresql.PGConnection.class);
            pg.getNotifications(1); // none pending before the change
            register("Nghe thấy");
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            org.postgresql.PGNotification[] heard = null;
            while ((heard == null || heard.length == 0) && System.nanoTime() < deadline) {
                heard = pg.getNotifications(500);
            }
            assertTrue(heard != null && heard.length > 0, "a LISTEN on " + OutboxListener.CHANNEL + " heard the commit");
            s.execute("UNLISTEN *");
        }
    }

    private static String register(String name) {
        return given().contentType(ContentType.JSON).body(PARK.formatted(name)).post("/api/v1/zones")
                .then().statusCode(201).extract().path("id");
    }

    private void assertRelayed(String zoneId) {
        List<ConsumerRecord<String, String>> events = TopicReader.read(Topics.ZONES, TopicReader.aggregate(zoneId), 1, Duration.ofSeconds(60));
        assertEquals(1, events.size(), "the zone's event reached its topic without the hourly poll");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Rows.count(db, "outbox_event", "aggregate_id = '" + zoneId + "' AND published_at IS NOT NULL") == 1);
        assertTrue(Rows.count(db, "outbox_event", "aggregate_id = '" + zoneId + "' AND published_at >= occurred_at") == 1);
    }

    /** The backend serving the listener's connection, or 0 when none listens. */
    private int listenerBackend() throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pid FROM pg_stat_activity WHERE application_name = 'izone-outbox-listener' "
                     + "AND datname = current_database() ORDER BY backend_start DESC LIMIT 1")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }
}
