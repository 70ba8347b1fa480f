package vn.izone.reporting.security;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test-only: a write endpoint nobody gave a role to, standing for the one someone adds tomorrow. The access test
 * proves the default denies it to everyone and that it never ran.
 */
@Path("/api/v1/access-probe")
public class AccessProbeResource {
    static final AtomicInteger CALLS = new AtomicInteger();

    @POST
    public String write(String body) {
        CALLS.incrementAndGet();
        return "written";
    }
}
