package vn.izone.reporting.ogc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import vn.izone.reporting.api.BadParameter;
import vn.izone.reporting.indicators.IndicatorStore;
import vn.izone.reporting.kinds.Kinds;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * OGC API - Features (Part 1: Core, GeoJSON) for the zones: landing page, conformance, the collection and its items
 * with {@code bbox}, {@code limit} and next links, each zone a GeoJSON Feature (its outline, else a point at its
 * latitude/longitude, else no geometry) with its place from the registry and its latest figures from the snapshots.
 * Coordinates are WGS 84 longitude/latitude (CRS84).
 */
@Path("/ogc")
public class FeaturesResource {
    static final String GEOJSON = "application/geo+json";
    static final String CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";
    public static final List<String> CONFORMANCE = List.of(
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30");
    static final int MAX_LIMIT = 1000;

    private final RegistryZones zones;
    private final IndicatorStore store;

    public FeaturesResource(RegistryZones zones, IndicatorStore store) {
        this.zones = zones;
        this.store = store;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "OGC API - Features landing page")
    public ObjectNode landing(@Context UriInfo uri) {
        ObjectNode o = obj();
        o.put("title", "izone: khu công nghiệp, cụm công nghiệp Việt Nam / Vietnam's industrial zones");
        o.put("description", "The register's zones as OGC API - Features (GeoJSON), with their latest figures");
        ArrayNode links = o.putArray("links");
        link(links, base(uri).build().toString(), "self", MediaType.APPLICATION_JSON, "this document");
        link(links, base(uri).path("conformance").build().toString(), "conformance", MediaType.APPLICATION_JSON, "conformance classes");
        link(links, base(uri).path("collections").build().toString(), "data", MediaType.APPLICATION_JSON, "collections");
        link(links, uri.getBaseUriBuilder().path("q/openapi").build().toString(), "service-desc", "application/vnd.oai.openapi", "OpenAPI");
        return o;
    }

    @GET
    @Path("conformance")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "OGC API - Features conformance classes")
    public ObjectNode conformance() {
        ObjectNode o = obj();
        ArrayNode c = o.putArray("conformsTo");
        CONFORMANCE.forEach(c::add);
        return o;
    }

    @GET
    @Path("collections")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The feature collections: zones")
    public ObjectNode collections(@Context UriInfo uri) {
        ObjectNode o = obj();
        link(o.putArray("links"), base(uri).path("collections").build().toString(), "self", MediaType.APPLICATION_JSON, "collections");
        o.putArray("collections").add(zoneCollection(uri));
        return o;
    }

    @GET
    @Path("collections/{collectionId}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One collection")
    public ObjectNode collection(@PathParam("collectionId") String id, @Context UriInfo uri) {
        check(id);
        return zoneCollection(uri);
    }

    @GET
    @Path("collections/{collectionId}/items")
    @Produces({GEOJSON, MediaType.APPLICATION_JSON})
    @Operation(summary = "Zones as GeoJSON features: bbox=minLon,minLat,maxLon,maxLat, limit (1-1000, default 100), offset, kind, provinceCode")
    public Response items(@PathParam("collectionId") String id, @QueryParam("bbox") String bbox, @QueryParam("limit") String limit,
                          @QueryParam("offset") String offset, @QueryParam("kind") String kind,
                          @QueryParam("provinceCode") String provinceCode, @Context UriInfo uri) {
        check(id);
        double[] box = bbox(bbox);
        int lim = integer("limit", limit, 100, 1, MAX_LIMIT);
        int off = integer("offset", offset, 0, 0, Integer.MAX_VALUE);
        String k = Kinds.check(kind);
        List<JsonNode> matched = new ArrayList<>();
        for (JsonNode z : zones.all()) {
            if (k != null && !k.equals(z.path("kind").asText())) {
                continue;
            }
            if (provinceCode != null && !provinceCode.isBlank() && !provinceCode.equals(z.path("provinceCode").asText())) {
                continue;
            }
            if (box != null) {
                double[] e = extent(geometry(z));
                if (e == null || e[0] > box[2] || e[2] < box[0] || e[1] > box[3] || e[3] < box[1]) {
                    continue;
                }
            }
            matched.add(z);
        }
        ObjectNode fc = obj();
        fc.put("type", "FeatureCollection");
        ArrayNode features = fc.putArray("features");
        for (int i = off; i < Math.min(matched.size(), off + lim); i++) {
            features.add(feature(matched.get(i)));
        }
        fc.put("numberMatched", matched.size());
        fc.put("numberReturned", features.size());
        fc.put("timeStamp", Instant.now().toString());
        ArrayNode links = fc.putArray("links");
        link(links, page(uri, id, bbox, lim, off, kind, provinceCode), "self", GEOJSON, "this page");
        if (off + lim < matched.size()) {
            link(links, page(uri, id, bbox, lim, off + lim, kind, provinceCode), "next", GEOJSON, "next page");
        }
        if (off > 0) {
            link(links, page(uri, id, bbox, lim, Math.max(0, off - lim), kind, provinceCode), "prev", GEOJSON, "previous page");
        }
        link(links, base(uri).path("collections").path(id).build().toString(), "collection", MediaType.APPLICATION_JSON, "the collection");
        return Response.ok(fc, GEOJSON).build();
    }

