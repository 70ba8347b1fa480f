package vn.izone.reporting.registry;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The reads of registry-service's REST API reporting-service makes (docs/registry-api.md). Every answer comes back as
 * it is, whatever its status ({@code quarkus.rest-client.registry.disable-default-mapper=true}): each caller decides
 * what a status means (the land bank passes a 4xx on), and bounds its calls with SmallRye Fault Tolerance.
 */
@RegisterRestClient(configKey = "registry")
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public interface RegistryApi {
    /** One zone (ZoneView): where it is, its kind, status and name. */
    @GET
    @Path("zones/{id}")
    Response zone(@PathParam("id") String zoneId);

    /** One page of the register's zones (ZoneView), in the registry's order. */
    @GET
    @Path("zones")
    Response zones(@QueryParam("page") int page, @QueryParam("size") int size);

    /**
     * Declared figures as known today (FigureView, one per figure and date of a scope, the latest submission), with
     * the register figure each corresponds to; a null filter is left out.
     */
    @GET
    @Path("figures")
    Response figures(@QueryParam("provinceCode") String provinceCode, @QueryParam("scopeType") String scopeType,
                     @QueryParam("scopeCode") String scopeCode);

    /** The land bank's offers; a null filter is left out of the query string. */
    @GET
    @Path("land-bank")
    Response landBank(@QueryParam("provinceCode") String provinceCode, @QueryParam("kind") String kind,
                      @QueryParam("sector") String sector, @QueryParam("minFreeHa") String minFreeHa,
                      @QueryParam("wastewater") Boolean wastewater);
}
