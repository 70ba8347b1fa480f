package vn.izone.registry.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import vn.izone.registry.api.SqlFailure;
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
    private final AgroalDataSource db;

    public Outbox(ObjectMapper json, Event<EventEnvelope> recorded, vn.izone.registry.recovery.RecoveryGate gate,
                  OutboxNotifier notifier, Tracer tracer, AgroalDataSource db) {
        this.db = db;
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
        return write(topic, zoneId.toString(), eventType, aggregateType, aggregateId, aggregateVersion, zoneId, change, state);
    }

    /**
     * The same with the record key given: declared figures are keyed by their scope ({@code province:37}), not by a
     * zone, and carry a zone id only when the scope is one.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public EventEnvelope record(String topic, String key, String eventType, String aggregateType, UUID aggregateId,
                                long aggregateVersion, UUID zoneId, Change change, Object state) {
        return write(topic, key, eventType, aggregateType, aggregateId, aggregateVersion, zoneId, change, state);
    }

    // one pass through the transaction interceptor per event, not two (the overload called itself through it)
    private EventEnvelope write(String topic, String key, String eventType, String aggregateType, UUID aggregateId,
                                long aggregateVersion, UUID zoneId, Change change, Object state) {
        gate.requireOpen(); // closed while a restored register learns from its topics (issue #18)
        EventEnvelope envelope = new EventEnvelope(UUID.randomUUID(), eventType, EventEnvelope.SCHEMA_VERSION,
                aggregateType, aggregateId, aggregateVersion, zoneId, Instant.now(), change.validOn(),
                change.actor(), change.source(), state);
        Map<String, String> trace = writeContext(topic, envelope);
        String payload;
        try {
            payload = json.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event not serialisable", e);
        }
        insert(topic, key, envelope, payload, trace);
        notifier.afterCommit(); // the relays hear of it once the change has committed
        // Synchronous observers run inside the same transaction, after the outbox row was written: one that
        // fails rolls back the change together with its event (the outbox is all-or-nothing).
        recorded.fire(envelope);
        return envelope;
    }

    /**
     * The outbox row, by a plain JDBC insert on the transaction's connection. It was an entity with an IDENTITY id:
     * Hibernate inserted it at {@code persist}, flushing whatever else was pending first, and kept it in the session
     * for nothing (nobody reads it back in the writing transaction); a fifth of the request thread's CPU per write
     * (issue #15). The relay reads the rows in id order, as before.
     */
    private void insert(String topic, String key, EventEnvelope e, String payload, Map<String, String> trace) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(INSERT)) {
            s.setObject(1, e.eventId());
            s.setString(2, topic);
            s.setString(3, key);
            s.setString(4, e.eventType());
            s.setString(5, e.aggregateType());
            s.setObject(6, e.aggregateId());
            s.setLong(7, e.aggregateVersion());
            s.setString(8, payload);
            s.setObject(9, e.recordedAt().atOffset(ZoneOffset.UTC));
            s.setString(10, trace.get(TraceContext.TRACEPARENT));
            s.setString(11, trace.get(TraceContext.TRACESTATE));
            s.executeUpdate();
        } catch (SQLException x) {
            throw SqlFailure.of(x);
        }
    }

    private static final String INSERT = "INSERT INTO outbox_event (event_id, topic, partition_key, event_type, "
            + "aggregate_type, aggregate_id, aggregate_version, payload, occurred_at, traceparent, tracestate) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

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
