package vn.izone.registry.events;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.hibernate.Session;
import org.jboss.logging.Logger;
import vn.izone.web.metrics.StageTimers;
import vn.izone.web.tracing.TraceContext;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Relays the outbox to Kafka in id order, woken when a change commits (PostgreSQL {@code LISTEN/NOTIFY}:
 * {@link OutboxListener}) and, as the fallback, by a poll every {@code izone.outbox.poll-interval} (Quarkus scheduler).
 * <p>
 * One relay is active at a time across all registry instances (a PostgreSQL advisory lock taken per batch), which
 * keeps every zone's events in order even with several replicas; every instance hears every commit, so whichever
 * holds the lock next takes the new events. Within an instance one drain runs at a time; a wake-up that arrives
 * meanwhile makes it go round once more. A batch is marked published only after Kafka acknowledged all of it; a
 * crash in between sends the batch again, and consumers drop what they already applied (aggregate versions), so
 * nothing is lost. When Kafka or PostgreSQL fails, the relay pauses (0.2 s, doubling up to 5 s) and the next
 * wake-up or poll after the pause tries again; the events wait in the outbox, in order.
 * <p>
 * Tracing (issue #17): each event goes out from a producer span that is the child of the trace context its outbox row
 * stored (the writing request's), and its record's {@code traceparent} header names that span: the header carries the
 * write's trace, never the relay's own wake-up or poll. A row without a stored context (written before V17) goes out
 * without one. The CloudEvents headers are unchanged.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Arbitrary but fixed: the advisory lock that elects the active relay. */
    public static final long RELAY_LOCK = 0x1A0E_0B0CL;
    private static final Duration FIRST_PAUSE = Duration.ofMillis(200);
    private static final Duration LAST_PAUSE = Duration.ofSeconds(5);
    /**
     * The oldest unpublished events. Its own statement after the lock, not one with it: a statement's snapshot is
     * taken when it starts, so a lock won while it runs would come with a snapshot from before the last leader's
     * commit, and that leader's batch would look unpublished and go out twice.
     */
    private static final String TAKE_BATCH = "SELECT id, event_id, topic, partition_key, event_type, aggregate_id, aggregate_version, "
            + "payload, occurred_at, traceparent, tracestate FROM outbox_event WHERE published_at IS NULL ORDER BY id LIMIT ?";
    private static final String MARK_PUBLISHED = "UPDATE outbox_event SET published_at = ? WHERE id = ANY (?)";

    @Inject
    EntityManager em;
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;
    @Inject
    MeterRegistry meters;
    @Inject
    OutboxListener listener;
    @Inject
    OutboxConfig settings;
    @Inject
    OutboxRelay self;
    @Inject
    vn.izone.registry.recovery.RecoveryGate gate;
    @Inject
    Tracer tracer;

    private KafkaProducer<String, String> producer;
    private volatile boolean running;
    private final AtomicBoolean wanted = new AtomicBoolean();
    private final AtomicBoolean draining = new AtomicBoolean();
    private volatile long pausedUntil;
    private volatile Duration pause = FIRST_PAUSE;
    private final AtomicLong oldestUnpublishedMillis = new AtomicLong();
    private Timer commitToAck;

    /** One unpublished outbox row, as the relay reads it (plain values: nothing for Hibernate to track). */
    record Pending(long id, UUID eventId, String topic, String partitionKey, String eventType, UUID aggregateId,
                   long aggregateVersion, String payload, Instant occurredAt, String traceparent, String tracestate) {
    }

    void start(@Observes StartupEvent ignored) {
        Map<String, Object> config = new HashMap<>();
        kafkaConfig.forEach((k, v) -> {
            if (ProducerConfig.configNames().contains(k) || k.startsWith("ssl.") || k.startsWith("sasl.") || k.equals("security.protocol")) {
                config.put(k, v);
            }
        });
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "izone-registry-outbox-relay");
        producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
        meters.gauge("izone.outbox.oldest.unpublished.age.seconds", oldestUnpublishedMillis, v -> v.get() / 1000.0);
        commitToAck = StageTimers.stage("izone.outbox.recorded.to.acknowledged",
                        "From an event's outbox row (written just before its change commits) to Kafka's acknowledgement")
                .publishPercentiles(0.5, 0.99) // the bench's commit -> on Kafka figure (issue #15)
                .register(meters);
        running = true;
        listener.start(this::wake);
    }

    void stop(@Observes ShutdownEvent ignored) {
        running = false;
        listener.stop();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (draining.get() && System.nanoTime() < deadline) { // a batch under way finishes (or fails) first
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** The fallback: events whose wake-up was lost (no listener at the time, another instance busy) wait at most this long. */
    @Scheduled(identity = "outbox-relay-poll", every = "${izone.outbox.poll-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        wake();
    }

    /**
     * Relays everything committed so far, unless a drain is already running in this instance (it then goes round once
     * more) or the relay pauses after a failure. Runs on the caller's thread: the listener's or the scheduler's.
     */
    public void wake() {
        wanted.set(true);
        while (running && wanted.get() && draining.compareAndSet(false, true)) {
            try {
                if (!gate.isOpen()) {
                    // a restored register is learning from its topics what consumers have: nothing goes out
                    // meanwhile (the poll comes back every poll-interval)
                    return;
                }
                while (running && wanted.getAndSet(false)) {
                    drain();
                }
            } finally {
                draining.set(false);
            }
        }
    }

    private void drain() {
        if (System.nanoTime() - pausedUntil < 0) {
            return; // the poll after the pause tries again
        }
        try {
            int sent;
            do {
                sent = self.relayBatch();
            } while (sent == settings.batchSize() && running);
            pause = FIRST_PAUSE;
        } catch (RuntimeException e) {
            // Kafka or PostgreSQL unreachable: the events wait in the outbox and go out in order later.
            LOG.warnf("outbox relay paused for %d ms: %s", pause.toMillis(), e.getMessage());
            meters.counter("izone.outbox.relay.failures").increment();
            pausedUntil = System.nanoTime() + pause.toNanos();
            pause = pause.multipliedBy(2).compareTo(LAST_PAUSE) > 0 ? LAST_PAUSE : pause.multipliedBy(2);
        }
    }

    /** Sends one batch; returns how many events went out (0 when idle or when another instance relays). */
    @Transactional
    public int relayBatch() {
        Session session = em.unwrap(Session.class);
        List<Pending> batch = session.doReturningWork(c -> {
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
                lock.setLong(1, RELAY_LOCK);
                try (ResultSet rs = lock.executeQuery()) {
                    if (!rs.next() || !rs.getBoolean(1)) {
                        return null; // another instance relays
                    }
                }
            }
            List<Pending> rows = new ArrayList<>();
            try (PreparedStatement take = c.prepareStatement(TAKE_BATCH)) {
                take.setInt(1, settings.batchSize());
                try (ResultSet rs = take.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new Pending(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getObject(6, UUID.class), rs.getLong(7), rs.getString(8),
                                rs.getObject(9, OffsetDateTime.class).toInstant(), rs.getString(10), rs.getString(11)));
                    }
                }
            }
            return rows;
        });
        if (batch == null) {
            return 0;
        }
        if (batch.isEmpty()) {
            oldestUnpublishedMillis.set(0);
            return 0;
        }
        oldestUnpublishedMillis.set(Duration.between(batch.get(0).occurredAt(), Instant.now()).toMillis());
        List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size());
        List<Span> spans = new ArrayList<>(batch.size());
        try {
            for (Pending event : batch) {
                Span span = publishSpan(event);
                spans.add(span);
                acks.add(producer.send(record(event, span == null ? Context.root() : Context.root().with(span))));
            }
            producer.flush();
            for (Future<RecordMetadata> ack : acks) {
                ack.get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            spans.forEach(span -> failed(span, e));
            throw new IllegalStateException("Kafka did not acknowledge the batch: " + e.getMessage(), e);
        }
        spans.forEach(span -> {
            if (span != null) {
                span.end();
            }
        });
        Instant acknowledged = Instant.now();
        Long[] ids = batch.stream().map(Pending::id).toArray(Long[]::new);
        // One UPDATE for the batch, one statement text whatever its size (an IN list would make one per size).
        session.doWork(c -> {
            try (PreparedStatement mark = c.prepareStatement(MARK_PUBLISHED)) {
                mark.setObject(1, OffsetDateTime.ofInstant(acknowledged, ZoneOffset.UTC));
                mark.setArray(2, c.createArrayOf("bigint", ids));
                mark.executeUpdate();
            }
        });
        for (Pending event : batch) {
            commitToAck.record(Duration.between(event.occurredAt(), acknowledged));
        }
        meters.counter("izone.outbox.relayed").increment(batch.size());
        return batch.size();
    }

    /**
     * The span an event goes out from: a producer span, the child of the context its row stored (null for a row
     * without one). Ended once Kafka acknowledged the batch.
     */
    private Span publishSpan(Pending event) {
        Context write = TraceContext.fromHeaders(event.traceparent(), event.tracestate());
        if (!TraceContext.spanContext(write).isValid()) {
            return null;
        }
        return tracer.spanBuilder(event.topic() + " publish").setSpanKind(SpanKind.PRODUCER).setParent(write)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation.type", "send")
                .setAttribute("messaging.destination.name", event.topic())
                .setAttribute("messaging.kafka.message.key", event.partitionKey())
                .setAttribute("messaging.message.id", event.eventId().toString())
                .setAttribute("izone.event.type", event.eventType())
                .setAttribute("izone.aggregate.id", event.aggregateId().toString())
                .setAttribute("izone.aggregate.version", event.aggregateVersion())
                .startSpan();
    }

    private static void failed(Span span, Exception e) {
        if (span != null) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR, "Kafka did not acknowledge the batch");
            span.end();
        }
    }

    /**
     * The record: JSON envelope as value, zone id as key, CloudEvents binary-mode headers, and the W3C trace context of
     * {@code trace} ({@code traceparent}, {@code tracestate} when there is one; none for the root context).
     */
    static ProducerRecord<String, String> record(Pending event, Context trace) {
        RecordHeaders headers = new RecordHeaders();
        header(headers, "ce_specversion", "1.0");
        header(headers, "ce_id", event.eventId().toString());
        header(headers, "ce_source", "/izone/registry-service");
        header(headers, "ce_type", "vn.izone." + event.eventType() + ".v1");
        header(headers, "ce_subject", event.aggregateId().toString());
        header(headers, "ce_time", DateTimeFormatter.ISO_INSTANT.format(event.occurredAt()));
        header(headers, "content-type", "application/json");
        header(headers, "izone_aggregate_version", Long.toString(event.aggregateVersion()));
        TraceContext.toKafka(trace, headers);
        return new ProducerRecord<>(event.topic(), null, event.partitionKey(), event.payload(), headers);
    }

    private static void header(RecordHeaders headers, String key, String value) {
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }
}
