package vn.izone.metrics.admin;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import vn.izone.metrics.support.MetricsTestServers;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The registry's address is declared once (RegistryClientConfig's default, or IZONE_REGISTRY_URL) and the REST client
 * takes it from there: in the default test application nothing sets it, so both read the mapping's default.
 */
@QuarkusTest
@QuarkusTestResource(MetricsTestServers.class)
class RegistryClientConfigTest {
    @Inject
    RegistryClientConfig config;

    @Test
    void theRestClientTakesTheAddressDeclaredOnce() {
        assertEquals(System.getenv().getOrDefault("IZONE_REGISTRY_URL", "http://127.0.0.1:8081"), config.url());
        assertEquals(config.url(), ConfigProvider.getConfig().getValue("quarkus.rest-client.registry.url", String.class));
    }
}
