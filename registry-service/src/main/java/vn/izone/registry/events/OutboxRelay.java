package vn.izone.registry.events;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Relays the outbox to Kafka in id order. One relay is active at a time across all registry instances
 * (a PostgreSQL advisory lock taken per batch), which keeps every zone's events in order even with several
 * replicas. A batch is marked published only after Kafka acknowledged all of it; a crash in between sends
 * the batch again, and consumers drop what they already applied (aggregate versions), so nothing is lost.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Arbitrary but fixed: the advisory lock that elects the active relay. */
    public static final long RELAY_LOCK = 0x1A0E_0B0CL;

    @Inject
    EntityManager em;
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;
    @Inject
    MeterRegistry meters;
    @ConfigProperty(name = "izone.outbox.batch-size")
    int batchSize;
    @ConfigProperty(name = "izone.outbox.idle-wait")
    Duration idleWait;
    @Inject
    OutboxRelay self;
    @Inject
    vn.izone.registry.recovery.RecoveryGate gate;

    private KafkaProducer<String, String> producer;
    private Thread worker;
    private volatile boolean running;
    private final AtomicLong oldestUnpublishedMillis = new AtomicLong();

    void start(@Observes StartupEvent ignored) {
        Map<String, Object> config = new HashMap<>();
        kafkaConfig.forEach((k, v) -> {
            if (ProducerConfig.configNames().contains(k) || k.startsWith("ssl.") || k.startsWith("sasl.") || k.equals("security.protocol")) {
                config.put(k, v);
            }
        });
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "izone-registry-outbox-relay");
        producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
        meters.gauge("izone.outbox.oldest.unpublished.age.seconds", oldestUnpublishedMillis, v -> v.get() / 1000.0);
        running = true;
        worker = new Thread(this::loop, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    void stop(@Observes ShutdownEvent ignored) {
        running = false;
        if (worker != null) {
            worker.interrupt();
            try {
                worker.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    private void loop() {
        Duration backoff = idleWait;
        while (running) {
            try {
                if (!gate.isOpen()) {
                    // a restored register is learning from its topics what consumers have: nothing goes out meanwhile
                    Thread.sleep(idleWait.toMillis());
                    continue;
                }
                int sent = self.relayBatch();
                backoff = idleWait;
                if (sent == 0) {
                    Thread.sleep(idleWait.toMillis());
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // Kafka or PostgreSQL unreachable: the events wait in the outbox and go out in order later.
                LOG.warnf("outbox relay paused: %s", e.getMessage());
                meters.counter("izone.outbox.relay.failures").increment();
                try {
                    Thread.sleep(backoff.toMillis());
                } catch (InterruptedException ie) {
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5) : backoff.multipliedBy(2);
            }
        }
    }

    /** Sends one batch; returns how many events went out (0 when idle or when another instance relays). */
    @Transactional
    public int relayBatch() {
        Boolean leader = (Boolean) em.createNativeQuery("SELECT pg_try_advisory_xact_lock(?1)")
                .setParameter(1, RELAY_LOCK).getSingleResult();
        if (!Boolean.TRUE.equals(leader)) {
            return 0;
        }
        List<OutboxEvent> batch = OutboxEvent.<OutboxEvent>find("publishedAt is null order by id").page(0, batchSize).list();
        if (batch.isEmpty()) {
            oldestUnpublishedMillis.set(0);
            return 0;
        }
        oldestUnpublishedMillis.set(Duration.between(batch.get(0).occurredAt, Instant.now()).toMillis());
        List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size());
        for (OutboxEvent event : batch) {
            acks.add(producer.send(record(event)));
        }
        producer.flush();
        try {
            for (Future<RecordMetadata> ack : acks) {
                ack.get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("Kafka did not acknowledge the batch: " + e.getMessage(), e);
        }
        // One UPDATE for the batch: marking 500 managed entities dirty cost 500 UPDATE statements at commit.
        em.createQuery("update OutboxEvent e set e.publishedAt = :now where e.id in :ids")
                .setParameter("now", Instant.now()).setParameter("ids", batch.stream().map(e -> e.id).toList())
                .executeUpdate();
        meters.counter("izone.outbox.relayed").increment(batch.size());
        return batch.size();
    }

    /** The record: JSON envelope as value, zone id as key, CloudEvents binary-mode headers. */
    static ProducerRecord<String, String> record(OutboxEvent event) {
        RecordHeaders headers = new RecordHeaders();
        header(headers, "ce_specversion", "1.0");
        header(headers, "ce_id", event.eventId.toString());
        header(headers, "ce_source", "/izone/registry-service");
        header(headers, "ce_type", "vn.izone." + event.eventType + ".v1");
        header(headers, "ce_subject", event.aggregateId.toString());
        header(headers, "ce_time", DateTimeFormatter.ISO_INSTANT.format(event.occurredAt));
        header(headers, "content-type", "application/json");
        header(headers, "izone_aggregate_version", Long.toString(event.aggregateVersion));
        return new ProducerRecord<>(event.topic, null, event.partitionKey, event.payload, headers);
    }

    private static void header(RecordHeaders headers, String key, String value) {
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }
}
