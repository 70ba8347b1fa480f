package vn.izone.metrics.indicators;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;
import vn.izone.metrics.aggregates.Aggregates;
import vn.izone.metrics.aggregates.Sums;
import vn.izone.metrics.aggregates.SumsCache;
import vn.izone.metrics.events.Acks;
import vn.izone.metrics.publish.PublishQueue;
import vn.izone.web.metrics.StageTimers;
import vn.izone.web.tracing.TraceContext;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes a fresh snapshot of every scope whose figures changed, keyed by scope on a compacted topic. Which
 * scopes are due is {@link PublishQueue}'s business (versioned marks written by the applying transactions, so a
 * change is never lost); this class computes, sends and waits for Kafka's acknowledgement, then clears the marks
 * at the versions it read. It runs as soon as a batch commits ({@link #nudge}) and on a short schedule as the
 * fallback (a nudge lost to a crash, changes applied by another instance).
 * <p>
 * Two lanes publish side by side: zones, and every scope above them. A zone's snapshot is one row to read; a
 * province's or the country's sums are thousands, and at national scale every burst dirties all ~400 of them. In
 * one queue a zone waited behind them for seconds (the bench's probes saw 19 s); in its own lane a zone goes out
 * within one short round of its change, while the larger scopes follow at their own pace.
 * <p>
 * Tracing (issue #17): a snapshot coalesces changes, so the trace it carries (its record's {@code traceparent}, written
 * by the Kafka connector's producer span) is best effort, kept in memory. A zone's snapshot continues the trace of the
 * last change applied to that zone ({@link #causedBy}); every other snapshot goes out from its round's span, the child
 * of the first batch applied since the previous round of its lane and linked to all of them ({@link #applied}). A
 * change applied by another instance, or before a restart, leaves no trace here: its snapshot starts a new one.
 */
@ApplicationScoped
public class IndicatorPublisher {
    public static final String CHANNEL = "indicators";
    /**
     * The same topic through a producer of its own: a zone's snapshot is small, a province's or the country's large,
     * and in one producer the zone lane's acknowledgements queued behind the other lane's sends (JFR: the zone lane's
     * rounds waited on Kafka while the scopes above were in flight). Each scope always goes through one of the two,
     * so its snapshots stay in order.
     */
    public static final String ZONES_CHANNEL = "indicators-zones";
    /** A zone round waits at most this long after a long one (see {@link Lane}): a zone's change is never parked for seconds. */
    static final java.time.Duration ZONE_BACKOFF_CAP = java.time.Duration.ofMillis(250);
    /**
     * The lane above zones waits at most this long after a long drain. Its drain runs full rounds back to back, and
     * it then waited as long as the whole drain had taken: after minutes of a catch-up's rounds it parked for 2.5
     * minutes while the oldest unpublished change climbed to 149 s (bench of 2026-12-02).
     */
    static final java.time.Duration ABOVE_ZONES_BACKOFF_CAP = java.time.Duration.ofSeconds(2);
    static final int SCOPES_PER_ROUND = 500;
    /**
     * Scopes above zones per round: a country's or a province's snapshot holds thousands of figures, and a round
     * holds its scopes' sums and snapshots in memory until Kafka acknowledges them: 500 of them took metrics past a
     * 256 MiB heap (OutOfMemoryError, bench of 2026-12-02) and made its resident size peak near 600 MiB.
     */
    static final int SCOPES_ABOVE_ZONES_PER_ROUND = 100;
    /** Zones whose last change's trace is kept for their next snapshot: past this many, the oldest are forgotten. */
    static final int TRACED_ZONES = 10_000;
    private static final Logger LOG = Logger.getLogger(IndicatorPublisher.class);

    @Inject
    IndicatorCalculator calculator;
    @Inject
    PublishQueue queue;
    @Inject
    RoundOpening opening;
    @Inject
    Aggregates aggregates;
    /** The sums of the scopes above zones as last read (the lane above zones only). */
    @Inject
    SumsCache kept;
    /** The report periods of each scope as last sent. */
    @Inject
    HeldPeriods heldPeriods;
    @Inject
    ObjectMapper json;
    @Inject
    @Channel(CHANNEL)
    Emitter<String> emitter;
    @Inject
    @Channel(ZONES_CHANNEL)
    Emitter<String> zoneEmitter;
    @Inject
    IndicatorPublisher self;
    @Inject
    ManagedExecutor executor;
    @Inject
    MeterRegistry meters;
    /** How far apart rounds are, per lane (izone.indicators.coalesce, coalesce-zones): see {@link PublishingConfig}. */
    @Inject
    PublishingConfig config;
    @Inject
    Tracer tracer;

    private final Lane zones = new Lane(PublishQueue.Lane.ZONES);
    private final Lane above = new Lane(PublishQueue.Lane.ABOVE_ZONES);
    private final AtomicLong dueScopes = new AtomicLong();
    private final AtomicLong oldestChangeMillis = new AtomicLong();
    private final Map<PublishQueue.Lane, Timer> rounds = new EnumMap<>(PublishQueue.Lane.class);
    private final Map<PublishQueue.Lane, Timer> appliedToAcknowledged = new EnumMap<>(PublishQueue.Lane.class);
    private volatile boolean stopping;
    /** When the consumer last applied a backlog's batch ({@link #appliedEventsAged}). */
    private volatile long behindSeenAt;
    static final java.time.Duration CATCH_UP_SEEN_WITHIN = java.time.Duration.ofSeconds(2);
    private static final java.time.Duration CATCH_UP_CHECK = java.time.Duration.ofMillis(100);
    /** zone scope key -> trace context of the last change applied to it, until its snapshot goes out. */
    private final Map<String, SpanContext> zoneCauses = new ConcurrentHashMap<>();
    /** The batches applied since the previous round of the lane above zones (their consumer spans). */
    private final ConcurrentLinkedQueue<SpanContext> appliedBatches = new ConcurrentLinkedQueue<>();

    void stopping(@jakarta.enterprise.event.Observes io.quarkus.runtime.ShutdownEvent ignored) {
        stopping = true;
    }

    @jakarta.annotation.PostConstruct
    void meters() {
        // what an operator alerts on (docs/deploy.md): figures behind the register, and for how long
        Gauge.builder("izone.indicators.due.scopes", dueScopes, AtomicLong::get)
                .description("Scopes whose published snapshot is behind the applied state").register(meters);
        Gauge.builder("izone.indicators.oldest.unpublished.seconds", oldestChangeMillis, v -> v.get() / 1000.0)
                .description("Age of the oldest applied change not yet published").register(meters);
        for (PublishQueue.Lane lane : PublishQueue.Lane.values()) {
            rounds.put(lane, StageTimers.stage("izone.indicators.publish.round",
                            "One publishing round of a lane (zones, above_zones): compute, send, acknowledged")
                    .tag("lane", lane.name().toLowerCase(Locale.ROOT))
                    .register(meters));
            appliedToAcknowledged.put(lane, StageTimers.stage("izone.indicators.applied.to.acknowledged",
                        "From the first batch committed since a lane's last drain began to the end of the next"
                            + " drain: its snapshots acknowledged by Kafka (the bench's freshness breakdown)")
                    .tag("lane", lane.name().toLowerCase(Locale.ROOT))
                    .register(meters));
        }
        Gauge.builder("izone.indicators.kept.figures", kept, SumsCache::figuresKept)
                .description("Figures of the scopes above zones the publisher keeps in memory between rounds").register(meters);
        io.micrometer.core.instrument.FunctionCounter.builder("izone.indicators.reread.shards", kept, SumsCache::shardsReread)
                .description("(scope, shard) parts read again by the lane above zones because their version moved").register(meters);
        io.micrometer.core.instrument.FunctionCounter.builder("izone.indicators.read.whole", kept, SumsCache::scopesReadWhole)
                .description("Scopes above zones read whole (the first read of each)").register(meters);
        Gauge.builder("izone.indicators.periods.held", heldPeriods, HeldPeriods::zonesHeld)
                .description("Scopes whose report periods the publisher holds as last sent (~6 KB each)").register(meters);
        io.micrometer.core.instrument.FunctionCounter.builder("izone.indicators.periods.reused", heldPeriods, HeldPeriods::reused)
                .description("Snapshots sent with their report periods as last sent (their version had not moved)").register(meters);
        io.micrometer.core.instrument.FunctionCounter.builder("izone.indicators.zones.handed.over", kept, SumsCache::zonesHandedOver)
                .description("Zones sent as their applying transaction left them, without reading their rows").register(meters);
    }

    /** The trace of a change to this zone, about to be applied: its zone's next snapshot continues it. */
    public void causedBy(UUID zoneId, SpanContext change) {
        if (zoneId == null || change == null || !change.isValid()) {
            return;
        }
        if (zoneCauses.size() >= TRACED_ZONES) {
            zoneCauses.clear(); // best effort: a snapshot without its change's trace starts its own
        }
        zoneCauses.put(Scope.zone(zoneId.toString()).key(), change);
    }

    /** The span a batch was applied in: the next round above zones links to it. */
    public void applied(SpanContext batch) {
        if (batch == null || !batch.isValid()) {
            return;
        }
        appliedBatches.add(batch);
        while (appliedBatches.size() > TraceContext.MAX_LINKS) {
            appliedBatches.poll();
        }
    }

    /**
     * After a batch committed: how long ago its newest event was recorded on Kafka. Above {@code catch-up-lag} the
     * consumer is catching up, and the lane above zones rests between its rounds ({@link PublishingConfig#catchUpRest}).
     */
    public void appliedEventsAged(long millis) {
        if (millis > config.catchUpLag().toMillis()) {
            behindSeenAt = System.currentTimeMillis();
        }
    }

    /** Whether a batch applied in the last two seconds was a backlog's. */
    boolean catchingUp() {
        return System.currentTimeMillis() - behindSeenAt < CATCH_UP_SEEN_WITHIN.toMillis();
    }

    /** Rests up to {@code catch-up-rest} while the consumer is catching up; returns at once when it is not (any more). */
    private void restWhileCatchingUp() {
        long until = System.nanoTime() + config.catchUpRest().toNanos();
        while (!stopping && catchingUp() && System.nanoTime() < until) {
            java.util.concurrent.locks.LockSupport.parkNanos(CATCH_UP_CHECK.toNanos());
        }
    }

    /** Called after a batch of events committed: publish now rather than at the next tick. */
    public void nudge() {
        if (stopping) {
            return;
        }
        zones.nudge();
        above.nudge();
    }

    @Scheduled(every = "${izone.indicators.publish-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void tick() {
        zones.drain();
        above.drain();
    }

    /**
     * One lane of the publisher: one drain at a time, a nudge meanwhile makes it go round once more, and rounds at
     * least the lane's coalescing interval apart and at least as long apart as the last round took (in the lane above
     * zones, also between the full rounds of one drain). When a backlog makes rounds long (a catch-up dirties every
     * scope), publishing above zones takes at most about half the time, and applying the backlog the rest. The zone lane backs off by at most {@link #ZONE_BACKOFF_CAP}: its rounds are bounded (at
     * most {@value #SCOPES_PER_ROUND} small scopes), and a round slowed by a busy machine made the next zone change
     * wait as long again (7.8 s rounds under load, bench of 2026-12-02).
     */
    private final class Lane {
        private final PublishQueue.Lane which;
        private final AtomicBoolean running = new AtomicBoolean();
        private final AtomicBoolean again = new AtomicBoolean();
        private volatile long lastRound;
        private volatile long lastRoundNanos;
        /** When the first batch committed since the lane last started a drain (0: none), for the applied -> acknowledged timer. */
        private final AtomicLong firstCommitted = new AtomicLong();

        Lane(PublishQueue.Lane which) {
            this.which = which;
        }

        void nudge() {
            firstCommitted.compareAndSet(0, System.nanoTime());
            if (running.get()) {
                again.set(true);
            } else {
                executor.runAsync(this::drain);
            }
        }

        void drain() {
            if (stopping || !running.compareAndSet(false, true)) {
                again.set(true);
                return;
            }
            try {
                boolean zoneLane = which == PublishQueue.Lane.ZONES;
                java.time.Duration spacing = zoneLane ? config.coalesceZones() : config.coalesce();
                do {
                    again.set(false);
                    long backoff = Math.min(lastRoundNanos, (zoneLane ? ZONE_BACKOFF_CAP : ABOVE_ZONES_BACKOFF_CAP).toNanos());
                    long wait = lastRound + Math.max(spacing.toNanos(), backoff) - System.nanoTime();
                    if (wait > 0) {
                        java.util.concurrent.locks.LockSupport.parkNanos(wait);
                    }
                    if (!zoneLane) {
                        restWhileCatchingUp();
                    }
                    long started = System.nanoTime();
                    long committed = firstCommitted.getAndSet(0);
                    while (!stopping) {
                        long roundStarted = System.nanoTime();
                        int round = self.publishDue(which);
                        if (round < roundSize(which)) {
                            break; // not a full round: nothing more is due
                        }
                        if (!zoneLane) {
                            // Rest as long as the round took (capped) before the next: while a burst keeps hundreds of
                            // large scopes due, back-to-back rounds took a core of metrics, PostgreSQL and reporting
                            // from the changes being applied and the zones going out (bench of 2026-12-02: 2.2 s rounds
                            // without a pause through the whole 200/s phase).
                            java.util.concurrent.locks.LockSupport.parkNanos(
                                    Math.min(System.nanoTime() - roundStarted, ABOVE_ZONES_BACKOFF_CAP.toNanos()));
                            restWhileCatchingUp();
                        }
                    }
                    lastRound = System.nanoTime();
                    lastRoundNanos = lastRound - started;
                    if (committed != 0) { // even if an earlier drain sent its scopes: they are on Kafka by now
                        appliedToAcknowledged.get(which).record(lastRound - committed, java.util.concurrent.TimeUnit.NANOSECONDS);
                    }
                } while (again.get() && !stopping);
                PublishQueue.Lag lag = queue.lag();
                dueScopes.set(lag.dueScopes());
                oldestChangeMillis.set(lag.oldestChange().toMillis());
            } catch (RuntimeException e) {
                LOG.warnf("indicator publishing (%s) paused until the next tick: %s", which, e.getMessage());
            } finally {
                running.set(false);
            }
        }
    }

    /**
     * One round of a lane: takes its due scopes ({@link PublishQueue#take}), reads their marks' versions and the day's
     * USD rate ({@link RoundOpening}), reads their sums (the lane above zones from the sums it keeps, reading again only
     * the shards whose version moved, {@link SumsCache}), computes and sends them, waits for Kafka, then records the
     * marks as read as published. Four round trips to PostgreSQL with the commit. Nothing is recorded if Kafka does not
     * acknowledge.
     */
    @Transactional
    public int publishDue(PublishQueue.Lane lane) {
        Timer.Sample sample = Timer.start();
        java.time.Instant readAt = java.time.Instant.now();
        PublishQueue.Taken taken = queue.take(lane, roundSize(lane)); // a scope another instance publishes stays due here
        List<String> due = taken.due();
        if (due.isEmpty()) {
            return 0;
        }
        List<String> claimed = taken.claimed();
        boolean zoneLane = lane == PublishQueue.Lane.ZONES;
        Map<String, SpanContext> causes = new HashMap<>();
        List<SpanContext> links = new ArrayList<>();
        if (zoneLane) {
            for (String key : claimed) {
                SpanContext cause = zoneCauses.get(key);
                if (cause != null) {
                    causes.put(key, cause);
                    links.add(cause);
                }
            }
        } else {
            for (SpanContext batch; links.size() < TraceContext.MAX_LINKS && (batch = appliedBatches.poll()) != null; ) {
                links.add(batch);
            }
        }
        Span round = TraceContext.startBatch(tracer.spanBuilder("publish indicators " + lane.name().toLowerCase(Locale.ROOT))
                .setSpanKind(SpanKind.INTERNAL)
                .setAttribute("izone.indicators.lane", lane.name().toLowerCase(Locale.ROOT))
                .setAttribute("izone.indicators.scopes", (long) claimed.size()), links);
        TraceContext.within(round, () -> {
            List<Scope> scopes = claimed.stream().map(Scope::ofKey).toList();
            List<String> keys = IndicatorCalculator.keysOf(scopes);
            // the marks before the sums: whatever is applied after this read is due again
            RoundOpening.Read start = opening.read(keys, java.time.LocalDate.now());
            Map<String, List<PublishQueue.Mark>> marks = start.marks();
            Map<String, Sums> sums;
            Map<String, List<Indicators.PeriodFigures>> periods = new HashMap<>();
            if (zoneLane) {
                heldPeriods.startRound();
                sums = new HashMap<>();
                kept.zones(keys, marks, heldPeriods::version, aggregates::readZones).forEach((key, zone) -> {
                    sums.put(key, zone.sums());
                    periods.put(key, heldPeriods.of(key, zone));
                });
            } else if (config.keepSumsAboveZones()) {
                sums = kept.read(keys, marks);
                for (Scope scope : scopes) {
                    periods.put(scope.key(), heldPeriods.of(scope.key(), kept.periodsVersion(scope.key()), sums.get(scope.key())));
                }
            } else {
                sums = aggregates.read(keys);
            }
            List<Indicators> computed = calculator.fromSums(scopes, sums, periods, start.usd());
            sums.values().forEach(Sums::dropViews);
            List<CompletableFuture<Void>> acks = new ArrayList<>(computed.size());
            Emitter<String> producer = zoneLane ? zoneEmitter : emitter;
            for (Indicators indicators : computed) {
                SpanContext cause = causes.get(indicators.scopeKey());
                Context trace = cause != null ? Context.root().with(Span.wrap(cause)) : Context.current();
                acks.add(send(producer, indicators.scopeKey(), indicators, trace));
            }
            Acks.await(acks, "the indicators");
            List<PublishQueue.Mark> sent = new ArrayList<>();
            claimed.forEach(key -> sent.addAll(marks.getOrDefault(key, List.of())));
            queue.published(sent, readAt);
            causes.forEach(zoneCauses::remove); // only if no later change replaced it meanwhile
        });
        sample.stop(rounds.get(lane));
        return due.size();
    }

    static int roundSize(PublishQueue.Lane lane) {
        return lane == PublishQueue.Lane.ZONES ? SCOPES_PER_ROUND : SCOPES_ABOVE_ZONES_PER_ROUND;
    }

    /** One snapshot; the Kafka connector's producer span is the child of {@code trace} and names itself in the record's traceparent. */
    private CompletableFuture<Void> send(Emitter<String> producer, String key, Indicators indicators, Context trace) {
        String payload;
        try {
            payload = json.writeValueAsString(indicators);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        CompletableFuture<Void> ack = new CompletableFuture<>();
        producer.send(Acks.tracked(Message.of(payload, Metadata.of(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build(),
                TracingMetadata.withCurrent(trace))), ack));
        return ack;
    }
}
