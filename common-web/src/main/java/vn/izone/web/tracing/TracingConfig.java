package vn.izone.web.tracing;

import io.smallrye.config.ConfigMapping;

import java.util.Optional;

/** Tracing's one setting (issue #17; docs/deploy.md "Tracing"), the same in the three services. */
@ConfigMapping(prefix = "izone.tracing")
public interface TracingConfig {
    /**
     * The OTLP collector spans are exported to ({@code IZONE_OTLP_ENDPOINT}, e.g. {@code http://collector:4317}); each
     * service's application.properties hands it to {@code quarkus.otel.exporter.otlp.traces.endpoint}. Unset: spans
     * carry their trace context but none is recorded or exported ({@link ExportSwitch}).
     */
    Optional<String> otlpEndpoint();
}
