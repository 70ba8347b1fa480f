package vn.izone.metrics.indicators;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Publishes a fresh snapshot of every scope whose figures changed, keyed by scope on a compacted topic.
 * Changed scopes are marked in the applying transaction, so a crash loses no update; many events on one
 * scope coalesce into one snapshot per tick.
 */
@ApplicationScoped
public class IndicatorPublisher {
    public static final String CHANNEL = "indicators";
    private static final Logger LOG = Logger.getLogger(IndicatorPublisher.class);

    @Inject
    EntityManager em;
    @Inject
    IndicatorCalculator calculator;
    @Inject
    ObjectMapper json;
    @Inject
    @Channel(CHANNEL)
    Emitter<String> emitter;
    @Inject
    IndicatorPublisher self;
    @ConfigProperty(name = "izone.indicators.publish-interval")
    Duration interval;

    private volatile boolean running;
    private Thread worker;

    void start(@Observes StartupEvent ignored) {
        running = true;
        worker = new Thread(this::loop, "indicator-publisher");
        worker.setDaemon(true);
        worker.start();
    }

    void stop(@Observes ShutdownEvent ignored) {
        running = false;
        if (worker != null) {
            worker.interrupt();
        }
    }

    private void loop() {
        while (running) {
            try {
                if (self.publishDirty() == 0) {
                    Thread.sleep(interval.toMillis());
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warnf("indicator publishing paused: %s", e.getMessage());
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    /** Publishes up to 200 changed scopes; they stay marked if Kafka does not acknowledge. */
    @Transactional
    public int publishDirty() {
        @SuppressWarnings("unchecked")
        List<String> keys = em.createNativeQuery(
                "SELECT scope_key FROM dirty_scope ORDER BY marked_at LIMIT 200 FOR UPDATE SKIP LOCKED").getResultList();
        if (keys.isEmpty()) {
            return 0;
        }
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        for (String key : keys) {
            acks.add(send(key, calculator.compute(Scope.ofKey(key))));
        }
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Kafka did not acknowledge the indicators: " + e.getMessage(), e);
        }
        em.createNativeQuery("DELETE FROM dirty_scope WHERE scope_key IN (?1)").setParameter(1, keys).executeUpdate();
        return keys.size();
    }

    private CompletableFuture<Void> send(String key, Indicators indicators) {
        CompletableFuture<Void> ack = new CompletableFuture<>();
        String payload;
        try {
            payload = json.writeValueAsString(indicators);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        emitter.send(Message.of(payload, Metadata.of(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build()),
                () -> {
                    ack.complete(null);
                    return CompletableFuture.completedFuture(null);
                },
                failure -> {
                    ack.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                }));
        return ack;
    }
}
