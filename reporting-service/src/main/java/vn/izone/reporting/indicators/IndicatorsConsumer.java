package vn.izone.reporting.indicators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import vn.izone.reporting.zones.ZonePlaces;

import java.io.IOException;

/** Where reporting learns of a change: every indicator snapshot metrics-service publishes. */
@ApplicationScoped
public class IndicatorsConsumer {
    public static final String CHANNEL = "indicators";
    private static final Logger LOG = Logger.getLogger(IndicatorsConsumer.class);

    private final ObjectMapper json;
    private final SnapshotSaver saver;
    private final LiveUpdates live;
    private final ZonePlaces places;

    public IndicatorsConsumer(ObjectMapper json, SnapshotSaver saver, LiveUpdates live, ZonePlaces places) {
        this.json = json;
        this.saver = saver;
        this.live = live;
        this.places = places;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void onSnapshot(String payload) {
        JsonNode snapshot;
        try {
            snapshot = json.readTree(payload);
        } catch (IOException e) {
            LOG.warnf("skipped an unreadable indicator snapshot: %s", e.getMessage());
            return;
        }
        if (snapshot == null || !snapshot.hasNonNull("scopeKey") || !snapshot.hasNonNull("computedAt")) {
            LOG.warn("skipped an indicator snapshot without scopeKey/computedAt");
            return;
        }
        boolean latest = saver.save(snapshot, payload);
        if ("ZONE".equals(snapshot.path("scopeType").asText()) && IndicatorStore.text(snapshot, "provinceCode") == null) {
            places.ensureLater(snapshot.path("scopeCode").asText());   // once per zone, off this thread
        }
        if (latest) {
            live.publish(snapshot);
        }
    }
}
