package vn.izone.registry.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.RollbackException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.hibernate.StaleStateException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;
import java.util.stream.Collectors;

/** Turns every failure a client can cause into application/problem+json naming the field. */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response rejected(RejectedChange e) {
        if (e.problem().status() == 503) {
            return Response.fromResponse(e.problem().toResponse()).header("Retry-After", "5").build();
        }
        return e.problem().toResponse();
    }

    @ServerExceptionMapper({ConstraintViolationException.class, ResteasyReactiveViolationException.class})
    public Response invalid(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldName(v.getPropertyPath().toString()), v.getMessage()))
                .sorted(java.util.Comparator.comparing(Problem.FieldError::field))
                .collect(Collectors.toList());
        return Problem.of(422, "invalid-value", "The request has invalid values",
                errors.size() + " field(s) rejected", errors).toResponse();
    }

    /**
     * Every way JSON reading fails, listed so that these win over Quarkus' built-in mappers (which answer
     * application/json without the field, or an empty 400).
     */
    @ServerExceptionMapper({JsonProcessingException.class, MismatchedInputException.class, InvalidFormatException.class,
            StreamReadException.class, StreamConstraintsException.class, DatabindException.class})
    public Response unreadable(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return unknownProperty(unknown);
        }
        String field = "body";
        if (e instanceof InputCoercionException number && number.getProcessor() != null) {
            field = path(number.getProcessor().getParsingContext()); // a number out of its type's range: the field being read
        }
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) { // mismatched, or a number wrapped with its path
            field = path(m);
        }
        String message = e instanceof InvalidFormatException f
                ? "'" + f.getValue() + "' is not a valid " + f.getTargetType().getSimpleName()
                : e.getOriginalMessage();
        return Problem.of(400, "unreadable-body", "The request body is not valid JSON for this resource",
                field + ": " + message, List.of(new Problem.FieldError(field, message))).toResponse();
    }

    /**
     * A value of the wrong type (e.g. {@code "workers": "many"}): mapped here explicitly, else Quarkus' own mapper
     * for this exact type wins over {@link #unreadable} and answers 400 without naming the field.
     */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return unreadable(e);
    }

    /**
     * A property the resource does not have ({@code "plannedAreaHA"}, {@code "valid_on"}): refused, not dropped,
     * naming it where it was sent ({@code items[3].plannedAreaHA}) and the known property it probably meant.
     */
    @ServerExceptionMapper
    public Response unknownProperty(UnrecognizedPropertyException e) {
        String field = e.getPath().isEmpty() ? e.getPropertyName() : path(e);
        var meant = UnknownProperties.suggestion(e.getPropertyName(), e.getKnownPropertyIds());
        String message = UnknownProperties.message("unknown property " + e.getPropertyName(), e.getPropertyName(), e.getKnownPropertyIds());
        return Problem.of(400, "unknown-property", "The request body has a property this resource does not have",
                field + ": " + message, List.of(new Problem.FieldError(field, message, meant.orElse(null)))).toResponse();
    }

    /** "items[3].registeredCapital.amount": the path Jackson kept, as the client wrote it. */
    private static String path(JsonMappingException m) {
        return m.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    @ServerExceptionMapper({OptimisticLockException.class, StaleStateException.class})
    public Response concurrentEdit(Exception e) {
        return Problem.of(409, "concurrent-edit", "Someone else changed this record at the same time",
                "reload the record and apply your change again", null).toResponse();
    }

    /**
     * A database constraint that caught what the service's own checks could not (two requests racing): the
     * transaction is rolled back, so neither the change nor its event is kept.
     */
    @ServerExceptionMapper({PersistenceException.class, RollbackException.class})
    public Response constraint(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.hibernate.exception.ConstraintViolationException c) {
                return constraintViolated(c.getConstraintName());
            }
            // the same from a plain JDBC statement of the write path (e.g. two first uses of one Idempotency-Key racing)
            if (t instanceof org.postgresql.util.PSQLException p && p.getSQLState() != null && p.getSQLState().startsWith("23")) {
                return constraintViolated(p.getServerErrorMessage() == null ? null : p.getServerErrorMessage().getConstraint());
            }
            if (t instanceof OptimisticLockException || t instanceof StaleStateException) {
                return concurrentEdit(e);
            }
        }
        if (databaseUnavailable(e)) {
            return unavailable(e);
        }
        LOG.error("request failed", e);
        return Problem.of(500, "internal-error", "The change could not be stored", "nothing was changed", null).toResponse();
    }

    private static Response constraintViolated(String constraint) {
        String name = constraint == null ? "" : constraint;
        if (name.contains("report_period_unique")) {
            return Problem.of(422, "invalid-value", "The request has invalid values",
                    "another report already covers this period",
                    List.of(new Problem.FieldError("period", "another report of this kind already covers this period"))).toResponse();
        }
        return Problem.of(409, "conflict", "The change conflicts with the register", name, null).toResponse();
    }

    /**
     * Whatever no other mapper knows: a database outage is the server's temporary state (503, retry with the same
     * Idempotency-Key), anything else a 500; both as problem documents, never a stack trace.
     */
    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        if (e instanceof java.io.IOException && "Request too large".equals(e.getMessage())) {
            // Quarkus' reader found a body without a length over the limit (HTTP/2; see BodyTooLarge): not a failure
            return Problem.of(413, "body-too-large", "The request body is too large", "the body is over the size limit",
                    List.of(new Problem.FieldError("body", "too large"))).toResponse();
        }
        if (databaseUnavailable(e)) {
            return unavailable(e);
        }
        LOG.error("request failed", e);
        return Problem.of(500, "internal-error", "The request could not be handled", "nothing was changed", null).toResponse();
    }

    private static Response unavailable(Exception e) {
        LOG.warnf("database unavailable: %s", e.toString());
        return Response.fromResponse(Problem.of(503, "database-unavailable", "The register is briefly unavailable",
                "nothing was changed; retry in a moment (with the same Idempotency-Key)", null).toResponse())
                .header("Retry-After", "2").build();
    }

    /**
     * The database went away, as PostgreSQL and the pool say it: SQLState class 08 (connection exception), 57P0x
     * (server shutting down, crashed, starting up), or the pool finding no connection in time. Searched through
     * causes and suppressed exceptions: a commit that fails because the connection broke comes as
     * {@code RollbackException: ARJUNA016053} whose only link to the PSQLException is a suppressed XAException.
     */
    static boolean databaseUnavailable(Throwable e) {
        return databaseUnavailable(e, java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
    }

    private static boolean databaseUnavailable(Throwable t, java.util.Set<Throwable> seen) {
        if (t == null || !seen.add(t)) {
            return false;
        }
        if (t instanceof org.hibernate.exception.JDBCConnectionException) {
            return true;
        }
        if (t instanceof java.sql.SQLException sql) {
            String state = sql.getSQLState();
            if (state != null && (state.startsWith("08") || state.startsWith("57P"))) {
                return true;
            }
            if (sql.getMessage() != null && sql.getMessage().contains("acquisition timeout")) {
                return true;
            }
        }
        for (Throwable suppressed : t.getSuppressed()) {
            if (databaseUnavailable(suppressed, seen)) {
                return true;
            }
        }
        return databaseUnavailable(t.getCause(), seen);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) { // the JSON reader wraps what it could not parse
            return unreadable(json);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("request failed", e);
        }
        return Problem.of(status, "http-" + status, e.getResponse().getStatusInfo().getReasonPhrase(), e.getMessage(), null).toResponse();
    }

    /** "registeredCapital.amount", "phases[0].areaHa": where the parser was. */
    private static String path(JsonStreamContext context) {
        StringBuilder path = new StringBuilder();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            String part = c.inArray() ? "[" + c.getCurrentIndex() + "]" : c.getCurrentName() == null ? "" : c.getCurrentName();
            path.insert(0, path.length() == 0 || path.charAt(0) == '[' || part.startsWith("[") ? part : part + ".");
        }
        return path.length() == 0 ? "body" : path.toString();
    }

    /** "create.request.leasedAreaHa" → "leasedAreaHa": clients know the body, not our method names. */
    public static String fieldName(String propertyPath) {
        String[] parts = propertyPath.split("\\.");
        if (parts.length == 2) { // "register.request": the whole body (absent, or the JSON literal null)
            return "body";
        }
        return parts.length > 2 ? String.join(".", java.util.Arrays.copyOfRange(parts, 2, parts.length)) : propertyPath;
    }
}
