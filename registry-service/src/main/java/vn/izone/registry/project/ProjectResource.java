package vn.izone.registry.project;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import vn.izone.registry.api.Actor;
import vn.izone.registry.api.ProvinceOf;
import vn.izone.registry.api.ProvinceScoped;
import vn.izone.registry.api.Revisions;
import vn.izone.registry.api.WriteAccess;
import vn.izone.registry.events.EventHistory;

import java.util.List;
import java.util.UUID;

/**
 * A project by its id. Registering and listing go through the zone: {@link ZoneProjectsResource}. (Class paths
 * are kept distinct: JAX-RS picks one resource class per request and never falls back to another.)
 */
@Path("/api/v1/projects")
@ProvinceScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProjectResource {
    @Inject
    WriteAccess access;
    private final ProjectService projects;
    private final EventHistory history;

    public ProjectResource(ProjectService projects, EventHistory history) {
        this.projects = projects;
        this.history = history;
    }

    @GET
    @Path("{id}")
    @Transactional
    public Response get(@PathParam("id") UUID id) {
        ProjectView view = ProjectService.view(projects.find(id));
        return Response.ok(view).tag(Revisions.etag(view.revision())).build();
    }

    @PUT
    @Path("{id}")
    @Transactional
    @RolesAllowed({WriteAccess.REGISTRAR, WriteAccess.DEPARTMENT})
    @Operation(summary = "Correct a project, or change its status (e.g. REVOKED with a reason)",
            description = "Requires If-Match with the ETag last read.")
    public Response correct(@PathParam("id") @ProvinceOf(value = ProjectProvince.class, field = "zoneId") UUID id,
                            ProjectRequest request, @HeaderParam("If-Match") String ifMatch,
                            @HeaderParam(Actor.HEADER) String actor) {
        ProjectView view = projects.correct(id, Revisions.required(ifMatch), request, access.actor(actor));
        return Response.ok(view).tag(Revisions.etag(view.revision())).build();
    }

    @GET
    @Path("{id}/history")
    @Transactional
    public List<JsonNode> history(@PathParam("id") UUID id) {
        projects.find(id);
        return history.of(id);
    }
}
