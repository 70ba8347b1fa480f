package vn.izone.reporting.metrics;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The reads of metrics-service's indicators API reporting-service makes: a scope's figures as of a date (valid time),
 * for the discrepancy view. Answers of any status come back ({@code quarkus.rest-client.metrics.disable-default-mapper});
 * the caller ({@code discrepancies/RegisterFigures}) bounds each call with SmallRye Fault Tolerance.
 */
@RegisterRestClient(configKey = "metrics")
@Path("/api/v1/indicators")
@Produces(MediaType.APPLICATION_JSON)
public interface MetricsApi {
    /** A scope's indicators: type is a scope slug (national, province, former-province, zone, zone-kind), as of asOf. */
    @GET
    @Path("{type}/{code}")
    Response scope(@PathParam("type") String type, @PathParam("code") String code, @QueryParam("asOf") String asOf);

    /** One kind within a province or former province, as of asOf. */
    @GET
    @Path("{type}/{code}/kinds/{kind}")
    Response kind(@PathParam("type") String type, @PathParam("code") String code, @PathParam("kind") String kind,
                  @QueryParam("asOf") String asOf);
}
