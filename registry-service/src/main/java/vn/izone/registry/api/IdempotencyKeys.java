package vn.izone.registry.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import org.hibernate.query.NativeQuery;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Idempotency keys for creating requests ({@code Idempotency-Key} header): the first request creates, a
 * retry with the same key and body gets the same resource back, the same key with another body is refused.
 */
@ApplicationScoped
public class IdempotencyKeys {
    private final EntityManager em;
    private final ObjectMapper json;

    public IdempotencyKeys(EntityManager em, ObjectMapper json) {
        this.em = em;
        this.json = json;
    }

    /** The resource the key already created, or the one {@code create} makes now (same transaction). */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID createOnce(String key, String resourceType, Object request, Supplier<UUID> create) {
        if (key == null || key.isBlank()) {
            return create.get();
        }
        if (key.length() > 200) {
            throw RejectedChange.invalid("Idempotency-Key", "at most 200 characters");
        }
        String hash = hash(request);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = onKeysOnly(em.createNativeQuery(
                        "SELECT request_hash, resource_type, resource_id FROM idempotency_key WHERE key = ?1 FOR UPDATE"))
                .setParameter(1, key).getResultList();
        Optional<Object[]> existing = rows.stream().findFirst();
        if (existing.isPresent()) {
            Object[] row = existing.get();
            if (!hash.equals(row[0]) || !resourceType.equals(row[1])) {
                throw new RejectedChange(Problem.of(422, "idempotency-key-reused",
                        "This Idempotency-Key was used for a different request",
                        "use a new key for a new request", List.of(new Problem.FieldError("Idempotency-Key", "reused with another body"))));
            }
            return (UUID) row[2];
        }
        UUID id = create.get();
        onKeysOnly(em.createNativeQuery("INSERT INTO idempotency_key (key, request_hash, resource_type, resource_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5)"))
                .setParameter(1, key).setParameter(2, hash).setParameter(3, resourceType).setParameter(4, id)
                .setParameter(5, Instant.now()).executeUpdate();
        return id;
    }

    /**
     * A native statement that touches {@code idempotency_key} only, said so to Hibernate. Without it Hibernate must
     * assume a native statement may touch any table: it flushed the whole session before the {@code SELECT}, and
     * after the {@code INSERT} it evicted every region of the second-level cache (a bulk operation on unknown tables),
     * so provinces and former provinces, cached as reference data, were read from PostgreSQL again on every zone
     * write (issue #15 profile, docs/performance.md "session 7").
     */
    private static Query onKeysOnly(Query query) {
        return query.unwrap(NativeQuery.class).addSynchronizedQuerySpace(TABLE);
    }

    private static final String TABLE = "idempotency_key";

    private String hash(Object request) {
        try {
            byte[] body = json.writeValueAsBytes(request);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
