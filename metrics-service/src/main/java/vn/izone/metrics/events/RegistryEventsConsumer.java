package vn.izone.metrics.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import vn.izone.metrics.store.AggregateStore;
import vn.izone.metrics.store.ApplyLock;

/**
 * Where metrics counts a registry change: each event is applied in its own transaction, then acknowledged.
 * Unparseable or unknown events throw {@link PoisonEvent} and go to the dead-letter topic.
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

    public RegistryEventsConsumer(ObjectMapper json, AggregateStore store, MeterRegistry meters, ApplyLock lock) {
        this.json = json;
        this.lock = lock;
        this.store = store;
        this.meters = meters;
    }

    @Incoming(ZONES)
    @Blocking
    public void onZone(String value) {
        apply(value, "zone");
    }

    @Incoming(PROJECTS)
    @Blocking
    public void onProject(String value) {
        apply(value, "project");
    }

    @Incoming(REPORTS)
    @Blocking
    public void onReport(String value) {
        apply(value, "report");
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