    @GET
    @Path("collections/{collectionId}/items/{featureId}")
    @Produces({GEOJSON, MediaType.APPLICATION_JSON})
    @Operation(summary = "One zone as a GeoJSON feature")
    public Response item(@PathParam("collectionId") String id, @PathParam("featureId") String featureId, @Context UriInfo uri) {
        check(id);
        JsonNode z = zones.all().stream().filter(x -> featureId.equals(x.path("id").asText())).findFirst()
                .orElseThrow(() -> new NotFoundException("no zone " + featureId));
        ObjectNode f = feature(z);
        ArrayNode links = f.putArray("links");
        link(links, base(uri).path("collections").path(id).path("items").path(featureId).build().toString(), "self", GEOJSON, "this zone");
        link(links, base(uri).path("collections").path(id).build().toString(), "collection", MediaType.APPLICATION_JSON, "the collection");
        return Response.ok(f, GEOJSON).build();
    }

    private ObjectNode feature(JsonNode z) {
        ObjectNode f = obj();
        f.put("type", "Feature");
        f.put("id", z.path("id").asText());
        f.set("geometry", geometry(z));
        ObjectNode p = f.putObject("properties");
        for (String field : new String[] {"name", "kind", "status", "provinceCode", "provinceName", "formerProvinceCode", "formerProvinceName",
                "clusterModel", "industrialLandHa", "leasedAreaHa", "infrastructureInvestor"}) {
            if (z.hasNonNull(field)) {
                p.set(field, z.get(field));
            }
        }
        store.latest("zone:" + z.path("id").asText()).ifPresent(s -> {
            ObjectNode figures = p.putObject("figures");
            figures.set("occupancyPercent", s.at("/occupancy/ratePercent"));
            figures.put("occupancyBasis", s.at("/occupancy/basis").asText(null));
            figures.set("workers", s.at("/employment/workers"));
            figures.set("activeProjects", s.at("/projects/active"));
            figures.set("computedAt", s.get("computedAt"));
            figures.put("scopeKey", s.path("scopeKey").asText());
        });
        return f;
    }

    /** The outline when there is one, else a point at the latitude/longitude, else null (GeoJSON allows it). */
    static JsonNode geometry(JsonNode z) {
        JsonNode outline = z.get("outline");
        if (outline != null && outline.isObject() && outline.has("coordinates")) {
            return outline;
        }
        if (z.path("latitude").isNumber() && z.path("longitude").isNumber()) {
            ObjectNode point = obj();
            point.put("type", "Point");
            point.putArray("coordinates").add(z.get("longitude").decimalValue()).add(z.get("latitude").decimalValue());
            return point;
        }
        return JsonNodeFactory.instance.nullNode();
    }

    /** [minLon, minLat, maxLon, maxLat] of a geometry's positions, or null without any. */
    static double[] extent(JsonNode geometry) {
        if (geometry == null || !geometry.has("coordinates")) {
            return null;
        }
        double[] e = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        walk(geometry.get("coordinates"), e);
        return e[0] == Double.MAX_VALUE ? null : e;
    }

