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
        return problem(400, "Bad Request", e.getMessage(), List.of(Map.of("field", e.field(), "message", e.reason())));
    }

    @ServerExceptionMapper
    public Response map(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        return problem(status, e.getResponse().getStatusInfo().getReasonPhrase(), e.getMessage(), null);
    }

    static Response problem(int status, String title, String detail, List<Map<String, String>> errors) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "https://izone.vn/problems/" + title.toLowerCase().replace(' ', '-'));
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        if (errors != null) {
            body.put("errors", errors);
        }
        return Response.status(status).type(MEDIA_TYPE).entity(body).build();
    }
}
