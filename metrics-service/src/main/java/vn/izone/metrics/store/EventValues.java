package vn.izone.metrics.store;

import com.fasterxml.jackson.databind.JsonNode;
import vn.izone.metrics.events.PoisonEvent;
import vn.izone.metrics.events.RegistryEvent;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** Reading the values of an event's data the way the state tables store them (the data was checked by EventData). */
final class EventValues {
    private EventValues() {
    }

    static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    static BigDecimal decimal(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).decimalValue() : null;
    }

    static LocalDate date(JsonNode node, String field) {
        if (!node.hasNonNull(field)) {
            return null;
        }
        try {
            return LocalDate.parse(node.get(field).asText());
        } catch (java.time.format.DateTimeParseException ex) {
            throw new PoisonEvent("malformed date in " + field + ": " + node.get(field).asText());
        }
    }

    static UUID uuid(JsonNode node, String field) {
        if (!node.hasNonNull(field)) {
            return null;
        }
        try {
            return UUID.fromString(node.get(field).asText());
        } catch (IllegalArgumentException ex) {
            throw new PoisonEvent("malformed " + field + ": " + node.get(field).asText());
        }
    }

    /** The date the state is true for; an event without one is taken as true on the day it was recorded. */
    static LocalDate validOn(RegistryEvent e) {
        return e.validOn() != null ? e.validOn() : LocalDate.ofInstant(e.recordedAt(), ZoneOffset.UTC);
    }

    static OffsetDateTime recordedAt(RegistryEvent e) {
        return e.recordedAt().atOffset(ZoneOffset.UTC);
    }
}
