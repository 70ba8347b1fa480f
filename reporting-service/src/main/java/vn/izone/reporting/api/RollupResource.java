package vn.izone.reporting.api;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import vn.izone.reporting.exports.BoardReport;
import vn.izone.reporting.exports.ReportLanguage;
import vn.izone.reporting.exports.SummaryPage;
import vn.izone.reporting.indicators.IndicatorStore;
import vn.izone.reporting.series.IndicatorPaths;
import vn.izone.reporting.series.SeriesService;
import vn.izone.reporting.zones.ZonePlaces;

import com.fasterxml.jackson.databind.node.ObjectNode;
import vn.izone.reporting.kinds.Kinds;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/** Rollups as boards read them: the latest snapshot of each scope, with what each figure is made of. */
@Path("/api/v1/rollups")
@Produces(MediaType.APPLICATION_JSON)
public class RollupResource {
    private static final Map<String, String> SCOPE_SLUGS = Map.ofEntries(
            Map.entry("national", "national"), Map.entry("provinces", "province"), Map.entry("province", "province"),
            Map.entry("former-provinces", "former-province"), Map.entry("former-province", "former-province"),
            Map.entry("zones", "zone"), Map.entry("zone", "zone"), Map.entry("zone-kinds", "zone-kind"),
            Map.entry("zone-kind", "zone-kind"), Map.entry("cluster-models", "cluster-model"), Map.entry("cluster-model", "cluster-model"),
            Map.entry("province-kinds", "province-kind"), Map.entry("province-kind", "province-kind"),
            Map.entry("former-province-kinds", "former-province-kind"), Map.entry("former-province-kind", "former-province-kind"));

    private final IndicatorStore store;
    private final ZonePlaces places;
    private final SeriesService series;

    public RollupResource(IndicatorStore store, ZonePlaces places, SeriesService series) {
        this.store = store;
        this.places = places;
        this.series = series;
    }

    @GET
    @Path("national")
    @Operation(summary = "The whole country")
    public String national() {
        // One precomputed row read by its primary key, its JSON passed through as stored.
        return store.latestJson("national:VN").orElseThrow(() -> new NotFoundException("no figures yet for national:VN"));
    }

    @GET
    @Path("provinces")
    @Operation(summary = "Every province (today's 34), latest figures; ?kind= gives each province's figures for one kind of zone")
    public List<JsonNode> provinces(@QueryParam("kind") String kind) {
        return list("PROVINCE", Kinds.check(kind));
    }

    public List<JsonNode> provinces() {
        return store.latestOfType("PROVINCE");
    }

    @GET
    @Path("provinces/{code}/kinds/{kind}")
    @Operation(summary = "One province's figures for one kind of zone (INDUSTRIAL_PARK, INDUSTRIAL_CLUSTER, ECONOMIC_ZONE)")
    public JsonNode provinceKind(@PathParam("code") String code, @PathParam("kind") String kind) {
        return kindOf("PROVINCE", code, kind);
    }

    @GET
    @Path("former-provinces/{code}/kinds/{kind}")
    @Operation(summary = "One former province's figures for one kind of zone")
    public JsonNode formerProvinceKind(@PathParam("code") String code, @PathParam("kind") String kind) {
        return kindOf("FORMER_PROVINCE", code, kind);
    }

    private JsonNode kindOf(String type, String code, String kind) {
        String k = Kinds.check(kind);
        if (k == null) {
            throw new BadParameter("kind", "is required; one of " + Kinds.ALL);
        }
        ObjectNode snapshot = (ObjectNode) one(Kinds.key(type, code, k)).deepCopy();
        snapshot.put("kind", k);
        snapshot.put("parentCode", code);
        return snapshot;
    }

