package vn.izone.registry.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import io.agroal.api.AgroalDataSource;
import jakarta.transaction.Transactional;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Idempotency keys for creating requests ({@code Idempotency-Key} header): the first request creates, a
 * retry with the same key and body gets the same resource back, the same key with another body is refused.
 */
@ApplicationScoped
public class IdempotencyKeys {
    private final AgroalDataSource db;
    private final ObjectMapper json;

    public IdempotencyKeys(AgroalDataSource db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    /** The resource the key already created, or the one {@code create} makes now (same transaction). */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID createOnce(String key, String resourceType, Object request, Supplier<UUID> create) {
        return createOnce(key, resourceType, request, create, id -> id, id -> id);
    }

    /**
     * What {@code create} makes now, or, when the key was used before with the same body, what {@code existing} answers
     * for the resource it created then ({@code idOf} names the created resource for the key).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public <T> T createOnce(String key, String resourceType, Object request, Supplier<T> create,
                            Function<T, UUID> idOf, Function<UUID, T> existing) {
        if (key == null || key.isBlank()) {
            return create.get();
        }
        if (key.length() > 200) {
            throw RejectedChange.invalid("Idempotency-Key", "at most 200 characters");
        }
        String hash = hash(request);
        Existing known = find(key);
        if (known != null) {
            if (!hash.equals(known.hash()) || !resourceType.equals(known.resourceType())) {
                throw new RejectedChange(Problem.of(422, "idempotency-key-reused",
                        "This Idempotency-Key was used for a different request", "use a new key for a new request",
                        List.of(new Problem.FieldError("Idempotency-Key", "reused with another body"))));
            }
            return existing.apply(known.resourceId());
        }
        T created = create.get();
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(INSERT)) {
            s.setString(1, key);
            s.setString(2, hash);
            s.setString(3, resourceType);
            s.setObject(4, idOf.apply(created));
            s.setObject(5, OffsetDateTime.now(ZoneOffset.UTC));
            s.executeUpdate();
        } catch (SQLException e) {
            throw SqlFailure.of(e);
        }
        return created;
    }

    private record Existing(String hash, String resourceType, UUID resourceId) {
    }

    /** The key's row, locked until the transaction ends (a concurrent retry waits for the first to commit), or null. */
    private Existing find(String key) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(FIND)) {
            s.setString(1, key);
            try (ResultSet row = s.executeQuery()) {
                return row.next() ? new Existing(row.getString(1), row.getString(2), row.getObject(3, UUID.class)) : null;
            }
        } catch (SQLException e) {
            throw SqlFailure.of(e);
        }
    }

    /*
     * Plain JDBC on the transaction's connection: the key's two statements were Hibernate native queries, which made
     * Hibernate flush the session before the SELECT and evict the second-level cache after the INSERT unless told which
     * table they touch (issue #15 profiles, docs/performance.md "session 7"); JDBC involves the session in neither.
     */
    private static final String FIND = "SELECT request_hash, resource_type, resource_id FROM idempotency_key WHERE key = ? FOR UPDATE";
    private static final String INSERT = "INSERT INTO idempotency_key (key, request_hash, resource_type, resource_id, created_at) "
            + "VALUES (?, ?, ?, ?, ?)";

    private String hash(Object request) {
        try {
            byte[] body = json.writeValueAsBytes(request);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
