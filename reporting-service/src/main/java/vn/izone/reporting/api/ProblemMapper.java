package vn.izone.reporting.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/** Errors as application/problem+json (RFC 9457), like the rest of the suite. */
public class ProblemMapper {
    @ServerExceptionMapper
    public Response map(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "https://izone.vn/problems/http-" + status);
        problem.put("title", e.getResponse().getStatusInfo().getReasonPhrase());
        problem.put("status", status);
        problem.put("detail", e.getMessage());
        return Response.status(status).type("application/problem+json").entity(problem).build();
    }

    /** A bad query parameter (unknown indicator, step, date): 400 with what is accepted. */
    @ServerExceptionMapper
    public Response badRequest(IllegalArgumentException e) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "https://izone.vn/problems/http-400");
        problem.put("title", "Bad Request");
        problem.put("status", 400);
        problem.put("detail", e.getMessage());
        return Response.status(400).type("application/problem+json").entity(problem).build();
    }
}