    /**
     * A list rollup, or (kind given) each parent's figures for that kind: its kind snapshot, or its byKind entry when
     * that is newer (see {@link Kinds#view}). Each item then has {@code parentCode} and {@code kind}.
     */
    public List<JsonNode> list(String type, String kind) {
        List<JsonNode> parents = store.latestOfType(type);
        if (kind == null) {
            return parents;
        }
        Map<String, JsonNode> kindSnapshots = new LinkedHashMap<>(store.latestOfKind(type + "_KIND", kind));
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode p : parents) {
            Kinds.view(p, kindSnapshots.remove(p.path("scopeCode").asText()), kind).ifPresent(out::add);
        }
        kindSnapshots.values().forEach(k -> Kinds.view(null, k, kind).ifPresent(out::add));
        return out;
    }

    @GET
    @Path("provinces/{code}")
    @Operation(summary = "One of today's provinces")
    public JsonNode province(@PathParam("code") String code) {
        return one("province:" + code);
    }

    @GET
    @Path("provinces/{code}/zones")
    @Operation(summary = "Drill-down: the latest figures of every zone in one of today's provinces")
    public List<JsonNode> provinceZones(@PathParam("code") String code, @QueryParam("kind") String kind) {
        return ofKind(zones(false, code), Kinds.check(kind));
    }

    public List<JsonNode> provinceZones(String code) {
        return zones(false, code);
    }

    @GET
    @Path("former-provinces/{code}/zones")
    @Operation(summary = "Drill-down: the latest figures of every zone in a former province")
    public List<JsonNode> formerProvinceZones(@PathParam("code") String code, @QueryParam("kind") String kind) {
        return ofKind(zones(true, code), Kinds.check(kind));
    }

    public List<JsonNode> formerProvinceZones(String code) {
        return zones(true, code);
    }

    private static List<JsonNode> ofKind(List<JsonNode> zones, String kind) {
        return kind == null ? zones : zones.stream().filter(z -> kind.equals(z.path("place").path("kind").asText())).toList();
    }

    @GET
    @Path("provinces/{code}/summary.html")
    @Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
    @Operation(summary = "A printable one-page summary of a province (A4): all kinds together (what adds up), then parks, clusters and economic zones apart, with their basis, and its zones")
    public String provinceSummary(@PathParam("code") String code) {
        JsonNode parent = province(code);
        return SummaryPage.html(parent, kindViews("PROVINCE", code, parent), provinceZones(code));
    }

    @GET
    @Path("provinces/{code}/report.pdf")
    @Produces("application/pdf")
    @Operation(summary = "The board report of a province as PDF (A4; Vietnamese, or English with lang=en): figures per kind with their basis, the zones, date and sources, page numbers")
    public jakarta.ws.rs.core.Response provinceReport(@PathParam("code") String code, @QueryParam("lang") String lang) {
        return report(false, code, ReportLanguage.of(lang));
    }

    @GET
    @Path("former-provinces/{code}/report.pdf")
    @Produces("application/pdf")
    @Operation(summary = "The board report of a former province as PDF (lang=vi or en)")
    public jakarta.ws.rs.core.Response formerProvinceReport(@PathParam("code") String code, @QueryParam("lang") String lang) {
        return report(true, code, ReportLanguage.of(lang));
    }

    private jakarta.ws.rs.core.Response report(boolean former, String code, ReportLanguage lang) {
        String type = former ? "FORMER_PROVINCE" : "PROVINCE";
        JsonNode parent = one((former ? "former-province:" : "province:") + code);
        byte[] pdf = BoardReport.pdf(former, parent, kindViews(type, code, parent), zones(former, code), lang);
        return jakarta.ws.rs.core.Response.ok(pdf, "application/pdf").header("Content-Language", lang.code())
                .header("Content-Disposition", "inline; filename=\"" + (former ? "former-province-" : "province-") + code + "-report"
                        + (lang == ReportLanguage.VI ? "" : "-" + lang.code()) + ".pdf\"").build();
    }

    /** The figures of each kind present in the scope (Kinds.view), parks, clusters, economic zones in that order. */
    private Map<String, JsonNode> kindViews(String type, String code, JsonNode parent) {
        Map<String, JsonNode> kinds = new LinkedHashMap<>();
        for (String k : Kinds.ALL) {
            Kinds.view(parent, store.latest(Kinds.key(type, code, k)).orElse(null), k).ifPresent(v -> kinds.put(k, v));
        }
        return kinds;
    }

    @GET
    @Path("former-provinces")
    @Operation(summary = "Every former province (before the 2025 merger)")
    public List<JsonNode> formerProvinces(@QueryParam("kind") String kind) {
        return list("FORMER_PROVINCE", Kinds.check(kind));
    }

    public List<JsonNode> formerProvinces() {
        return store.latestOfType("FORMER_PROVINCE");
    }

    @GET
    @Path("{scopeType}/{code}")
    @Operation(summary = "One scope, latest figures: former-provinces/{code}, zone-kinds/{kind}, cluster-models/{model}, zones/{id}")
    public String scope(@PathParam("scopeType") String scopeType, @PathParam("code") String code) {
        // the stored JSON as received, like national(): a board polling a zone costs a key lookup, not a parse and a
        // re-serialisation (most of reporting's CPU while the bench's probes polled zones, JFR)
        String key = scopeKey(scopeType, code);
        return store.latestJson(key).orElseThrow(() -> new NotFoundException("no figures yet for " + key));
    }

    @GET
    @Path("national/series")
    @Operation(summary = "Time series of one national indicator")
    public SeriesService.Series nationalSeries(@QueryParam("indicator") String indicator, @QueryParam("step") String step,
                                               @QueryParam("from") String from, @QueryParam("to") String to) {
        return series("national", "VN", indicator, step, from, to);
    }

    @GET
    @Path("{scopeType}/{code}/series")
    @Operation(summary = "Time series of one indicator of a scope: the last snapshot within each MONTH, QUARTER or YEAR")
    public SeriesService.Series series(@PathParam("scopeType") String scopeType, @PathParam("code") String code,
                                       @QueryParam("indicator") String indicator, @QueryParam("step") String step,
                                       @QueryParam("from") String from, @QueryParam("to") String to) {
        SeriesService.Step s;
        try {
            s = step == null || step.isBlank() ? SeriesService.Step.MONTH : SeriesService.Step.valueOf(step.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("step must be MONTH, QUARTER or YEAR, not '" + step + "'");
        }
        Instant f = SeriesService.bound(from, false, Instant.parse("2000-01-01T00:00:00Z"));
        Instant t = SeriesService.bound(to, true, Instant.now().plusSeconds(86_400));
        return series.series(scopeKey(scopeType, code), IndicatorPaths.of(indicator), s, f, t);
    }

    @GET
    @Path("national/compare")
    @Operation(summary = "Compares a national indicator between two periods")
    public SeriesService.Comparison nationalCompare(@QueryParam("indicator") String indicator,
                                                    @QueryParam("from1") String from1, @QueryParam("to1") String to1,
                                                    @QueryParam("from2") String from2, @QueryParam("to2") String to2) {
        return compare("national", "VN", indicator, from1, to1, from2, to2);
    }

    @GET
    @Path("{scopeType}/{code}/compare")
    @Operation(summary = "Compares an indicator of a scope between two periods (each its last snapshot), growth in %")
    public SeriesService.Comparison compare(@PathParam("scopeType") String scopeType, @PathParam("code") String code,
                                            @QueryParam("indicator") String indicator,
                                            @QueryParam("from1") String from1, @QueryParam("to1") String to1,
                                            @QueryParam("from2") String from2, @QueryParam("to2") String to2) {
        if (to1 == null || to2 == null) {
            throw new IllegalArgumentException("to1 and to2 are required (from1/from2 default to the beginning)");
        }
        Instant start = Instant.parse("2000-01-01T00:00:00Z");
        return series.compare(scopeKey(scopeType, code), IndicatorPaths.of(indicator),
                SeriesService.bound(from1, false, start), SeriesService.bound(to1, true, null),
                SeriesService.bound(from2, false, start), SeriesService.bound(to2, true, null));
    }

    private List<JsonNode> zones(boolean former, String code) {
        // Zones whose province nobody told us yet are looked up in the registry now (for at most 2 s; the rest
        // are queued), then cached.
        long deadline = System.nanoTime() + 2_000_000_000L;
        for (String id : store.unplacedZones(50)) {
            if (System.nanoTime() < deadline) {
                places.ensure(id);
            } else {
                places.ensureLater(id);
            }
        }
        List<JsonNode> zones = store.zonesOf(former, code);
        if (zones.isEmpty() && store.latest((former ? "former-province:" : "province:") + code).isEmpty()) {
            throw new NotFoundException("no figures yet for " + (former ? "former province " : "province ") + code);
        }
        return zones;
    }

    static String scopeKey(String scopeType, String code) {
        String slug = SCOPE_SLUGS.get(scopeType);
        if (slug == null) {
            throw new NotFoundException("unknown scope type '" + scopeType + "'; one of " + new TreeSet<>(SCOPE_SLUGS.keySet()));
        }
        return slug + ":" + code;
    }

    private JsonNode one(String key) {
        return store.latest(key).orElseThrow(() -> new NotFoundException("no figures yet for " + key));
    }
}
