package vn.izone.metrics.support;

import vn.izone.servers.IzoneServersResource;

/** metrics-service tests run on a real PostgreSQL database of their own and a real Kafka broker. */
public class MetricsTestServers extends IzoneServersResource {
    @Override
    public void init(java.util.Map<String, String> initArgs) {
        super.init(java.util.Map.of("database", "metrics"));
    }

    /** A consumer group per test application: a new database starts from the topics' beginning. */
    @Override
    public java.util.Map<String, String> start() {
        java.util.Map<String, String> config = new java.util.HashMap<>(super.start());
        config.put("kafka.group.id", "izone-metrics-" + java.util.UUID.randomUUID());
        return config;
    }
}
