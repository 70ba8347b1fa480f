package vn.izone.registry.support;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import vn.izone.registry.events.EventEnvelope;

/**
 * Test-only step that fails after the outbox row was written, for changes made by the actor
 * {@value #ACTOR}: proves that the change and its event are rolled back together.
 */
@ApplicationScoped
public class FailAfterOutbox {
    public static final String ACTOR = "test:fail-after-outbox";

    void afterOutboxWrite(@Observes EventEnvelope recorded) {
        if (ACTOR.equals(recorded.actor())) {
            throw new IllegalStateException("deliberate failure after the outbox write of " + recorded.eventType());
        }
    }
}
