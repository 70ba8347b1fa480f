package vn.izone.reporting.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import vn.izone.reporting.landbank.LandBankQuery;
import vn.izone.reporting.landbank.RegistryLandBank;

/**
 * The registry's land bank for the dashboard's investor page, so the page needs one origin. Nothing is computed or
 * kept here: the registry's answer (offers sorted by free area, an {@code outline} when the registry has one) is
 * passed on as it is.
 */
@Path("/api/v1/land-bank")
public class LandBankResource {
    private final RegistryLandBank registry;

    public LandBankResource(RegistryLandBank registry) {
        this.registry = registry;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Zones with industrial land free for lease, largest first (the registry's land bank)",
            description = "Filters as in the registry: provinceCode, kind, sector, minFreeHa, wastewater=true. 503 when the registry does not answer.")
    public Response offers(@QueryParam("provinceCode") String provinceCode, @QueryParam("kind") String kind,
                           @QueryParam("sector") String sector, @QueryParam("minFreeHa") String minFreeHa,
                           @QueryParam("wastewater") String wastewater) {
        RegistryLandBank.Answer answer = registry.offers(LandBankQuery.of(provinceCode, kind, sector, minFreeHa, wastewater));
        // A 4xx of the registry (a filter it refuses) is its own problem document: passed on unchanged.
        return Response.status(answer.status()).type(answer.contentType()).entity(answer.body())
                .header("Cache-Control", "no-store").build();
    }
}
