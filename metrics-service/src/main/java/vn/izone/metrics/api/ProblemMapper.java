package vn.izone.metrics.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Errors as application/problem+json (RFC 9457), naming the field where there is one, like the rest of the suite. */
public class ProblemMapper {
    static final String MEDIA_TYPE = "application/problem+json";

    @ServerExceptionMapper
    public Response badParameter(BadParameter e) {
        return problem(400, BadParameter.SLUG, "Bad Request", e.getMessage(), List.of(Map.of("field", e.field(), "message", e.reason())));
    }

    @ServerExceptionMapper
    public Response map(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        return problem(status, "http-" + status, e.getResponse().getStatusInfo().getReasonPhrase(), e.getMessage(), null);
    }

    /** The suite's one scheme for problem types (docs/registry-api.md, "Problem types"): https://izone.vn/problems/&lt;slug&gt;. */
    static final String TYPE_BASE = "https://izone.vn/problems/";

    /** A problem of an HTTP status with no more particular kind: type https://izone.vn/problems/http-&lt;status&gt;. */
    static Response problem(int status, String title, String detail, List<Map<String, String>> errors) {
        return problem(status, "http-" + status, title, detail, errors);
    }

    static Response problem(int status, String slug, String title, String detail, List<Map<String, String>> errors) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TYPE_BASE + slug);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        if (errors != null) {
            body.put("errors", errors);
        }
        return Response.status(status).type(MEDIA_TYPE).entity(body).build();
    }
}
