package vn.izone.metrics.support;

import vn.izone.servers.IzoneServersResource;

/** metrics-service tests run on a real PostgreSQL database of their own and a real Kafka broker. */
public class MetricsTestServers extends IzoneServersResource {
    @Override
    public void init(java.util.Map<String, String> initArgs) {
        super.init(java.util.Map.of("database", "metrics"));
    }
}
