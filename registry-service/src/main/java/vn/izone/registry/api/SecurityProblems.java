package vn.izone.registry.api;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

/**
 * The platform's security failures as problem+json naming {@code Authorization}: no token (or one that does not
 * verify: wrong key, issuer or expired) is a 401 with {@code WWW-Authenticate: Bearer}; a verified token whose
 * roles may not do this is a 403. Thrown by Quarkus' check of {@code @RolesAllowed} on each write endpoint (before
 * the body is read) and by lazy authentication of a bearer token.
 */
public class SecurityProblems {
    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException e) {
        boolean badToken = e instanceof AuthenticationFailedException;
        return Response.fromResponse(Problem.of(401, "unauthenticated", "Sign in to change the register",
                        badToken ? "the bearer token does not verify (issuer, signature or expiry)"
                                : "send a bearer token (Authorization: Bearer …) with the role department or registrar",
                        List.of(new Problem.FieldError("Authorization", badToken ? "invalid token" : "missing"))).toResponse())
                .header("WWW-Authenticate", "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Problem.of(403, "read-only", "Your role may only read the register",
                "changes need the role department or registrar",
                List.of(new Problem.FieldError("Authorization", "read-only role"))).toResponse();
    }
}
