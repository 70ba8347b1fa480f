package vn.izone.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * What a board reads, held against the register, end to end: for every scope the register implies (the country,
 * each province and former province, each kind, cluster model and zone, and each province × kind), the figures
 * recomputed here from the registry's REST API must equal metrics-service's figures, and reporting-service's latest
 * snapshot must equal metrics-service's answer field for field. Polls until all agree or the time is up, and says how
 * long settling took. Used at the end of the drills (FaultDrillIT, ScaleOutIT) and of the bench.
 */
public final class BoardConvergence {
    static final Set<String> ESTABLISHED = Set.of("ESTABLISHED", "INVESTMENT_APPROVED", "DETAILED_PLANNING_APPROVED",
            "UNDER_CONSTRUCTION", "IN_OPERATION", "EXPANDED");
    static final Set<String> OPERATING = Set.of("IN_OPERATION", "EXPANDED");
    static final Set<String> PLANNED = Set.of("PLANNED", "LAND_TARGET_ALLOCATED");
    static final Set<String> INACTIVE_PROJECT = Set.of("SUSPENDED", "REVOKED");

    /** The figures compared with the register, by their path in an indicator snapshot. */
    static final List<String> FIGURES = List.of("zones.total", "zones.planned", "zones.established", "zones.operating",
            "zones.removed", "areas.plannedHa", "areas.establishedHa", "areas.operatingHa", "areas.industrialLandHa",
            "areas.leasedHa", "occupancy.leasedHa", "occupancy.industrialLandHa", "occupancy.zonesCounted",
            "occupancyOperating.leasedHa", "occupancyOperating.industrialLandHa", "occupancyOperating.zonesCounted",
            "projects.active", "projects.fdi", "projects.domestic", "projects.inactive", "projects.leasedHa",
            "projects.capitalByCurrency.USD.fdi", "projects.capitalByCurrency.USD.domestic",
            "projects.capitalByCurrency.VND.fdi", "projects.capitalByCurrency.VND.domestic", "employment.workers");

    /** One scope whose figures disagree somewhere. */
    public record Difference(String scopeKey, String what, String expected, String actual) {
        @Override
        public String toString() {
            return scopeKey + " " + what + ": expected " + expected + ", got " + actual;
        }
    }

    public record Result(int scopes, long settledMillis, int rounds, List<Difference> differences) {
        public boolean converged() {
            return differences.isEmpty();
        }

        @Override
        public String toString() {
            return (converged() ? "converged" : differences.size() + " differences") + ": " + scopes + " scopes, registry = metrics = reporting "
                    + (converged() ? "after " + settledMillis + " ms (" + rounds + " rounds)" : "not reached; first: "
                    + differences.subList(0, Math.min(5, differences.size())));
        }
    }

    private final RegistryClient registry;
    private final RegistryClient metrics;
    private final RegistryClient reporting;
    private final boolean kindScopes;

    /**
     * @param kindScopes whether metrics publishes province × kind and former province × kind scopes (it does since
     *                   issue #13; a bench run against an older build passes false)
     */
    public BoardConvergence(String registryUrl, String metricsUrl, String reportingUrl, boolean kindScopes) {
        this.registry = new RegistryClient(registryUrl, "convergence");
        this.metrics = new RegistryClient(metricsUrl, "convergence");
        this.reporting = new RegistryClient(reportingUrl, "convergence");
        this.kindScopes = kindScopes;
    }

    /**
     * Reads the register once (the stream must have ended), then polls metrics and reporting until every scope
     * agrees, for at most {@code timeout}.
     */
    public Result await(Duration timeout, Consumer<String> say) {
        Instant started = Instant.now();
        Map<String, Map<String, BigDecimal>> expected = expectedFromRegistry();
        say.accept("convergence: " + expected.size() + " scopes recomputed from the registry's API in "
                + Duration.between(started, Instant.now()).toMillis() + " ms");
        Instant polling = Instant.now();
        Instant deadline = polling.plus(timeout);
        int rounds = 0;
        while (true) {
            rounds++;
            List<Difference> differences = compare(expected);
            if (differences.isEmpty() || Instant.now().isAfter(deadline)) {
                return new Result(expected.size(), Duration.between(polling, Instant.now()).toMillis(), rounds, differences);
            }
            ServiceProcess.sleep(200);
        }
    }

