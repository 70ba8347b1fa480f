package vn.izone.registry.events;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One row of the transactional outbox: an accepted change, waiting for (or done with) its relay to Kafka. */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "event_id")
    public UUID eventId;
    public String topic;
    @Column(name = "partition_key")
    public String partitionKey;
    @Column(name = "event_type")
    public String eventType;
    @Column(name = "aggregate_type")
    public String aggregateType;
    @Column(name = "aggregate_id")
    public UUID aggregateId;
    @Column(name = "aggregate_version")
    public long aggregateVersion;
    public String payload;
    @Column(name = "occurred_at")
    public Instant occurredAt;
    @Column(name = "published_at")
    public Instant publishedAt;
    /** The W3C trace context of the writing request (V17; null before): the relay's span continues it. */
    public String traceparent;
    public String tracestate;
}
