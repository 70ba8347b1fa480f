package vn.izone.metrics.events;

import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Waiting until Kafka acknowledged what an emitter sent: the dead letters and the indicator snapshots. */
public final class Acks {
    private static final long TIMEOUT_SECONDS = 30;

    private Acks() {
    }

    /** The message, completing {@code ack} when Kafka acknowledges it or exceptionally when it refuses it. */
    public static <T> Message<T> tracked(Message<T> message, CompletableFuture<Void> ack) {
        return message.withAck(() -> {
            ack.complete(null);
            return CompletableFuture.completedFuture(null);
        }).withNack(failure -> {
            ack.completeExceptionally(failure);
            return CompletableFuture.completedFuture(null);
        });
    }

    /** Blocks until every send is acknowledged; throws if one is refused or none came within 30 s. */
    public static void await(List<CompletableFuture<Void>> acks, String what) {
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while Kafka acknowledged " + what, e);
        } catch (Exception e) {
            throw new IllegalStateException("Kafka did not acknowledge " + what + ": " + e.getMessage(), e);
        }
    }
}