    /** Every scope's figures, recomputed from the zones and projects the registry's API returns. */
    Map<String, Map<String, BigDecimal>> expectedFromRegistry() {
        Map<String, Map<String, BigDecimal>> scopes = new TreeMap<>();
        for (int page = 0; ; page++) {
            JsonNode zones = list(registry, "/api/v1/zones?size=1000&page=" + page);
            for (JsonNode zone : zones) {
                List<JsonNode> projects = new ArrayList<>();
                list(registry, "/api/v1/zones/" + zone.path("id").asText() + "/projects").forEach(projects::add);
                Map<String, BigDecimal> figures = zoneFigures(zone, projects);
                for (String scope : scopesOf(zone)) {
                    Map<String, BigDecimal> sum = scopes.computeIfAbsent(scope, k -> new TreeMap<>());
                    figures.forEach((k, v) -> sum.merge(k, v, BigDecimal::add));
                }
            }
            if (zones.size() < 1000) {
                return scopes;
            }
        }
    }

    private List<String> scopesOf(JsonNode zone) {
        String province = zone.path("provinceCode").asText();
        String former = text(zone, "formerProvinceCode");
        String kind = zone.path("kind").asText();
        List<String> keys = new ArrayList<>(List.of("national:VN", "zone:" + zone.path("id").asText(), "province:" + province,
                "zone-kind:" + kind));
        if (former != null) {
            keys.add("former-province:" + former);
        }
        if (text(zone, "clusterModel") != null) {
            keys.add("cluster-model:" + zone.path("clusterModel").asText());
        }
        if (kindScopes) {
            keys.add("province-kind:" + province + ":" + kind);
            if (former != null) {
                keys.add("former-province-kind:" + former + ":" + kind);
            }
        }
        return keys;
    }

    /** One zone's contribution to every scope it belongs to (docs/metrics.md, "Figures and their definitions"). */
    static Map<String, BigDecimal> zoneFigures(JsonNode zone, List<JsonNode> projects) {
        Map<String, BigDecimal> f = new LinkedHashMap<>();
        FIGURES.forEach(k -> f.put(k, BigDecimal.ZERO));
        String status = zone.path("status").asText();
        boolean established = ESTABLISHED.contains(status);
        boolean operating = OPERATING.contains(status);
        BigDecimal activeLeased = BigDecimal.ZERO;
        for (JsonNode p : projects) {
            boolean active = !INACTIVE_PROJECT.contains(p.path("status").asText());
            if (!active) {
                add(f, "projects.inactive", BigDecimal.ONE);
                continue;
            }
            boolean fdi = "FDI".equals(p.path("origin").asText());
            add(f, "projects.active", BigDecimal.ONE);
            add(f, fdi ? "projects.fdi" : "projects.domestic", BigDecimal.ONE);
            JsonNode capital = p.path("registeredCapital");
            if (capital.hasNonNull("amount") && capital.hasNonNull("currency")) {
                add(f, "projects.capitalByCurrency." + capital.path("currency").asText() + (fdi ? ".fdi" : ".domestic"),
                        capital.path("amount").decimalValue());
            }
            BigDecimal leased = decimal(p, "leasedAreaHa");
            add(f, "projects.leasedHa", leased);
            activeLeased = activeLeased.add(leased);
            add(f, "employment.workers", BigDecimal.valueOf(p.path("workers").asLong(0)));
        }
        add(f, "zones.total", BigDecimal.ONE);
        if (PLANNED.contains(status)) {
            add(f, "zones.planned", BigDecimal.ONE);
        }
        if ("REMOVED_FROM_PLANNING".equals(status)) {
            add(f, "zones.removed", BigDecimal.ONE);
        } else {
            add(f, "areas.plannedHa", decimal(zone, "plannedAreaHa"));
        }
        BigDecimal land = decimal(zone, "industrialLandHa");
        BigDecimal leased = zone.hasNonNull("leasedAreaHa") ? zone.get("leasedAreaHa").decimalValue() : activeLeased;
        if (established) {
            add(f, "zones.established", BigDecimal.ONE);
            add(f, "areas.establishedHa", decimal(zone, "establishedAreaHa"));
            add(f, "areas.industrialLandHa", land);
            add(f, "areas.leasedHa", leased);
            if (land.signum() > 0) {
                add(f, "occupancy.leasedHa", leased);
                add(f, "occupancy.industrialLandHa", land);
                add(f, "occupancy.zonesCounted", BigDecimal.ONE);
            }
        }
        if (operating) {
            add(f, "zones.operating", BigDecimal.ONE);
            add(f, "areas.operatingHa", decimal(zone, "establishedAreaHa"));
            if (land.signum() > 0) {
                add(f, "occupancyOperating.leasedHa", leased);
                add(f, "occupancyOperating.industrialLandHa", land);
                add(f, "occupancyOperating.zonesCounted", BigDecimal.ONE);
            }
        }
        return f;
    }

