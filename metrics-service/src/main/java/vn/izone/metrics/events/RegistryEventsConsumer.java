package vn.izone.metrics.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import vn.izone.metrics.indicators.IndicatorPublisher;
import vn.izone.metrics.publish.Shard;
import vn.izone.metrics.store.AggregateStore;
import vn.izone.metrics.store.ApplyLock;
import vn.izone.web.metrics.StageTimers;
import vn.izone.web.tracing.TraceContext;

import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.List;

/**
 * Where metrics counts registry changes. Each poll's records arrive as one batch: the poison ones are set aside
 * first, the rest are applied in one transaction ({@link AggregateStore#applyBatch}), then the batch is
 * acknowledged. If that transaction fails for any reason, the batch is applied again one event at a time, each in
 * its own transaction, which finds the culprit and keeps the rules below per event. Redelivering a batch changes
 * nothing (aggregate versions), so retrying one is always safe.
 * <ul>
 * <li>An event that can never be applied (unparseable, unknown version, malformed data) goes to the
 * dead-letter topic with its reason, and the stream keeps flowing.</li>
 * <li>Anything else (the database away, the service shutting down) is not the event's fault: it is retried
 * for a while, and if it still fails the message is nacked with the channel's {@code fail} strategy, so its
 * offset is never committed and this or another instance reads it again. Nothing is lost or dead-lettered by
 * a shutdown or an outage.</li>
 * </ul>
 * Tracing (issue #17): a batch is applied inside one consumer span, the child of the first record that carries a W3C
 * {@code traceparent} and linked to every record's trace context; a record without one (or with one that does not
 * parse) is applied all the same. Each applied record's context is handed to the publisher before the batch commits,
 * so the snapshot of its zone continues the change's trace.
 */
@ApplicationScoped
public class RegistryEventsConsumer {
    public static final String ZONES = "zones";
    public static final String PROJECTS = "projects";
    public static final String REPORTS = "reports";

    private final ObjectMapper json;
    private final AggregateStore store;
    private final MeterRegistry meters;
    private final ApplyLock lock;
    private final DeadLetters deadLetters;
    private final IndicatorPublisher publisher;
    private final Tracer tracer;
    private static final Logger LOG = Logger.getLogger(RegistryEventsConsumer.class);
    private static final int ATTEMPTS = 8;
    private volatile boolean running = true;
    /**
     * From an event's record on Kafka (its timestamp: when the registry's relay sent it) to its batch committed here:
     * the bench's freshness breakdown (registry 2xx -> relay -> applied -> snapshot -> reporting) reads it.
     */
    private final Timer appliedLag;
    /** One batch's transaction (the bench's breakdown: how long a batch holds the consumer, and how many events it has). */
    private final Timer batchApplied;
    private final io.micrometer.core.instrument.DistributionSummary batchEvents;

    public RegistryEventsConsumer(ObjectMapper json, AggregateStore store, MeterRegistry meters, ApplyLock lock,
                                  DeadLetters deadLetters, IndicatorPublisher publisher, Tracer tracer) {
        this.publisher = publisher;
        this.tracer = tracer;
        this.json = json;
        this.lock = lock;
        this.store = store;
        this.meters = meters;
        this.deadLetters = deadLetters;
        this.appliedLag = StageTimers.stage("izone.metrics.event.sent.to.applied",
                    "From an event's record on Kafka (the relay's send) to its batch committed in metrics")
                .register(meters);
        this.batchApplied = StageTimers.stage("izone.metrics.batch.applied",
                    "One batch of events applied in one transaction, from its first statement to its commit")
                .register(meters);
        this.batchEvents = io.micrometer.core.instrument.DistributionSummary.builder("izone.metrics.batch.events")
                .description("Events in one applied batch").register(meters);
    }

    void stopping(@Observes ShutdownEvent ignored) {
        running = false;
    }

    @Incoming(ZONES)
    @Blocking
    public void onZones(ConsumerRecords<String, String> records) {
        handleBatch(records, "zone");
    }

    @Incoming(PROJECTS)
    @Blocking
    public void onProjects(ConsumerRecords<String, String> records) {
        handleBatch(records, "project");
    }

    @Incoming(REPORTS)
    @Blocking
    public void onReports(ConsumerRecords<String, String> records) {
        handleBatch(records, "report");
    }

    private void handleBatch(ConsumerRecords<String, String> records, String expectedAggregate) {
        List<Context> traces = new ArrayList<>(records.count());
        List<SpanContext> causes = new ArrayList<>(records.count());
        String topic = null;
        for (ConsumerRecord<String, String> record : records) {
            Context trace = TraceContext.fromKafka(record.headers());
            traces.add(trace);
            causes.add(TraceContext.spanContext(trace));
            topic = record.topic();
        }
        TraceContext.within(TraceContext.startConsumerBatch(tracer, topic, causes),
                () -> handleBatch(records, traces, expectedAggregate));
    }

