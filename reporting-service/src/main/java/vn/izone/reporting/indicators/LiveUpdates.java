package vn.izone.reporting.indicators;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;

/** Fans every new snapshot out to the dashboards listening on server-sent events. */
@ApplicationScoped
public class LiveUpdates {
    private final BroadcastProcessor<JsonNode> processor = BroadcastProcessor.create();

    public void publish(JsonNode snapshot) {
        processor.onNext(snapshot);
    }

    public Multi<JsonNode> stream() {
        return processor;
    }
}
