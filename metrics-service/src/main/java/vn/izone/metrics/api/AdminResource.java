package vn.izone.metrics.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import vn.izone.metrics.admin.Rebuild;
import vn.izone.metrics.admin.Reconciler;

@Path("/api/v1/admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {
    private final Rebuild rebuild;
    private final Reconciler reconciler;

    public AdminResource(Rebuild rebuild, Reconciler reconciler) {
        this.rebuild = rebuild;
        this.reconciler = reconciler;
    }

    @POST
    @Path("rebuild")
    @Operation(summary = "Drop the derived tables and replay the registry topics from the beginning",
            description = "Runs in the background (202); follow it with GET /api/v1/admin/rebuild.")
    public Response startRebuild() {
        return Response.accepted(rebuild.start()).build();
    }

    @GET
    @Path("rebuild")
    @Operation(summary = "Progress of the last rebuild: events applied / total, state")
    public Rebuild.Progress rebuildProgress() {
        return rebuild.progress();
    }

    @POST
    @Path("reconcile")
    @Operation(summary = "Compare every zone and project with the registry's current state (its REST API)")
    public Response reconcile() {
        try {
            return Response.ok(reconciler.reconcile()).build();
        } catch (IllegalStateException e) {
            return Response.status(Response.Status.BAD_GATEWAY)
                    .entity(java.util.Map.of("title", "registry unavailable", "detail", String.valueOf(e.getMessage()))).build();
        }
    }

}
