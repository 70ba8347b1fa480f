package vn.izone.metrics.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import vn.izone.metrics.events.RegistryEvent;
import vn.izone.metrics.store.AggregateStore;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Events a test applies directly (AggregateStore.applyBatch, on shards of its choosing), parsed and validated as the
 * consumer would, and remembered so that {@link #putOnTopics} can send them where the registry would have: the live
 * consumer then finds them applied already, and a rebuild in a later test replays them, so that test's figures do
 * not depend on which tests ran before it. One per test class that injects it.
 */
@jakarta.enterprise.context.Dependent
public class DirectEvents {
    private final ObjectMapper json;
    private final List<String> applied = Collections.synchronizedList(new ArrayList<>());

    public DirectEvents(ObjectMapper json) {
        this.json = json;
    }

    /** The event, checked as the consumer checks it; thread-safe (the order per aggregate is the callers'). */
    public RegistryEvent event(String value) {
        applied.add(value);
        RegistryEvent event = RegistryEvent.parse(json, value);
        AggregateStore.validate(event);
        return event;
    }

    /** Sends every event made here to its topic, keyed by zone, and waits for the broker. */
    public void putOnTopics() {
        synchronized (applied) {
            RegistryEvents.putOnTopics(json, applied);
        }
    }
}
