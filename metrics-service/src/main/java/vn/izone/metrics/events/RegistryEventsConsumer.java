package vn.izone.metrics.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import vn.izone.metrics.store.AggregateStore;
import vn.izone.metrics.store.ApplyLock;

import java.time.DateTimeException;

/**
 * Where metrics counts a registry change: each event is applied in its own transaction, then acknowledged.
 * <ul>
 * <li>An event that can never be applied (unparseable, unknown version, malformed data) goes to the
 * dead-letter topic with its reason, and the stream keeps flowing.</li>
 * <li>Anything else (the database away, the service shutting down) is not the event's fault: it is retried
 * for a while, and if it still fails the message is nacked with the channel's {@code fail} strategy, so its
 * offset is never committed and this or another instance reads it again. Nothing is lost or dead-lettered by
 * a shutdown or an outage.</li>
 * </ul>
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
    private static final Logger LOG = Logger.getLogger(RegistryEventsConsumer.class);
    private static final int ATTEMPTS = 8;
    private volatile boolean running = true;

    public RegistryEventsConsumer(ObjectMapper json, AggregateStore store, MeterRegistry meters, ApplyLock lock,
                                  DeadLetters deadLetters) {
        this.json = json;
        this.lock = lock;
        this.store = store;
        this.meters = meters;
        this.deadLetters = deadLetters;
    }

    void stopping(@Observes ShutdownEvent ignored) {
        running = false;
    }

    @Incoming(ZONES)
    @Blocking
    public void onZone(ConsumerRecord<String, String> record) {
        handle(record, "zone");
    }

    @Incoming(PROJECTS)
    @Blocking
    public void onProject(ConsumerRecord<String, String> record) {
        handle(record, "project");
    }

    @Incoming(REPORTS)
    @Blocking
    public void onReport(ConsumerRecord<String, String> record) {
        handle(record, "report");
    }

    private void handle(ConsumerRecord<String, String> record, String expectedAggregate) {
        for (int attempt = 1; ; attempt++) {
            try {
                apply(record.value(), expectedAggregate);
                return;
            } catch (PoisonEvent poison) {
                deadLetters.send(record, poison.getMessage());
                meters.counter("izone.metrics.events", "aggregate", expectedAggregate, "outcome", "dead_lettered").increment();
                return;
            } catch (DateTimeException | IllegalArgumentException | NullPointerException | ClassCastException malformed) {
                // deterministic: the same event fails the same way every time
                deadLetters.send(record, "malformed data: " + malformed);
                meters.counter("izone.metrics.events", "aggregate", expectedAggregate, "outcome", "dead_lettered").increment();
                return;
            } catch (RuntimeException transientFailure) {
                if (!running || attempt >= ATTEMPTS) {
                    throw transientFailure; // nacked, not committed: read again after the restart or by another instance
                }
                LOG.warnf("applying %s@%d failed (attempt %d of %d), retrying: %s", record.topic(), record.offset(),
                        attempt, ATTEMPTS, transientFailure.toString());
                sleep(Math.min(200L << attempt, 5_000L));
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying", e);
        }
    }

    private void apply(String value, String expectedAggregate) {
        RegistryEvent event = RegistryEvent.parse(json, value);
        if (!expectedAggregate.equals(event.aggregateType())) {
            throw new PoisonEvent("a " + event.aggregateType() + " event on the " + expectedAggregate + " topic");
        }
        AggregateStore.Outcome outcome;
        lock.live().lock();
        try {
            outcome = store.apply(event);
        } finally {
            lock.live().unlock();
        }
        meters.counter("izone.metrics.events", "aggregate", expectedAggregate, "outcome", outcome.name().toLowerCase()).increment();
    }
}
