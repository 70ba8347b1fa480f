package vn.izone.metrics.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.context.api.ManagedExecutorConfig;
import io.smallrye.context.api.NamedInstance;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.context.ThreadContext;
import org.jboss.logging.Logger;
import vn.izone.metrics.events.PoisonEvent;
import vn.izone.metrics.events.RegistryEvent;
import vn.izone.metrics.publish.Shard;
import vn.izone.metrics.store.AggregateStore;
import vn.izone.metrics.store.ApplyLock;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Rebuilds every derived table from the registry topics: truncates them and replays each topic from its
 * beginning up to the end offsets captured when the rebuild started, through the same {@link AggregateStore}
 * the live consumers use. It reads with a KafkaConsumer of its own (its own group, nothing committed), so the
 * live consumer group's offsets are untouched.
 * <p>
 * Consistency with the live path: the rebuild holds the {@link ApplyLock} write lock throughout, so no live
 * event is applied meanwhile (the live channels wait and then resume where they were: whatever they apply next
 * is either already replayed — a duplicate, skipped by the version guard — or newer than the captured end).
 * Truncation and replay are one transaction: readers see the old figures until the new ones are complete,
 * and a failed rebuild leaves the old figures in place.
 * <p>
 * It runs on a container-managed executor ({@code metrics-rebuild}, one task at a time): Quarkus shuts it down with
 * the application (an interrupted rebuild rolls back and keeps the old figures), and it starts with no context of
 * the HTTP request that asked for it (cleared: the rebuild outlives that request; who started it is kept in
 * {@link Progress#startedBy()}).
 */
@ApplicationScoped
public class Rebuild {
    private static final Logger LOG = Logger.getLogger(Rebuild.class);
    public static final List<String> TOPICS = List.of("izone.registry.zones.v1", "izone.registry.projects.v1",
            "izone.registry.reports.v1");

    public enum State { IDLE, RUNNING, DONE, FAILED }

    /** {@code startedBy}: the principal of the token that started it (null only with izone.auth.enforce=false). */
    public record Progress(String id, State state, long eventsApplied, long eventsRead, long eventsTotal, long duplicates,
                           long poison, Instant startedAt, Instant finishedAt, Double eventsPerSecond, String error,
                           String startedBy) {
    }

    /** A rebuild was asked for while one runs: nothing new is started (409 with the running one's progress). */
    public static class AlreadyRunning extends RuntimeException {
        private final Progress running;

        public AlreadyRunning(Progress running) {
            super("rebuild " + running.id() + " is running");
            this.running = running;
        }

        public Progress running() {
            return running;
        }
    }

    private final AggregateStore store;
    private final ApplyLock lock;
    private final ObjectMapper json;
    private final String bootstrap;
    private final ManagedExecutor executor;
    private final AtomicReference<Progress> progress = new AtomicReference<>(
            new Progress(null, State.IDLE, 0, 0, 0, 0, 0, null, null, null, null, null));

    public Rebuild(AggregateStore store, ApplyLock lock, ObjectMapper json,
                   @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap,
                   @ManagedExecutorConfig(maxAsync = 1, propagated = {}, cleared = ThreadContext.ALL_REMAINING)
                   @NamedInstance("metrics-rebuild") ManagedExecutor executor) {
        this.store = store;
        this.lock = lock;
        this.json = json;
        this.bootstrap = bootstrap;
        this.executor = executor;
    }

    public Progress progress() {
        return progress.get();
    }

    /**
     * Starts a rebuild in the background on behalf of {@code startedBy}; one at a time: while one runs, throws
     * {@link AlreadyRunning} with its progress and starts nothing.
     */
    public synchronized Progress start(String startedBy) {
        if (progress.get().state() == State.RUNNING) {
            throw new AlreadyRunning(progress.get());
        }
        Progress started = new Progress(UUID.randomUUID().toString(), State.RUNNING, 0, 0, 0, 0, 0, Instant.now(), null, null, null,
                startedBy);
        progress.set(started);
        LOG.infof("rebuild %s started by %s", started.id(), startedBy);
        try {
            executor.runAsync(() -> run(started));
        } catch (RejectedExecutionException e) { // shutting down
            publish(started, new long[5], State.FAILED, Instant.now(), "not started: " + e.getMessage());
            throw new IllegalStateException("the rebuild could not be started: " + e.getMessage(), e);
        }
        return started;
    }

    private void run(Progress started) {
        long[] counts = new long[5]; // applied, read, total, duplicates, poison
        lock.rebuild().lock();
        try (KafkaConsumer<String, String> consumer = consumer(started.id())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : TOPICS) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
                if (infos != null) {
                    infos.forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions, Duration.ofSeconds(30)));
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, Duration.ofSeconds(30));
            end.forEach((tp, offset) -> counts[2] += offset - begin.getOrDefault(tp, 0L));
            publish(started, counts, State.RUNNING, null, null);
            LOG.infof("rebuild %s: replaying %d events of %s", started.id(), counts[2], TOPICS);
            QuarkusTransaction.requiringNew().timeout(3600).run(() -> {
                store.truncateDerived();
                while (!caughtUp(consumer, end)) {
                    ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
                    List<RegistryEvent> batch = new ArrayList<>(records.count());
                    for (ConsumerRecord<String, String> record : records) {
                        TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                        if (record.offset() >= end.getOrDefault(tp, 0L)) {
                            continue; // newer than the captured end: the live consumer applies it
                        }
                        counts[1]++;
                        RegistryEvent event = applicable(record);
                        if (event == null) {
                            counts[4]++; // already sent to the dead-letter topic by the live consumer
                        } else {
                            batch.add(event);
                        }
                    }
                    // one poll's events at a time through the live path's batch apply (same version guard)
                    for (AggregateStore.Outcome outcome : store.applyBatch(batch, Shard.REBUILD)) {
                        counts[outcome == AggregateStore.Outcome.DUPLICATE ? 3 : 0]++;
                    }
                    publish(started, counts, State.RUNNING, null, null);
                    // stop reading partitions that reached their captured end
                    List<TopicPartition> done = new ArrayList<>();
                    for (TopicPartition tp : consumer.assignment()) {
                        if (consumer.position(tp) >= end.getOrDefault(tp, 0L)) {
                            done.add(tp);
                        }
                    }
                    consumer.pause(done);
                }
                store.replayed();
            });
            Instant finished = Instant.now();
            publish(started, counts, State.DONE, finished, null);
            LOG.infof("rebuild %s (started by %s) done: %d events read, %d applied, %d duplicates, %d poison in %d ms (%.0f events/s)",
                    started.id(), started.startedBy(), counts[1], counts[0], counts[3], counts[4],
                    Duration.between(started.startedAt(), finished).toMillis(), progress.get().eventsPerSecond());
        } catch (RuntimeException e) {
            LOG.errorf(e, "rebuild %s failed; the figures before it are kept", started.id());
            publish(started, counts, State.FAILED, Instant.now(), String.valueOf(e.getMessage()));
        } finally {
            lock.rebuild().unlock();
        }
    }

    /** The record's event, or null for one the live consumer dead-letters (unreadable, misplaced, invalid). */
    private RegistryEvent applicable(ConsumerRecord<String, String> record) {
        String expected = switch (record.topic()) {
            case "izone.registry.zones.v1" -> "zone";
            case "izone.registry.projects.v1" -> "project";
            default -> "report";
        };
        try {
            RegistryEvent event = RegistryEvent.parse(json, record.value());
            if (!expected.equals(event.aggregateType())) {
                return null;
            }
            AggregateStore.validate(event);
            return event;
        } catch (PoisonEvent e) {
            return null;
        }
    }

    private static boolean caughtUp(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private void publish(Progress started, long[] c, State state, Instant finished, String error) {
        Instant now = finished != null ? finished : Instant.now();
        double seconds = Math.max(1, Duration.between(started.startedAt(), now).toMillis()) / 1000.0;
        Double rate = c[1] == 0 ? null : Math.round(c[1] / seconds * 10) / 10.0;
        progress.set(new Progress(started.id(), state, c[0], c[1], c[2], c[3], c[4], started.startedAt(), finished, rate, error,
                started.startedBy()));
    }

    private KafkaConsumer<String, String> consumer(String id) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "izone-metrics-rebuild-" + id);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "izone-metrics-rebuild");
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }
}
