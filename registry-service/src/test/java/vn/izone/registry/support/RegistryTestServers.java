package vn.izone.registry.support;

import vn.izone.servers.IzoneServersResource;

/** The registry's tests run on a real PostgreSQL database of their own and a real Kafka broker. */
public class RegistryTestServers extends IzoneServersResource {
    @Override
    public void init(java.util.Map<String, String> initArgs) {
        super.init(java.util.Map.of("database", "registry"));
    }
}
