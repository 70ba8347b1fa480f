package vn.izone.registry.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.List;
import java.util.Optional;

/**
 * A write with a body must say what the body is: without Content-Type the JSON endpoints read it as JSON all the
 * same (the bad-input drill saw a zone registered that way). 415 names the header instead of guessing.
 */
public class ContentTypeRequired {

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> require(ContainerRequestContext request) {
        String method = request.getMethod();
        boolean write = method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
        boolean body = request.getLength() > 0 || request.getHeaderString("Transfer-Encoding") != null;
        if (write && body && request.getHeaderString(HttpHeaders.CONTENT_TYPE) == null) {
            return Optional.of(Problem.of(415, "content-type-required", "Say what the body is",
                    "send Content-Type: application/json (text/csv or the XLSX type for imports)",
                    List.of(new Problem.FieldError("Content-Type", "missing"))).toResponse());
        }
        return Optional.empty();
    }
}
