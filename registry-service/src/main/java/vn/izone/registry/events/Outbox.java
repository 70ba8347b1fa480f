package vn.izone.registry.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import vn.izone.web.tracing.TraceContext;

/**
 * Writes an event into the outbox inside the caller's transaction: the change and its event commit
 * together or not at all. Nothing here talks to Kafka; {@link OutboxRelay} does.
 * <p>
 * Each row keeps the W3C trace context of the writing request (its server span, itself the child of the caller's
 * {@code traceparent} when it sent one), which the relay's span continues (issue #17). A write outside any request (the
 * reconciliation after a restore) gets a span, and so a trace, of its own.
 */
@ApplicationScoped
public class Outbox {
    private final ObjectMapper json;
    private final Event<EventEnvelope> recorded;
    private final vn.izone.registry.recovery.RecoveryGate gate;
    private final OutboxNotifier notifier;
    private final Tracer tracer;

    public Outbox(ObjectMapper json, Event<EventEnvelope> recorded, vn.izone.registry.recovery.RecoveryGate gate,
                  OutboxNotifier notifier, Tracer tracer) {
        this.json = json;
        this.recorded = recorded;
        this.gate = gate;
        this.notifier = notifier;
        this.tracer = tracer;
    }

    /** Facts about the change that every event carries besides the new state. */
    public record Change(String actor, LocalDate validOn, String source) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public EventEnvelope record(String topic, String eventType, String aggregateType, UUID aggregateId,
                                long aggregateVersion, UUID zoneId, Change change, Object state) {
        return record(topic, zoneId.toString(), eventType, aggregateType, aggregateId, aggregateVersion, zoneId, change, state);
    }

    /**
     * The same with the record key given: declared figures are keyed by their scope ({@code province:37}), not by a
     * zone, and carry a zone id only when the scope is one.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public EventEnvelope record(String topic, String key, String eventType, String aggregateType, UUID aggregateId,
                                long aggregateVersion, UUID zoneId, Change change, Object state) {
        gate.requireOpen(); // closed while a restored register learns from its topics (issue #18)
        EventEnvelope envelope = new EventEnvelope(UUID.randomUUID(), eventType, EventEnvelope.SCHEMA_VERSION,
                aggregateType, aggregateId, aggregateVersion, zoneId, Instant.now(), change.validOn(),
                change.actor(), change.source(), state);
        OutboxEvent row = new OutboxEvent();
        row.eventId = envelope.eventId();
        row.topic = topic;
        row.partitionKey = key;
        row.eventType = eventType;
        row.aggregateType = aggregateType;
        row.aggregateId = aggregateId;
        row.aggregateVersion = aggregateVersion;
        row.occurredAt = envelope.recordedAt();
        Map<String, String> trace = writeContext(topic, envelope);
        row.traceparent = trace.get(TraceContext.TRACEPARENT);
        row.tracestate = trace.get(TraceContext.TRACESTATE);
        try {
            row.payload = json.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event not serialisable", e);
        }
        row.persist();
        notifier.afterCommit(); // the relays hear of it once the change has committed
        // Synchronous observers run inside the same transaction, after the outbox row was written: one that
        // fails rolls back the change together with its event (the outbox is all-or-nothing).
        recorded.fire(envelope);
        return envelope;
    }

    /** The trace context of the write: the current span's, or a new trace's when the write runs outside any span. */
    private Map<String, String> writeContext(String topic, EventEnvelope envelope) {
        Context current = Context.current();
        if (Span.fromContext(current).getSpanContext().isValid()) {
            return TraceContext.headersOf(current);
        }
        Span own = tracer.spanBuilder("outbox record " + envelope.eventType()).setSpanKind(SpanKind.INTERNAL).setNoParent()
                .setAttribute("messaging.destination.name", topic)
                .setAttribute("messaging.message.id", envelope.eventId().toString())
                .startSpan();
        try {
            return TraceContext.headersOf(current.with(own));
        } finally {
            own.end();
        }
    }
}
