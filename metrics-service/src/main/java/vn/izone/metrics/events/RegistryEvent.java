package vn.izone.metrics.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A registry event read the tolerant way: only the envelope fields metrics needs are required, anything
 * unknown is ignored, and a schema version this service does not know is refused (poison, not guessed).
 */
public record RegistryEvent(UUID eventId, String eventType, int schemaVersion, String aggregateType,
                            UUID aggregateId, long aggregateVersion, UUID zoneId, Instant recordedAt,
                            LocalDate validOn, String actor, String source, JsonNode data) {

    public static final int KNOWN_SCHEMA_VERSION = 1;

    public static RegistryEvent parse(ObjectMapper json, String value) {
        if (value == null) {
            throw new PoisonEvent("empty record value");
        }
        JsonNode node;
        try {
            node = json.readTree(value);
        } catch (IOException e) {
            throw new PoisonEvent("not JSON: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw new PoisonEvent("not a JSON object");
        }
        int schemaVersion = node.path("schemaVersion").asInt(-1);
        if (schemaVersion != KNOWN_SCHEMA_VERSION) {
            throw new PoisonEvent("unknown schemaVersion " + node.path("schemaVersion") + " (this service reads " + KNOWN_SCHEMA_VERSION + ")");
        }
        JsonNode data = node.path("data");
        if (!data.isObject()) {
            throw new PoisonEvent("no data object");
        }
        try {
            return new RegistryEvent(
                    UUID.fromString(required(node, "eventId")),
                    required(node, "eventType"),
                    schemaVersion,
                    required(node, "aggregateType"),
                    UUID.fromString(required(node, "aggregateId")),
                    Long.parseLong(required(node, "aggregateVersion")),
                    UUID.fromString(required(node, "zoneId")),
                    Instant.parse(required(node, "recordedAt")),
                    node.hasNonNull("validOn") ? LocalDate.parse(node.get("validOn").asText()) : null,
                    node.path("actor").asText(null),
                    node.path("source").asText(null),
                    data);
        } catch (IllegalArgumentException | java.time.format.DateTimeParseException e) {
            throw new PoisonEvent("malformed envelope: " + e.getMessage());
        }
    }

    private static String required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.asText().isBlank()) {
            throw new PoisonEvent("missing " + field);
        }
        return value.asText();
    }
}
