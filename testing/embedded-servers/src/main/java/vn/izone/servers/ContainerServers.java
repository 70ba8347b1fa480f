package vn.izone.servers;

import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** PostgreSQL and Kafka from Testcontainers, for machines with a Docker engine ({@code -Dizone.servers=testcontainers}). */
public final class ContainerServers implements Servers {
    private final PostgreSQLContainer postgres;
    private final KafkaContainer kafka;

    private ContainerServers(PostgreSQLContainer postgres, KafkaContainer kafka) {
        this.postgres = postgres;
        this.kafka = kafka;
    }

    public static ContainerServers start() {
        PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:16-alpine");
        KafkaContainer kafka = new KafkaContainer("apache/kafka:4.1.1");
        postgres.start();
        kafka.start();
        return new ContainerServers(postgres, kafka);
    }

    @Override
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + postgres.getHost() + ":" + postgres.getMappedPort(5432) + "/" + database;
    }

    @Override
    public String username() {
        return postgres.getUsername();
    }

    @Override
    public String password() {
        return postgres.getPassword();
    }

    @Override
    public void ensureDatabase(String database) {
        try (Connection c = DriverManager.getConnection(postgres.getJdbcUrl(), username(), password());
             Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
                if (!rs.next()) {
                    s.execute("CREATE DATABASE " + database);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + database, e);
        }
    }

    @Override
    public String bootstrapServers() {
        return kafka.getBootstrapServers();
    }

    @Override
    public void close() {
        kafka.stop();
        postgres.stop();
    }
}
