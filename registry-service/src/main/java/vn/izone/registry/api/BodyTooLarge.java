package vn.izone.registry.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.List;

/**
 * A body over {@code quarkus.http.limits.max-body-size} (10 MiB) is refused by the HTTP layer before any resource
 * runs, and Quarkus answers that 413 without a body. This route runs just before Quarkus' own check and answers the
 * same 413 as a problem document (type {@code body-too-large}, field {@code body}), like every other error.
 * <p>
 * The declared body is then read and thrown away, so that the client, still sending, gets to read the answer
 * instead of a reset connection; a declared length far beyond the limit is not waited for (the connection is
 * closed after the answer). An HTTP/1.1 chunked body (no length) is read here up to the limit and handed on as
 * read, or refused the same way once it passes the limit.
 */
@ApplicationScoped
public class BodyTooLarge {
    /** Up to this many times the limit is drained so that the answer is read; beyond it the connection is closed. */
    static final long DRAIN_FACTOR = 8;

    private final ObjectMapper json;
    private final long limit;

    public BodyTooLarge(ObjectMapper json) {
        this.json = json;
        this.limit = ConfigProvider.getConfig().getOptionalValue("quarkus.http.limits.max-body-size", MemorySize.class)
                .map(MemorySize::asLongValue).orElse(-1L);
    }

    void install(@Observes Router router) {
        if (limit <= 0) {
            return;
        }
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::check);
    }

    private void check(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        String header = request.getHeader(HttpHeaderNames.CONTENT_LENGTH);
        long length;
        try {
            length = header == null ? -1 : Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            length = -1;
        }
        if (length > limit) {
            refuse(rc, length, 0);
        } else if (header == null && !request.isEnded() && request.version() != io.vertx.core.http.HttpVersion.HTTP_2
                && request.headers().contains(HttpHeaderNames.TRANSFER_ENCODING)) {
            // HTTP/1.1 chunked. (An HTTP/2 body without a length stays with Quarkus' own limit: Quarkus REST pauses
            // the request it is handed, which HTTP/2 refuses once the body has been read here.)
            chunked(rc);
        } else {
            rc.next(); // a declared length within the limit, or no body
        }
    }

    /**
     * A body of unknown length (chunked): read here up to the limit and handed to the resource as read, or, once it
     * passes the limit, refused like a declared one.
     */
    private void chunked(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        io.vertx.core.buffer.Buffer body = io.vertx.core.buffer.Buffer.buffer();
        request.handler(chunk -> {
            if (body.length() + (long) chunk.length() > limit) {
                refuse(rc, -1, body.length() + (long) chunk.length());
                return;
            }
            body.appendBuffer(chunk);
        });
        request.endHandler(v -> {
            rc.setBody(body);
            rc.next();
        });
        request.exceptionHandler(e -> request.connection().close());
        request.resume();
    }

    /**
     * The 413 problem document, answered once the rest of the body has been read and dropped (so that the client,
     * still sending, reads it), or at once with the connection closed when the body is far beyond the limit.
     */
    private void refuse(RoutingContext rc, long declared, long alreadyRead) {
        HttpServerRequest request = rc.request();
        HttpServerResponse response = rc.response();
        String size = declared >= 0 ? "the body has " + declared + " bytes" : "the body has more than " + limit + " bytes";
        Problem problem = Problem.of(413, "body-too-large", "The request body is too large",
                size + "; at most " + limit + " are accepted (split a large upload into several)",
                List.of(new Problem.FieldError("body", "at most " + limit + " bytes")));
        io.vertx.core.buffer.Buffer answer;
        try {
            answer = io.vertx.core.buffer.Buffer.buffer(json.writeValueAsBytes(problem));
        } catch (JsonProcessingException e) {
            answer = io.vertx.core.buffer.Buffer.buffer("{\"type\":\"https://izone.vn/problems/body-too-large\",\"status\":413}");
        }
        response.setStatusCode(413).putHeader(HttpHeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaderNames.CONNECTION, "close");
        if (declared > limit * DRAIN_FACTOR) {
            response.endHandler(v -> request.connection().close());
            response.end(answer);
            return;
        }
        io.vertx.core.buffer.Buffer finalAnswer = answer;
        long[] read = {alreadyRead};
        request.handler(chunk -> { // read and drop the rest, up to a bound
            read[0] += chunk.length();
            if (read[0] > limit * DRAIN_FACTOR && !response.ended()) {
                response.endHandler(v -> request.connection().close());
                response.end(finalAnswer);
            }
        });
        request.endHandler(v -> {
            if (!response.ended()) {
                response.end(finalAnswer);
            }
        });
        request.exceptionHandler(e -> request.connection().close());
        request.resume();
    }
}