    private List<Difference> compare(Map<String, Map<String, BigDecimal>> expected) {
        List<Difference> differences = new ArrayList<>();
        for (var scope : expected.entrySet()) {
            String key = scope.getKey();
            String type = key.substring(0, key.indexOf(':'));
            String code = key.substring(key.indexOf(':') + 1);
            RegistryClient.Reply m = metrics.get("/api/v1/indicators/" + type + "/" + code);
            if (m.status() != 200) {
                differences.add(new Difference(key, "metrics answer", "200", m.status() + " " + m.body()));
                continue;
            }
            for (var figure : scope.getValue().entrySet()) {
                JsonNode value = at(m.body(), figure.getKey());
                if (!value.isNumber() || value.decimalValue().compareTo(figure.getValue()) != 0) {
                    differences.add(new Difference(key, "metrics " + figure.getKey(), figure.getValue().toPlainString(), value.toString()));
                }
            }
            RegistryClient.Reply r = reporting.get(reportingPath(type, code));
            if (r.status() != 200) {
                differences.add(new Difference(key, "reporting answer", "200", r.status() + " " + r.body()));
            } else if (!withoutTime(r.body()).equals(withoutTime(m.body()))) {
                differences.add(new Difference(key, "reporting snapshot", withoutTime(m.body()).toString(), withoutTime(r.body()).toString()));
            }
        }
        return differences;
    }

    /** Where reporting serves a scope's latest snapshot. */
    static String reportingPath(String type, String code) {
        return switch (type) {
            case "national" -> "/api/v1/rollups/national";
            case "province-kind", "former-province-kind" -> "/api/v1/rollups/" + type + "/" + code;
            default -> "/api/v1/rollups/" + type + "s/" + code;
        };
    }

    private static JsonNode withoutTime(JsonNode snapshot) {
        ObjectNode copy = snapshot.deepCopy();
        copy.remove("computedAt");
        return copy;
    }

    private static JsonNode at(JsonNode node, String path) {
        JsonNode n = node;
        for (String part : path.split("\\.")) {
            n = n.path(part);
        }
        return n;
    }

    private static JsonNode list(RegistryClient client, String path) {
        RegistryClient.Reply reply = client.get(path);
        if (reply.status() != 200 || reply.body() == null || !reply.body().isArray()) {
            throw new IllegalStateException("GET " + path + " answered " + reply.status() + " " + reply.body());
        }
        return reply.body();
    }

    private static void add(Map<String, BigDecimal> f, String key, BigDecimal value) {
        f.merge(key, value, BigDecimal::add);
    }

    private static BigDecimal decimal(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).decimalValue() : BigDecimal.ZERO;
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) && !node.get(field).asText().isBlank() ? node.get(field).asText() : null;
    }
}
