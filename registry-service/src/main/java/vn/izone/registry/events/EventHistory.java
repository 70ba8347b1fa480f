package vn.izone.registry.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;

/** The audit trail of an aggregate: its events, oldest first, read from the outbox that keeps them. */
@ApplicationScoped
public class EventHistory {
    private final ObjectMapper json;

    public EventHistory(ObjectMapper json) {
        this.json = json;
    }

    public List<JsonNode> of(UUID aggregateId) {
        return OutboxEvent.<OutboxEvent>find("aggregateId = ?1 order by aggregateVersion", aggregateId).stream()
                .map(e -> {
                    try {
                        return json.readTree(e.payload);
                    } catch (IOException ex) {
                        throw new UncheckedIOException(ex);
                    }
                })
                .toList();
    }
}
