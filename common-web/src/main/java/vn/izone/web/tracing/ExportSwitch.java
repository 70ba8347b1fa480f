package vn.izone.web.tracing;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;

/**
 * Whether spans are recorded and exported: only when an OTLP endpoint is configured ({@link TracingConfig#otlpEndpoint()},
 * env {@code IZONE_OTLP_ENDPOINT}; docs/deploy.md "Tracing"). Quarkus takes a {@link Sampler} bean in place of its
 * configured sampler.
 * <p>
 * Without an endpoint every span is dropped by this sampler: it still gets its ids and carries its trace, so the
 * W3C trace context goes into the outbox and the Kafka headers exactly as with exporting on (flag "not sampled"), but
 * no span ever reaches the OTLP exporter, which therefore never connects to anything. The exporter is chosen when the
 * application is built ({@code quarkus.otel.traces.exporter}), and Quarkus always resolves an unset OTLP endpoint to
 * localhost:4317, so the choice at run time is made here. With an endpoint: parent-based, always on (Quarkus' default).
 */
@Singleton
public class ExportSwitch implements Sampler {
    private final boolean exporting;
    private final Sampler delegate;

    @Inject
    public ExportSwitch(TracingConfig config) {
        this(config.otlpEndpoint());
    }

    ExportSwitch(Optional<String> otlpEndpoint) {
        this(otlpEndpoint.filter(e -> !e.isBlank()).isPresent());
    }

    ExportSwitch(boolean exporting) {
        this.exporting = exporting;
        this.delegate = exporting ? Sampler.parentBased(Sampler.alwaysOn()) : Sampler.alwaysOff();
    }

    /** True when an OTLP endpoint is configured and spans are recorded and exported. */
    public boolean exporting() {
        return exporting;
    }

    @Override
    public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind,
                                       Attributes attributes, List<LinkData> parentLinks) {
        return delegate.shouldSample(parentContext, traceId, name, spanKind, attributes, parentLinks);
    }

    @Override
    public String getDescription() {
        return "izone-export-switch{" + (exporting ? "exporting" : "not exporting") + ", " + delegate.getDescription() + "}";
    }
}