    private static void walk(JsonNode c, double[] e) {
        if (c.isArray() && c.size() >= 2 && c.get(0).isNumber() && c.get(1).isNumber()) {
            double lon = c.get(0).asDouble(), lat = c.get(1).asDouble();
            e[0] = Math.min(e[0], lon);
            e[1] = Math.min(e[1], lat);
            e[2] = Math.max(e[2], lon);
            e[3] = Math.max(e[3], lat);
        } else if (c.isArray()) {
            c.forEach(x -> walk(x, e));
        }
    }

    static double[] bbox(String bbox) {
        if (bbox == null || bbox.isBlank()) {
            return null;
        }
        String[] parts = bbox.split(",");
        if (parts.length != 4) {
            throw new BadParameter("bbox", "must be minLon,minLat,maxLon,maxLat (four numbers), not '" + bbox + "'");
        }
        double[] b = new double[4];
        for (int i = 0; i < 4; i++) {
            try {
                b[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new BadParameter("bbox", "must be minLon,minLat,maxLon,maxLat (four numbers), not '" + bbox + "'");
            }
        }
        if (b[0] > b[2] || b[1] > b[3] || b[0] < -180 || b[2] > 180 || b[1] < -90 || b[3] > 90) {
            throw new BadParameter("bbox", "must be minLon,minLat,maxLon,maxLat within -180..180 and -90..90, min before max, not '" + bbox + "'");
        }
        return b;
    }

    static int integer(String field, String value, int otherwise, int min, int max) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            int v = Integer.parseInt(value.trim());
            if (v < min || v > max) {
                throw new BadParameter(field, "must be between " + min + " and " + max + ", not " + v);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new BadParameter(field, "must be a whole number, not '" + value + "'");
        }
    }

    private ObjectNode zoneCollection(UriInfo uri) {
        ObjectNode c = obj();
        c.put("id", "zones");
        c.put("title", "Khu công nghiệp, cụm công nghiệp, khu kinh tế / Industrial parks, clusters and economic zones");
        c.put("description", "Every zone of the register: its outline or location, kind, status, province, and its latest figures");
        c.put("itemType", "feature");
        c.putArray("crs").add(CRS84);
        ObjectNode spatial = c.putObject("extent").putObject("spatial");
        spatial.putArray("bbox").addArray().add(100.8).add(7.6).add(117.6).add(23.8);
        spatial.put("crs", CRS84);
        ArrayNode links = c.putArray("links");
        link(links, base(uri).path("collections").path("zones").build().toString(), "self", MediaType.APPLICATION_JSON, "this collection");
        link(links, base(uri).path("collections").path("zones").path("items").build().toString(), "items", GEOJSON, "the zones");
        return c;
    }

    private static String page(UriInfo uri, String id, String bbox, int limit, int offset, String kind, String provinceCode) {
        UriBuilder b = base(uri).path("collections").path(id).path("items").queryParam("limit", limit).queryParam("offset", offset);
        if (bbox != null && !bbox.isBlank()) {
            b.queryParam("bbox", bbox);
        }
        if (kind != null && !kind.isBlank()) {
            b.queryParam("kind", kind);
        }
        if (provinceCode != null && !provinceCode.isBlank()) {
            b.queryParam("provinceCode", provinceCode);
        }
        return b.build().toString();
    }

    private static void check(String collection) {
        if (!"zones".equals(collection)) {
            throw new NotFoundException("no collection '" + collection + "'; there is one: zones");
        }
    }

    private static UriBuilder base(UriInfo uri) {
        return uri.getBaseUriBuilder().path("ogc");
    }

    private static void link(ArrayNode links, String href, String rel, String type, String title) {
        ObjectNode l = links.addObject();
        l.put("href", href);
        l.put("rel", rel);
        l.put("type", type);
        l.put("title", title);
    }

    private static ObjectNode obj() {
        return JsonNodeFactory.instance.objectNode();
    }
}