    private void handleBatch(ConsumerRecords<String, String> records, List<Context> traces, String expectedAggregate) {
        List<ConsumerRecord<String, String>> applicable = new ArrayList<>(records.count());
        List<RegistryEvent> events = new ArrayList<>(records.count());
        int i = 0;
        for (ConsumerRecord<String, String> record : records) {
            Context trace = traces.get(i++);
            try {
                RegistryEvent event = parse(record.value(), expectedAggregate);
                AggregateStore.validate(event);
                applicable.add(record);
                events.add(event);
                // before the commit: a publishing round that sees the change also sees its trace
                publisher.causedBy(event.zoneId(), TraceContext.spanContext(trace));
            } catch (PoisonEvent poison) {
                deadLetter(record, poison.getMessage(), expectedAggregate);
            } catch (DateTimeException | IllegalArgumentException | NullPointerException | ClassCastException malformed) {
                deadLetter(record, "malformed data: " + malformed, expectedAggregate);
            }
        }
        if (events.isEmpty()) {
            return;
        }
        int shard = Shard.of(expectedAggregate, records.partitions().stream().mapToInt(p -> p.partition()).min().orElse(0));
        List<AggregateStore.Outcome> outcomes;
        lock.live().lock();
        try {
            long started = System.nanoTime();
            outcomes = store.applyBatch(events, shard);
            batchApplied.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
            batchEvents.record(events.size());
        } catch (RuntimeException batchFailed) {
            outcomes = null;
            LOG.debugf("batch of %d %s events failed (%s), applying them one by one", events.size(), expectedAggregate,
                    batchFailed.toString());
        } finally {
            lock.live().unlock();
        }
        if (outcomes == null) {
            for (ConsumerRecord<String, String> record : applicable) {
                handle(record, expectedAggregate, shard);
            }
            publisher.applied(Span.current().getSpanContext());
            publisher.nudge();
            return;
        }
        publisher.applied(Span.current().getSpanContext());
        long committed = System.currentTimeMillis();
        publisher.appliedEventsAged(committed - applicable.stream().mapToLong(ConsumerRecord::timestamp).max().orElse(committed));
        publisher.nudge(); // committed: the figures can go out now
        for (int n = 0; n < outcomes.size(); n++) {
            AggregateStore.Outcome outcome = outcomes.get(n);
            count(expectedAggregate, outcome.name().toLowerCase());
            if (outcome == AggregateStore.Outcome.APPLIED || outcome == AggregateStore.Outcome.GAP_APPLIED) {
                appliedLag.record(Math.max(0, committed - applicable.get(n).timestamp()), java.util.concurrent.TimeUnit.MILLISECONDS);
            }
        }
    }

    private void deadLetter(ConsumerRecord<String, String> record, String reason, String aggregate) {
        deadLetters.send(record, reason);
        count(aggregate, "dead_lettered");
    }

    private void count(String aggregate, String outcome) {
        meters.counter("izone.metrics.events", "aggregate", aggregate, "outcome", outcome).increment();
    }

    private void handle(ConsumerRecord<String, String> record, String expectedAggregate, int shard) {
        for (int attempt = 1; ; attempt++) {
            try {
                apply(record.value(), expectedAggregate, shard);
                return;
            } catch (PoisonEvent poison) {
                deadLetter(record, poison.getMessage(), expectedAggregate);
                return;
            } catch (DateTimeException | IllegalArgumentException | NullPointerException | ClassCastException malformed) {
                // deterministic: the same event fails the same way every time
                deadLetter(record, "malformed data: " + malformed, expectedAggregate);
                return;
            } catch (RuntimeException transientFailure) {
                String dataError = dataError(transientFailure);
                if (dataError != null) {
                    // the database refused this event's data (SQLState class 22/23): it never will accept it
                    deadLetter(record, "data refused by the database: " + dataError, expectedAggregate);
                    return;
                }
                if (!running || attempt >= ATTEMPTS) {
                    throw transientFailure; // nacked, not committed: read again after the restart or by another instance
                }
                LOG.warnf("applying %s@%d failed (attempt %d of %d), retrying: %s", record.topic(), record.offset(),
                        attempt, ATTEMPTS, transientFailure.toString());
                sleep(Math.min(200L << attempt, 5_000L));
            }
        }
    }

    /** The message of a data exception or constraint violation in the cause chain, else null (an outage). */
    static String dataError(Throwable failure) {
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("22") || sql.getSQLState().startsWith("23"))) {
                return sql.getSQLState() + " " + sql.getMessage();
            }
        }
        return null;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying", e);
        }
    }

    private RegistryEvent parse(String value, String expectedAggregate) {
        RegistryEvent event = RegistryEvent.parse(json, value);
        if (!expectedAggregate.equals(event.aggregateType())) {
            throw new PoisonEvent("a " + event.aggregateType() + " event on the " + expectedAggregate + " topic");
        }
        return event;
    }

    private void apply(String value, String expectedAggregate, int shard) {
        RegistryEvent event = parse(value, expectedAggregate);
        AggregateStore.Outcome outcome;
        lock.live().lock();
        try {
            outcome = store.apply(event, shard);
        } finally {
            lock.live().unlock();
        }
        count(expectedAggregate, outcome.name().toLowerCase());
    }
}
