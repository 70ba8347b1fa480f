package vn.izone.web.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The W3C trace context as the services write and read it, on OpenTelemetry's SDK with the export switch off and on. */
class TraceContextTest {
    static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String INCOMING = "00-" + TRACE + "-00f067aa0ba902b7-01";
    static final String W3C = "00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]";

    static Tracer tracer(boolean exporting) {
        return SdkTracerProvider.builder().setSampler(new ExportSwitch(exporting)).build().get("test");
    }

    @Test
    void withExportingOffASpanStillCarriesItsTraceButIsNotSampled() {
        Span root = tracer(false).spanBuilder("write").setNoParent().startSpan();
        assertFalse(root.isRecording(), "nothing is recorded, so nothing can be exported");
        Map<String, String> headers = TraceContext.headersOf(Context.root().with(root));
        assertTrue(headers.get("traceparent").matches(W3C), headers.toString());
        assertTrue(headers.get("traceparent").endsWith("-00"), "not sampled: " + headers);
        assertEquals(root.getSpanContext().getTraceId(), headers.get("traceparent").substring(3, 35));

        Span child = tracer(false).spanBuilder("relay").setParent(TraceContext.fromHeaders(INCOMING, "izone=1")).startSpan();
        assertEquals(TRACE, child.getSpanContext().getTraceId(), "a child continues the incoming trace");
        assertNotEquals("00f067aa0ba902b7", child.getSpanContext().getSpanId(), "with a span id of its own");
        assertEquals("izone=1", TraceContext.headersOf(Context.root().with(child)).get("tracestate"));
    }

    @Test
    void withExportingOnSpansAreRecordedAndSampled() {
        Span root = tracer(true).spanBuilder("write").setNoParent().startSpan();
        assertTrue(root.isRecording());
        assertTrue(TraceContext.headersOf(Context.root().with(root)).get("traceparent").endsWith("-01"));
        assertTrue(new ExportSwitch(java.util.Optional.of("http://collector:4317")).exporting());
        assertFalse(new ExportSwitch(java.util.Optional.empty()).exporting());
        assertFalse(new ExportSwitch(java.util.Optional.of(" ")).exporting());
    }

    @Test
    void aReaderToleratesAMissingOrBrokenTraceparent() {
        assertFalse(TraceContext.spanContext(TraceContext.fromHeaders(null, null)).isValid());
        assertFalse(TraceContext.spanContext(TraceContext.fromHeaders("not-a-traceparent", null)).isValid());
        assertFalse(TraceContext.spanContext(TraceContext.fromHeaders("00-" + "0".repeat(32) + "-00f067aa0ba902b7-01", null)).isValid());
        assertFalse(TraceContext.spanContext(TraceContext.fromKafka(new RecordHeaders())).isValid());
        assertTrue(TraceContext.headersOf(Context.root()).isEmpty(), "no span, no header");
    }

    @Test
    void kafkaHeadersCarryExactlyOneTraceparent() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_id", "x".getBytes(StandardCharsets.UTF_8));
        headers.add("traceparent", "00-11111111111111111111111111111111-1111111111111111-01".getBytes(StandardCharsets.UTF_8));
        Span span = tracer(false).spanBuilder("relay").setParent(TraceContext.fromHeaders(INCOMING, null)).startSpan();
        TraceContext.toKafka(Context.root().with(span), headers);
        List<String> values = StreamSupport.stream(headers.headers("traceparent").spliterator(), false)
                .map(h -> new String(h.value(), StandardCharsets.UTF_8)).toList();
        assertEquals(1, values.size(), values.toString());
        SpanContext read = TraceContext.spanContext(TraceContext.fromKafka(headers));
        assertEquals(TRACE, read.getTraceId());
        assertEquals(span.getSpanContext().getSpanId(), read.getSpanId(), "the relay's span, not the header that was there");
        assertEquals("x", new String(headers.lastHeader("ce_id").value(), StandardCharsets.UTF_8), "other headers stay");
    }

    @Test
    void aBatchSpanIsTheChildOfItsFirstTracedMessageAndLinksEveryOne() {
        Tracer tracer = tracer(true);
        List<SpanContext> causes = new ArrayList<>();
        causes.add(SpanContext.getInvalid()); // a record without traceparent
        causes.add(TraceContext.spanContext(TraceContext.fromHeaders(INCOMING, null)));
        for (int i = 0; i < 200; i++) {
            causes.add(tracer.spanBuilder("write " + i).setNoParent().startSpan().getSpanContext());
        }
        causes.add(causes.get(1)); // the same change twice in one batch: one link
        Span batch = TraceContext.startBatch(tracer.spanBuilder("apply"), causes);
        assertEquals(TRACE, batch.getSpanContext().getTraceId());
        var data = ((ReadableSpan) batch).toSpanData();
        assertEquals("00f067aa0ba902b7", data.getParentSpanId());
        assertEquals(TraceContext.MAX_LINKS, data.getLinks().size());
        assertEquals(causes.get(1), data.getLinks().get(0).getSpanContext());

        Span alone = TraceContext.startBatch(tracer.spanBuilder("apply"), List.of(SpanContext.getInvalid()));
        assertTrue(alone.getSpanContext().isValid());
        assertFalse(((ReadableSpan) alone).toSpanData().getParentSpanContext().isValid(), "no trace context: a new trace");
    }
}
