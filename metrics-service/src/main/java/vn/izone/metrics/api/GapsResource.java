package vn.izone.metrics.api;

import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Path("/api/v1/gaps")
@Produces(MediaType.APPLICATION_JSON)
public class GapsResource {
    private final EntityManager em;

    public GapsResource(EntityManager em) {
        this.em = em;
    }

    public record Gap(String aggregateType, UUID aggregateId, long expectedVersion, long receivedVersion, UUID eventId,
                      Instant seenAt) {
    }

    @GET
    @Transactional
    @Operation(summary = "Aggregate versions that never arrived: an event came with a later version than expected")
    @SuppressWarnings("unchecked")
    public List<Gap> gaps() {
        List<Object[]> rows = em.createNativeQuery("""
                SELECT aggregate_type, aggregate_id, expected_version, received_version, event_id, seen_at
                FROM sequence_gap ORDER BY seen_at DESC LIMIT 1000""").getResultList();
        return rows.stream().map(r -> new Gap((String) r[0], (UUID) r[1], ((Number) r[2]).longValue(),
                ((Number) r[3]).longValue(), (UUID) r[4], toInstant(r[5]))).toList();
    }

    private static Instant toInstant(Object o) {
        if (o instanceof Instant i) {
            return i;
        }
        if (o instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        if (o instanceof java.time.OffsetDateTime t) {
            return t.toInstant();
        }
        return Instant.parse(o.toString());
    }
}
