package vn.izone.registry.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * The public shape of every registry event (schema: docs/events/schemas/envelope.v1.json). {@code data} is
 * the aggregate's full new state, so a consumer can start from any event. Two time axes travel with it:
 * {@code validOn} (the date the figures are true for) and {@code recordedAt} (when the register learnt them).
 */
public record EventEnvelope(
        UUID eventId,
        String eventType,
        int schemaVersion,
        String aggregateType,
        UUID aggregateId,
        long aggregateVersion,
        UUID zoneId,
        Instant recordedAt,
        LocalDate validOn,
        String actor,
        String source,
        Object data) {

    public static final int SCHEMA_VERSION = 1;
}
