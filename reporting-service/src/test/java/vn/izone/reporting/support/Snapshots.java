package vn.izone.reporting.support;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Instant;
import java.util.Map;

/**
 * Publishes indicator snapshots as metrics-service does: JSON on izone.metrics.indicators.v1, keyed by scope. Every
 * fixture is validated against the contract (docs/events/schemas/indicators.v1.json) before it is sent, so reporting's
 * tests cannot drift from what metrics really publishes.
 */
public final class Snapshots {
    private Snapshots() {
    }

    public static void publish(String key, String json) {
        IndicatorSchema.assertValid(json);
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("izone.metrics.indicators.v1", key, json)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** metrics-service's wording of the figures' basis (IndicatorCalculator). */
    public static final String OCCUPANCY_BASIS = "leased ÷ industrial land for lease, summed over established zones (established or later, not removed) with industrial land for lease";
    public static final String WORKERS_SOURCE = "PROJECTS: workers declared by active secondary projects";
    public static final String REPORTED_SOURCE = "REPORTS: workers of each zone's latest reported period (its zone-level report, else the sum of its projects' reports)";

    /** Publishes many snapshots through one producer, each under its own scope key. */
    public static void publishAll(java.util.List<String> snapshots) {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringSerializer(), new StringSerializer())) {
            for (String json : snapshots) {
                IndicatorSchema.assertValid(json);
                producer.send(new ProducerRecord<>("izone.metrics.indicators.v1", keyOf(json), json));
            }
            producer.flush();
        }
    }

    /** A full snapshot in metrics-service's Indicators shape; {@code extra} is spliced in as further top-level fields. */
    public static String of(String type, String code, String name, Instant at, double occupancy, long workers, String extra) {
        String slug = switch (type) {
            case "ZONE" -> "zone";
            case "PROVINCE" -> "province";
            case "FORMER_PROVINCE" -> "former-province";
            case "NATIONAL" -> "national";
            case "PROVINCE_KIND" -> "province-kind";
            case "FORMER_PROVINCE_KIND" -> "former-province-kind";
            case "ZONE_KIND" -> "zone-kind";
            default -> type.toLowerCase();
        };
        double industrial = 200.0;
        double leased = Math.round(industrial * occupancy) / 100.0;
        return """
                {"scopeKey":"%1$s:%2$s","scopeType":"%3$s","scopeCode":"%2$s","scopeName":"%4$s","computedAt":"%5$s",
                 "zones":{"total":5,"planned":1,"established":4,"operating":3,"removed":0,"byStatus":{"IN_OPERATION":3}},
                 "areas":{"plannedHa":500.0,"establishedHa":400.0,"operatingHa":300.0,"industrialLandHa":%6$s,"leasedHa":%7$s},
                 "occupancy":{"ratePercent":%8$s,"leasedHa":%7$s,"industrialLandHa":%6$s,"zonesCounted":4,
                              "basis":"leased ÷ industrial land for lease, summed over established zones (established or later, not removed) with industrial land for lease"},
                 "occupancyOperating":{"ratePercent":%8$s,"leasedHa":%7$s,"industrialLandHa":%6$s,"zonesCounted":3,
                              "basis":"leased ÷ industrial land for lease, summed over zones in operation with industrial land for lease"},
                 "projects":{"active":12,"fdi":7,"domestic":5,"inactive":1,
                             "capitalByCurrency":{"USD":{"fdi":350000000,"domestic":0},"VND":{"fdi":0,"domestic":1250000000000}},"leasedHa":%7$s,
                             "capitalCombined":null},
                 "employment":{"workers":%9$d,"source":"PROJECTS: workers declared by active secondary projects","reportedWorkers":null,
                              "reportedSource":"REPORTS: workers of each zone's latest reported period (its zone-level report, else the sum of its projects' reports)",
                              "reportingZones":0,"reportedPeriodEndFrom":null,"reportedPeriodEndTo":null},
                 "asOf":null,"asReportedAt":null,"periods":[]%10$s}"""
                .formatted(slug, code, type, name, at, industrial, leased, occupancy, workers,
                        extra == null || extra.isBlank() ? "" : "," + extra);
    }

    /** The snapshot's scope key, as metrics-service keys its records. */
    public static String keyOf(String json) {
        int i = json.indexOf("\"scopeKey\":\"") + 12;
        return json.substring(i, json.indexOf('"', i));
    }

    /** Publishes a snapshot under its own scope key. */
    public static void publish(String json) {
        publish(keyOf(json), json);
    }

    /** The figures a kind's byKind entry and its own snapshot share: zones, areas and both occupancies (200 ha of land). */
    static String kindFigures(int zones, double occupancy) {
        double leased = Math.round(200.0 * occupancy) / 100.0;
        return """
                "zones":{"total":%1$d,"planned":1,"established":%2$d,"operating":%3$d,"removed":0,"byStatus":{"PLANNED":1,"IN_OPERATION":%3$d}},
                 "areas":{"plannedHa":250.0,"establishedHa":220.0,"operatingHa":180.0,"industrialLandHa":200.0,"leasedHa":%4$s},
                 "occupancy":{"ratePercent":%5$s,"leasedHa":%4$s,"industrialLandHa":200.0,"zonesCounted":%2$d,"basis":"%6$s"},
                 "occupancyOperating":{"ratePercent":%5$s,"leasedHa":%4$s,"industrialLandHa":200.0,"zonesCounted":%3$d,
                              "basis":"leased ÷ industrial land for lease, summed over zones in operation with industrial land for lease"}"""
                .formatted(zones, zones - 1, Math.max(0, zones - 2), leased, occupancy, OCCUPANCY_BASIS);
    }

    /**
     * One entry of a scope's {@code byKind} (contract of metrics-service's by-kind work): {@code "KIND":{zones, areas,
     * occupancy, occupancyOperating, projects, workers}}.
     */
    public static String byKind(String kind, int zones, double occupancy, long fdi, long domestic, long workers) {
        return "\"%s\":{%s,\"projects\":{\"active\":%d,\"fdi\":%d,\"domestic\":%d},\"workers\":%d}"
                .formatted(kind, kindFigures(zones, occupancy), fdi + domestic, fdi, domestic, workers);
    }

    /**
     * A kind's own snapshot (PROVINCE_KIND "code:KIND", FORMER_PROVINCE_KIND, ZONE_KIND "KIND") with the same figures
     * as {@link #byKind} with these arguments, plus capital: USD 50 million per FDI project, VND 250 billion per DDI one.
     */
    public static String kindScope(String type, String code, String kind, String name, Instant at, int zones, double occupancy,
                                   long fdi, long domestic, long workers) {
        String slug = switch (type) {
            case "PROVINCE_KIND" -> "province-kind";
            case "FORMER_PROVINCE_KIND" -> "former-province-kind";
            default -> "zone-kind";
        };
        String scopeCode = "ZONE_KIND".equals(type) ? kind : code + ":" + kind;
        return """
                {"scopeKey":"%1$s:%2$s","scopeType":"%3$s","scopeCode":"%2$s","scopeName":"%4$s","computedAt":"%5$s",%6$s,
                 "projects":{"active":%7$d,"fdi":%8$d,"domestic":%9$d,"inactive":0,
                             "capitalByCurrency":{"USD":{"fdi":%10$d,"domestic":0},"VND":{"fdi":0,"domestic":%11$d}},
                             "leasedHa":0,"capitalCombined":null},
                 "employment":{"workers":%12$d,"source":"%13$s","reportedWorkers":null,"reportedSource":"%14$s","reportingZones":0,
                               "reportedPeriodEndFrom":null,"reportedPeriodEndTo":null},
                 "asOf":null,"asReportedAt":null,"periods":[]}"""
                .formatted(slug, scopeCode, type, name, at, kindFigures(zones, occupancy), fdi + domestic, fdi, domestic,
                        fdi * 50_000_000L, domestic * 250_000_000_000L, workers, WORKERS_SOURCE, REPORTED_SOURCE);
    }

    /** The {@code extra} of {@link #of} for a scope with these byKind entries. */
    public static String withKinds(String... entries) {
        return "\"byKind\":{" + String.join(",", entries) + "}";
    }
}
