package vn.izone.metrics.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import vn.izone.metrics.admin.ReconcileGate;
import vn.izone.metrics.admin.Rebuild;
import vn.izone.metrics.admin.Reconciler;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Operators' endpoints: the writes need a bearer token with the role operator (application.properties). */
@Path("/api/v1/admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {
    private static final Logger LOG = Logger.getLogger(AdminResource.class);
    private final Rebuild rebuild;
    private final Reconciler reconciler;
    private final ReconcileGate reconcileGate;
    private final Caller caller;

    public AdminResource(Rebuild rebuild, Reconciler reconciler, ReconcileGate reconcileGate, Caller caller) {
        this.rebuild = rebuild;
        this.reconciler = reconciler;
        this.reconcileGate = reconcileGate;
        this.caller = caller;
    }

    @POST
    @Path("rebuild")
    @Operation(summary = "Drop the derived tables and replay the registry topics from the beginning",
            description = "Runs in the background (202); follow it with GET /api/v1/admin/rebuild. One at a time: while one "
                    + "runs, 409 problem+json with its progress (field rebuild). Role operator; startedBy is the token's principal.")
    public Response startRebuild() {
        return Response.accepted(rebuild.start(caller.name())).build();
    }

    @GET
    @Path("rebuild")
    @Operation(summary = "Progress of the last rebuild: events applied / total, state, who started it (startedBy)")
    public Rebuild.Progress rebuildProgress() {
        return rebuild.progress();
    }

    @POST
    @Path("reconcile")
    @Operation(summary = "Compare every zone and project with the registry's current state (its REST API)",
            description = "Role operator. One at a time, and at most one completed reconciliation per izone.reconcile.min-interval "
                    + "(default 30 s): sooner, 429 with Retry-After. One that could not read the registry (502) may be retried at once.")
    public Response reconcile() {
        java.time.Instant started = reconcileGate.claim();
        LOG.infof("reconciliation started by %s", caller.name());
        boolean completed = false;
        try {
            Response answer = Response.ok(reconciler.reconcile()).build();
            completed = true;
            return answer;
        } catch (IllegalStateException e) {
            return Response.status(Response.Status.BAD_GATEWAY)
                    .entity(java.util.Map.of("title", "registry unavailable", "detail", String.valueOf(e.getMessage()))).build();
        } finally {
            reconcileGate.release(started, completed);
        }
    }

    @ServerExceptionMapper
    public Response rebuildRunning(Rebuild.AlreadyRunning e) {
        Response problem = ProblemMapper.problem(409, "Conflict", "a rebuild is running (one at a time): follow it with "
                + "GET /api/v1/admin/rebuild", List.of(Map.of("field", "rebuild", "message", "already running")));
        @SuppressWarnings("unchecked")
        Map<String, Object> body = new LinkedHashMap<>((Map<String, Object>) problem.getEntity());
        body.put("rebuild", e.running());
        return Response.status(409).type(ProblemMapper.MEDIA_TYPE).entity(body).build();
    }

    @ServerExceptionMapper
    public Response tooSoon(ReconcileGate.TooSoon e) {
        return Response.fromResponse(ProblemMapper.problem(429, "Too Many Requests", e.getMessage(),
                        List.of(Map.of("field", "Retry-After", "message", e.retryAfterSeconds() + " s"))))
                .header("Retry-After", String.valueOf(e.retryAfterSeconds())).build();
    }
}
