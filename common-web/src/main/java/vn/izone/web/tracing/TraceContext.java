package vn.izone.web.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapSetter;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The W3C trace context (<a href="https://www.w3.org/TR/trace-context/">traceparent, tracestate</a>) that follows a
 * change from the department's request through the outbox, the relay, metrics' apply and the indicator snapshot to
 * reporting (issue #17, docs/deploy.md "Tracing"). Written and read by OpenTelemetry's W3C propagator only: baggage is
 * not part of the event contract, and nothing here formats a header by hand.
 * <p>
 * A reader is tolerant: a record without a {@code traceparent}, or with one the propagator does not accept, yields the
 * root context, and the work it causes starts a trace of its own.
 */
public final class TraceContext {
    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";
    /** OpenTelemetry's default span link limit (quarkus.otel.span.link.count.limit): more would be dropped anyway. */
    public static final int MAX_LINKS = 128;

    private static final TextMapPropagator W3C = W3CTraceContextPropagator.getInstance();

    private static final TextMapSetter<Map<String, String>> MAP_SETTER = (carrier, key, value) -> {
        if (carrier != null) {
            carrier.put(key, value);
        }
    };
    private static final TextMapGetter<Map<String, String>> MAP_GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };
    private static final TextMapGetter<Headers> KAFKA_GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers carrier) {
            Set<String> keys = new HashSet<>();
            carrier.forEach(h -> keys.add(h.key()));
            return keys;
        }

        @Override
        public String get(Headers carrier, String key) {
            if (carrier == null) {
                return null;
            }
            Header header = carrier.lastHeader(key);
            return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }
    };
    private static final TextMapSetter<Headers> KAFKA_SETTER = (carrier, key, value) -> {
        if (carrier != null) {
            carrier.remove(key); // one traceparent per record, whatever was there before
            carrier.add(key, value.getBytes(StandardCharsets.UTF_8));
        }
    };

    private TraceContext() {
    }

    /**
     * The {@code traceparent} (and {@code tracestate}, when the span has one) of a context's span, as the W3C
     * propagator writes them; empty when the context holds no valid span.
     */
    public static Map<String, String> headersOf(Context context) {
        Map<String, String> headers = new LinkedHashMap<>(2);
        W3C.inject(context, headers, MAP_SETTER);
        return headers;
    }

    /** The context a stored {@code traceparent}/{@code tracestate} pair names (the root context when there is none or it is invalid). */
    public static Context fromHeaders(String traceparent, String tracestate) {
        if (traceparent == null || traceparent.isBlank()) {
            return Context.root();
        }
        Map<String, String> carrier = new LinkedHashMap<>(2);
        carrier.put(TRACEPARENT, traceparent);
        if (tracestate != null && !tracestate.isBlank()) {
            carrier.put(TRACESTATE, tracestate);
        }
        return W3C.extract(Context.root(), carrier, MAP_GETTER);
    }

    /** The context a Kafka record's headers carry (its last {@code traceparent}); the root context when it carries none. */
    public static Context fromKafka(Headers headers) {
        return W3C.extract(Context.root(), headers, KAFKA_GETTER);
    }

    /** Writes the context's {@code traceparent} (and {@code tracestate}) into a record's headers, replacing any there. */
    public static void toKafka(Context context, Headers headers) {
        W3C.inject(context, headers, KAFKA_SETTER);
    }

    /** The span context a context holds: {@link SpanContext#isValid()} is false for the root context. */
    public static SpanContext spanContext(Context context) {
        return Span.fromContext(context).getSpanContext();
    }

    /**
     * Starts a span over work done for several messages at once (a poll's batch, a publishing round): the child of the
     * first message that carries a trace context, so that a change travelling alone stays one trace, and linked to
     * every message's context (the first {@link #MAX_LINKS} distinct ones), as OpenTelemetry's messaging conventions
     * have it for batches. Without any trace context it starts a new trace.
     */
    public static Span startBatch(SpanBuilder builder, List<SpanContext> causes) {
        SpanContext parent = null;
        Set<SpanContext> linked = new HashSet<>();
        List<SpanContext> links = new ArrayList<>();
        for (SpanContext cause : causes) {
            if (cause == null || !cause.isValid()) {
                continue;
            }
            if (parent == null) {
                parent = cause;
            }
            if (links.size() < MAX_LINKS && linked.add(cause)) {
                links.add(cause);
            }
        }
        if (parent == null) {
            builder.setNoParent();
        } else {
            builder.setParent(Context.root().with(Span.wrap(parent)));
        }
        links.forEach(builder::addLink);
        return builder.startSpan();
    }

    /**
     * The consumer span over one poll's batch of a topic, named and tagged as OpenTelemetry's messaging conventions
     * have it ({@code <topic> process}), the child of the first record's trace and linked to every record's
     * ({@link #startBatch}).
     */
    public static Span startConsumerBatch(Tracer tracer, String topic, List<SpanContext> causes) {
        return startBatch(tracer.spanBuilder(topic + " process").setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation.type", "process")
                .setAttribute("messaging.destination.name", topic)
                .setAttribute("messaging.batch.message_count", (long) causes.size()), causes);
    }

    /** Runs the work with the span current, records a failure on the span (and rethrows it), and ends the span. */
    public static void within(Span span, Runnable work) {
        try (Scope ignored = span.makeCurrent()) {
            work.run();
        } catch (RuntimeException e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR);
            throw e;
        } finally {
            span.end();
        }
    }
}
