package vn.izone.reporting.api;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The platform's security failures as problem+json naming {@code Authorization} (401 with
 * {@code WWW-Authenticate: Bearer} without a verified token, 403 for a role that may not do this).
 */
public class SecurityProblems {
    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException e) {
        boolean badToken = e instanceof AuthenticationFailedException;
        return problem(401, "Unauthorized", badToken ? "the bearer token does not verify (issuer, signature or expiry)"
                : "send a bearer token (Authorization: Bearer …)", badToken ? "invalid token" : "missing")
                .header("WWW-Authenticate", "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return problem(403, "Forbidden", "reporting-service only reads: no role may change anything here", "role not allowed").build();
    }

    private static Response.ResponseBuilder problem(int status, String title, String detail, String message) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "https://izone.vn/problems/http-" + status);
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        problem.put("errors", List.of(Map.of("field", "Authorization", "message", message)));
        return Response.status(status).type("application/problem+json").entity(problem);
    }
}
