package vn.izone.registry.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * An RFC 9457 problem document. Every 4xx names the offending fields in {@code errors} so that a
 * department's client can point at the wrong cell.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {
    public static final String MEDIA_TYPE = "application/problem+json";

    /**
     * One offending field. {@code suggestion}, when there is one, is what the sender probably meant (the known
     * property next to an unknown one).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FieldError(String field, String message, String suggestion) {
        public FieldError(String field, String message) {
            this(field, message, null);
        }
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }

    public static Problem of(int status, String slug, String title, String detail, List<FieldError> errors) {
        return new Problem("https://izone.vn/problems/" + slug, title, status, detail, errors == null || errors.isEmpty() ? null : errors);
    }
}
