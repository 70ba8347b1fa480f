package vn.izone.reporting.indicators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.Tracer;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import vn.izone.reporting.zones.ZonePlaces;
import vn.izone.web.metrics.StageTimers;
import vn.izone.web.tracing.TraceContext;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Where reporting learns of a change: every indicator snapshot metrics-service publishes. */
@ApplicationScoped
public class IndicatorsConsumer {
    public static final String CHANNEL = "indicators";
    private static final Logger LOG = Logger.getLogger(IndicatorsConsumer.class);

    private final ObjectMapper json;
    private final SnapshotSaver saver;
    private final LiveUpdates live;
    private final ZonePlaces places;
    private final Tracer tracer;
    /** From a snapshot's record on Kafka (metrics' send) to stored and pushed live: the bench's freshness breakdown. */
    private final Timer storedLag;

    public IndicatorsConsumer(ObjectMapper json, SnapshotSaver saver, LiveUpdates live, ZonePlaces places, Tracer tracer,
                              MeterRegistry meters) {
        this.storedLag = StageTimers.stage("izone.reporting.snapshot.sent.to.stored",
                    "From an indicator snapshot's record on Kafka (metrics' send) to stored and on the live stream")
                .register(meters);
        this.json = json;
        this.saver = saver;
        this.live = live;
        this.places = places;
        this.tracer = tracer;
    }

    /**
     * One poll's snapshots at a time ({@code batch=true}): stored together, then the ones now the latest go to the
     * live stream. Metrics republishes busy scopes every round, so at national scale snapshots arrive by the
     * thousand a second; one transaction each would leave the board behind.
     * <p>
     * Tracing (issue #17): stored in one consumer span, the child of the first snapshot's W3C {@code traceparent} (for a
     * zone's snapshot, the trace of the change that caused it) and linked to every snapshot's; one without a
     * {@code traceparent} is stored all the same.
     */
    @Incoming(CHANNEL)
    @Blocking
    public void onSnapshots(ConsumerRecords<String, String> records) {
        List<SpanContext> causes = new ArrayList<>(records.count());
        List<String> payloads = new ArrayList<>(records.count());
        for (ConsumerRecord<String, String> record : records) {
            causes.add(TraceContext.spanContext(TraceContext.fromKafka(record.headers())));
            payloads.add(record.value());
        }
        TraceContext.within(TraceContext.startConsumerBatch(tracer, "izone.metrics.indicators.v1", causes), () -> store(payloads));
        long stored = System.currentTimeMillis();
        for (ConsumerRecord<String, String> record : records) {
            storedLag.record(Math.max(0, stored - record.timestamp()), java.util.concurrent.TimeUnit.MILLISECONDS);
        }
    }

    private void store(List<String> payloads) {
        List<IndicatorStore.Received> received = new ArrayList<>(payloads.size());
        for (String payload : payloads) {
            if (payload == null) {
                LOG.warn("skipped an empty indicator snapshot record");
                continue;
            }
            JsonNode snapshot;
            try {
                snapshot = json.readTree(payload);
            } catch (IOException e) {
                LOG.warnf("skipped an unreadable indicator snapshot: %s", e.getMessage());
                continue;
            }
            if (snapshot == null || !snapshot.hasNonNull("scopeKey") || !snapshot.hasNonNull("computedAt")) {
                LOG.warn("skipped an indicator snapshot without scopeKey/computedAt");
                continue;
            }
            try {
                java.time.Instant.parse(snapshot.path("computedAt").asText());
            } catch (java.time.format.DateTimeParseException e) {
                LOG.warnf("skipped an indicator snapshot of %s with computedAt %s", snapshot.path("scopeKey").asText(),
                        snapshot.path("computedAt").asText());
                continue;
            }
            received.add(new IndicatorStore.Received(snapshot, payload));
        }
        for (IndicatorStore.Received r : saver.saveAll(received)) {
            JsonNode snapshot = r.snapshot();
            if ("ZONE".equals(snapshot.path("scopeType").asText()) && IndicatorStore.text(snapshot, "provinceCode") == null) {
                places.ensureLater(snapshot.path("scopeCode").asText());   // once per zone, off this thread
            }
            live.publish(snapshot);
        }
    }
}
