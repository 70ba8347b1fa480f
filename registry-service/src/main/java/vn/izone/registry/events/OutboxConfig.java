package vn.izone.registry.events;

import io.smallrye.config.ConfigMapping;

import java.time.Duration;

/** The outbox relay's settings ({@code izone.outbox.*}); values in application.properties, documented in docs/deploy.md. */
@ConfigMapping(prefix = "izone.outbox")
public interface OutboxConfig {
    /** Events per relay batch: one transaction, one send to Kafka awaited, one UPDATE marking them published. */
    int batchSize();

    /** The fallback poll for wake-ups that were lost (no listener at the time, another instance relaying). */
    Duration pollInterval();
}
