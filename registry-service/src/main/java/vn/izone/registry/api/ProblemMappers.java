package vn.izone.registry.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
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
        return e.problem().toResponse();
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldName(v.getPropertyPath().toString()), v.getMessage()))
                .sorted(java.util.Comparator.comparing(Problem.FieldError::field))
                .collect(Collectors.toList());
        return Problem.of(422, "invalid-value", "The request has invalid values",
                errors.size() + " field(s) rejected", errors).toResponse();
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e) {
        String field = "body";
        if (e instanceof MismatchedInputException m && !m.getPath().isEmpty()) {
            field = m.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
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
                String name = c.getConstraintName() == null ? "" : c.getConstraintName();
                if (name.contains("report_period_unique")) {
                    return Problem.of(422, "invalid-value", "The request has invalid values",
                            "another report already covers this period",
                            List.of(new Problem.FieldError("period", "another report of this kind already covers this period"))).toResponse();
                }
                return Problem.of(409, "conflict", "The change conflicts with the register", name, null).toResponse();
            }
            if (t instanceof OptimisticLockException || t instanceof StaleStateException) {
                return concurrentEdit(e);
            }
        }
        LOG.error("request failed", e);
        return Problem.of(500, "internal-error", "The change could not be stored", "nothing was changed", null).toResponse();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("request failed", e);
        }
        return Problem.of(status, "http-" + status, e.getResponse().getStatusInfo().getReasonPhrase(), e.getMessage(), null).toResponse();
    }

    /** "create.request.leasedAreaHa" → "leasedAreaHa": clients know the body, not our method names. */
    public static String fieldName(String propertyPath) {
        String[] parts = propertyPath.split("\\.");
        return parts.length > 2 ? String.join(".", java.util.Arrays.copyOfRange(parts, 2, parts.length)) : propertyPath;
    }
}
