package vn.izone.reporting;

import vn.izone.servers.IzoneServersResource;

/** reporting-service tests run on a real PostgreSQL database of their own and a real Kafka broker. */
public class ReportingTestServers extends IzoneServersResource {
    @Override
    public void init(java.util.Map<String, String> initArgs) {
        super.init(java.util.Map.of("database", "reporting"));
    }
}
