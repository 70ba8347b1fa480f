package vn.izone.reporting.api;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestStreamElementType;
import io.smallrye.mutiny.Multi;
import vn.izone.reporting.indicators.IndicatorStore;
import vn.izone.reporting.indicators.LiveUpdates;

import java.util.List;

/** Rollups as boards read them: the latest snapshot of each scope, with what each figure is made of. */
@Path("/api/v1/rollups")
@Produces(MediaType.APPLICATION_JSON)
public class RollupResource {
    private final IndicatorStore store;
    private final LiveUpdates live;

    public RollupResource(IndicatorStore store, LiveUpdates live) {
        this.store = store;
        this.live = live;
    }

    @GET
    @Path("national")
    @Operation(summary = "The whole country")
    public JsonNode national() {
        return one("national:VN");
    }

    @GET
    @Path("provinces")
    @Operation(summary = "Every province (today's 34), latest figures")
    public List<JsonNode> provinces() {
        return store.latestOfType("PROVINCE");
    }

    @GET
    @Path("provinces/{code}")
    @Operation(summary = "One of today's provinces")
    public JsonNode province(@PathParam("code") String code) {
        return one("province:" + code);
    }

    @GET
    @Path("former-provinces")
    @Operation(summary = "Every former province (before the 2025 merger)")
    public List<JsonNode> formerProvinces() {
        return store.latestOfType("FORMER_PROVINCE");
    }

    @GET
    @Path("former-provinces/{code}")
    public JsonNode formerProvince(@PathParam("code") String code) {
        return one("former-province:" + code);
    }

    @GET
    @Path("zone-kinds/{kind}")
    public JsonNode zoneKind(@PathParam("kind") String kind) {
        return one("zone-kind:" + kind);
    }

    @GET
    @Path("cluster-models/{model}")
    public JsonNode clusterModel(@PathParam("model") String model) {
        return one("cluster-model:" + model);
    }

    @GET
    @Path("zones/{id}")
    public JsonNode zone(@PathParam("id") String id) {
        return one("zone:" + id);
    }

    @GET
    @Path("live")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Server-sent events: every new snapshot as it arrives")
    public Multi<JsonNode> liveUpdates() {
        return live.stream();
    }

    private JsonNode one(String key) {
        return store.latest(key).orElseThrow(() -> new NotFoundException("no figures yet for " + key));
    }
}
