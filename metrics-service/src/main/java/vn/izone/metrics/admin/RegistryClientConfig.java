package vn.izone.metrics.admin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where metrics-service reads the registry's REST API (POST /api/v1/admin/reconcile), declared once.
 * <p>
 * {@code izone.registry.url} (env {@code IZONE_REGISTRY_URL}, as the local run, the suite and the Kubernetes manifests
 * set it) is the one address: the REST client {@link RegistryApi} takes it through
 * {@code quarkus.rest-client.registry.url=${izone.registry.url}} in application.properties. How long a call may take
 * and how often it is tried are the fault-tolerance annotations on {@link RegistryPages}, overridable per method
 * with {@code quarkus.fault-tolerance."vn.izone.metrics.admin.RegistryPages/<method>".<strategy>.<property>}
 * (docs/metrics.md).
 */
@ConfigMapping(prefix = "izone.registry")
public interface RegistryClientConfig {
    /** registry-service's base URL, without {@code /api/v1}. */
    @WithDefault("http://127.0.0.1:8081")
    String url();
}
