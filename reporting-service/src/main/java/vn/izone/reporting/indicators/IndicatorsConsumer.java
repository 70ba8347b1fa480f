package vn.izone.reporting.indicators;

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

    private final SnapshotSaver saver;
    private final LiveUpdates live;
    private final ZonePlaces places;
    private final Tracer tracer;
    /** From a snapshot's record on Kafka (metrics' send) to stored and pushed live: the bench's freshness breakdown. */
    private final Timer storedLag;

    public IndicatorsConsumer(SnapshotSaver saver, LiveUpdates live, ZonePlaces places, Tracer tracer,
                              MeterRegistry meters) {
        this.storedLag = StageTimers.stage("izone.reporting.snapshot.sent.to.stored",
                    "From an indicator snapshot's record on Kafka (metrics' send) to stored and on the live stream")
                .register(meters);
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
    public void onSnapshots(ConsumerRecords<String, byte[]> records) {
        List<SpanContext> causes = new ArrayList<>(records.count());
        List<byte[]> payloads = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
            causes.add(TraceContext.spanContext(TraceContext.fromKafka(record.headers())));
            payloads.add(record.value());
        }
        TraceContext.within(TraceContext.startConsumerBatch(tracer, "izone.metrics.indicators.v1", causes), () -> store(payloads));
        long stored = System.currentTimeMillis();
        for (ConsumerRecord<String, byte[]> record : records) {
            storedLag.record(Math.max(0, stored - record.timestamp()), java.util.concurrent.TimeUnit.MILLISECONDS);
        }
    }

    /**
     * The records' values are their UTF-8 bytes (ByteArrayDeserializer): the head is read from them, and PostgreSQL and
     * the live stream take the bytes themselves (a ~7 KB snapshot with Vietnamese names was 14 KB as a string, encoded
     * again for each of its two rows).
     */
    private void store(List<byte[]> payloads) {
        List<IndicatorStore.Received> received = new ArrayList<>(payloads.size());
        for (byte[] payload : payloads) {
            if (payload == null) {
                LOG.warn("skipped an empty indicator snapshot record");
                continue;
            }
            IndicatorStore.Received r;
            try {
                r = IndicatorStore.Received.of(payload);
            } catch (IOException e) {
                LOG.warnf("skipped an unreadable indicator snapshot: %s", e.getMessage());
                continue;
            } catch (java.time.format.DateTimeParseException e) {
                LOG.warnf("skipped an indicator snapshot with computedAt %s", e.getParsedString());
                continue;
            }
            SnapshotHead head = r.head();
            if (head == null || head.scopeKey() == null || head.computedAt() == null) {
                LOG.warn("skipped an indicator snapshot without scopeKey/computedAt");
                continue;
            }
            received.add(r);
        }
        for (IndicatorStore.Received r : saver.saveAll(received)) {
            SnapshotHead head = r.head();
            if ("ZONE".equals(head.scopeType()) && head.provinceCode() == null) {
                places.ensureLater(head.scopeCode());   // once per zone, off this thread
            }
            live.publish(r.json());
        }
    }
}
