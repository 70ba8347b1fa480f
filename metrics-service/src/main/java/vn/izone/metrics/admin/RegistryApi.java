package vn.izone.metrics.admin;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.UUID;

/**
 * The two reads of registry-service's REST API a reconciliation makes (docs/registry-api.md). The answers come back
 * as they are, whatever their status ({@code quarkus.rest-client.registry.disable-default-mapper=true}):
 * {@link RegistryPages} decides what a status means. Bounds and retries are there too, not here.
 */
@RegisterRestClient(configKey = "registry")
@Path("/api/v1/zones")
@Produces(MediaType.APPLICATION_JSON)
public interface RegistryApi {
    /** One page of the register's zones (ZoneView), in the registry's order. */
    @GET
    Response zones(@QueryParam("page") int page, @QueryParam("size") int size);

    /** A zone's projects (ProjectView). */
    @GET
    @Path("{id}/projects")
    Response projects(@PathParam("id") UUID zoneId);
}
