package vn.izone.reporting.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import vn.izone.reporting.registry.RegistryAway;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Errors as application/problem+json (RFC 9457), like the rest of the suite. */
public class ProblemMapper {
    @ServerExceptionMapper
    public Response map(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        return problem(status, "http-" + status, e.getResponse().getStatusInfo().getReasonPhrase(), e.getMessage(), null).build();
    }

    /** A bad query parameter (unknown indicator, step, date): 400 with what is accepted. */
    @ServerExceptionMapper
    public Response badRequest(IllegalArgumentException e) {
        return problem(400, BadParameter.SLUG, "Bad Request", e.getMessage(), null).build();
    }

    /** A bad query parameter known by name: 400 naming it in {@code errors}, as the registry does. */
    @ServerExceptionMapper
    public Response badParameter(BadParameter e) {
        return problem(400, BadParameter.SLUG, "Bad Request", e.getMessage(), List.of(Map.of("field", e.field(), "message", e.reason()))).build();
    }

    /**
     * The registry is away: 503, worth trying again shortly — in 30 s, when a circuit breaker that opened would let
     * one call through again (landbank/RegistryLandBank, ogc/RegistryZones).
     */
    @ServerExceptionMapper
    public Response registryAway(RegistryAway e) {
        return problem(503, "registry-unavailable", "Service Unavailable", "registry-service is not answering: " + e.getMessage(), null)
                .header("Retry-After", "30").build();
    }

    /** The suite's one scheme for problem types (docs/registry-api.md, "Problem types"): https://izone.vn/problems/&lt;slug&gt;. */
    static final String TYPE_BASE = "https://izone.vn/problems/";

    private static Response.ResponseBuilder problem(int status, String slug, String title, String detail, List<Map<String, String>> errors) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", TYPE_BASE + slug);
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        if (errors != null) {
            problem.put("errors", errors);
        }
        return Response.status(status).type("application/problem+json").entity(problem);
    }
}
