package vn.izone.reporting.registry;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * How reporting-service asks registry-service (zone places, the land bank, the OGC zone list), declared once.
 * <p>
 * {@code izone.registry.url} (env {@code IZONE_REGISTRY_URL}, as the local run, the suite and the Kubernetes manifests
 * set it) is the one address: the REST client {@link RegistryApi} takes it through
 * {@code quarkus.rest-client.registry.url=${izone.registry.url}} in application.properties. How long each call may take
 * and when the registry is left alone are the fault-tolerance annotations on the callers
 * ({@code landbank/RegistryLandBank}, {@code ogc/RegistryZones}, {@code zones/ZonePlaces}); each can be overridden with
 * {@code quarkus.fault-tolerance."<class>/<method>".<strategy>.<property>} (docs/reporting.md).
 */
@ConfigMapping(prefix = "izone.registry")
public interface RegistryClientConfig {
    /** registry-service's base URL, without {@code /api/v1}. */
    @WithDefault("http://127.0.0.1:8081")
    String url();

    /** A zone whose place the registry did not give (away, failing, or unknown zone) is asked again after this long. */
    @WithDefault("1m")
    Duration zoneLookupRetry();
}
