package vn.izone.metrics.api;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;
import java.util.Map;

/**
 * The platform's security failures as problem+json naming {@code Authorization}: no token, or one that does not
 * verify (key, issuer, expiry), is a 401 with {@code WWW-Authenticate: Bearer}; a verified token whose roles may
 * not do this is a 403. Thrown by Quarkus' HTTP permission check (application.properties) and by the lazy
 * authentication of a bearer token.
 */
public class SecurityProblems {
    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException e) {
        boolean badToken = e instanceof AuthenticationFailedException;
        Response problem = ProblemMapper.problem(401, "Unauthorized",
                badToken ? "the bearer token does not verify (issuer, signature or expiry)"
                        : "send a bearer token (Authorization: Bearer …) with a role that may do this",
                List.of(Map.of("field", "Authorization", "message", badToken ? "invalid token" : "missing")));
        return Response.fromResponse(problem).header("WWW-Authenticate", "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return ProblemMapper.problem(403, "Forbidden",
                "your token's roles may not do this: exchange rates need finance, rebuild and reconcile need operator",
                List.of(Map.of("field", "Authorization", "message", "role not allowed")));
    }
}
