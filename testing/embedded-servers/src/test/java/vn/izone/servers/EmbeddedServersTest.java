package vn.izone.servers;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbeddedServersTest {

    @Test
    void keepsPostgresAndKafkaDataAcrossARestart(@TempDir Path data) throws Exception {
        try (EmbeddedServers servers = EmbeddedServers.start(data, 0, 0)) {
            servers.ensureDatabase("kept");
            sql(servers, "CREATE TABLE t (v text)", "INSERT INTO t VALUES ('Hà Nam')");
            produce(servers.bootstrapServers(), "izone.check", "Ninh Bình");
        }
        try (EmbeddedServers servers = EmbeddedServers.start(data, 0, 0)) {
            try (Connection c = DriverManager.getConnection(servers.jdbcUrl("kept"), servers.username(), servers.password());
                 Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT v FROM t")) {
                assertTrue(rs.next());
                assertEquals("Hà Nam", rs.getString(1));
            }
            assertEquals(List.of("Ninh Bình"), consumeAll(servers.bootstrapServers(), "izone.check", 1));
        }
    }

    @Test
    void brokerComesBackAfterAKill() throws Exception {
        try (EmbeddedServers servers = EmbeddedServers.start(null, 0, 0)) {
            produce(servers.bootstrapServers(), "izone.drill", "before");
            servers.kafka().kill();
            servers.kafka().restart();
            produce(servers.bootstrapServers(), "izone.drill", "after");
            assertEquals(List.of("before", "after"), consumeAll(servers.bootstrapServers(), "izone.drill", 2));
        }
    }

    @Test
    void postgresComesBackOnTheSameDataAndPortAfterAStopAndAKill() throws Exception {
        try (EmbeddedServers servers = EmbeddedServers.start(null, 0, 0)) {
            PostgresServer postgres = servers.postgres();
            int port = postgres.port();
            servers.ensureDatabase("kept");
            sql(servers, "CREATE TABLE t (v text)", "INSERT INTO t VALUES ('before')");
            postgres.stop();
            assertThrows(java.sql.SQLException.class, () -> sql(servers, "SELECT 1"), "stopped means unreachable");
            postgres.restart();
            sql(servers, "INSERT INTO t VALUES ('after stop')");
            // a committed row survives a power cut: crash recovery replays the write-ahead log
            postgres.kill();
            assertThrows(java.sql.SQLException.class, () -> sql(servers, "SELECT 1"), "killed means unreachable");
            postgres.restart();
            sql(servers, "INSERT INTO t VALUES ('after kill')");
            assertEquals(port, postgres.port());
            try (Connection c = DriverManager.getConnection(servers.jdbcUrl("kept"), servers.username(), servers.password());
                 Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT string_agg(v, ',' ORDER BY v) FROM t")) {
                assertTrue(rs.next());
                assertEquals("after kill,after stop,before", rs.getString(1));
            }
        }
    }

    private static void sql(EmbeddedServers servers, String... statements) throws Exception {
        try (Connection c = DriverManager.getConnection(servers.jdbcUrl("kept"), servers.username(), servers.password());
             Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    private static void produce(String bootstrap, String topic, String value) throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>(topic, "k", value)).get();
        }
    }

    private static List<String> consumeAll(String bootstrap, String topic, int expected) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "check-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plusSeconds(60);
            while (values.size() < expected && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    values.add(r.value());
                }
            }
        }
        return values;
    }
}
