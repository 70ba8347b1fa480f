package vn.izone.bench;

import vn.izone.suite.Suite;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a change's time goes on its way to the board, over one phase only: each stage is a service's own timer with
 * histogram buckets, scraped before and after the phase and subtracted, so the figures hold the phase's samples and
 * none of the phase before (a timer's own percentiles decay over minutes, and the catch-up's would leak into them).
 * A percentile is the upper bound of the bucket it falls in (Micrometer's buckets are about 10 % apart).
 */
final class Stages {
    /** One stage: the service, its timer's sample name (with the tag that picks the series) and what it measures. */
    record Stage(String service, String sample, String label) {
    }

    static final List<Stage> FRESHNESS = List.of(
            new Stage(Suite.REGISTRY, "izone_outbox_recorded_to_acknowledged_seconds", "registry: outbox row -> on Kafka"),
            new Stage(Suite.METRICS, "izone_metrics_event_sent_to_applied_seconds", "metrics: on Kafka -> applied"),
            new Stage(Suite.METRICS, "izone_indicators_applied_to_acknowledged_seconds{lane=\"zones\"", "metrics: applied -> zone snapshot on Kafka"),
            new Stage(Suite.REPORTING, "izone_reporting_snapshot_sent_to_stored_seconds", "reporting: snapshot on Kafka -> stored and pushed"),
            // within the stage before: one batch's transaction (its events: izone_metrics_batch_events)
            new Stage(Suite.METRICS, "izone_metrics_batch_applied_seconds", "metrics: one batch applied"),
            // not on a probe's path, but what competes with it for the two cores: the publisher's rounds by lane
            new Stage(Suite.METRICS, "izone_indicators_publish_round_seconds{lane=\"zones\"", "metrics: zone lane, one round"),
            new Stage(Suite.METRICS, "izone_indicators_publish_round_seconds{lane=\"above_zones\"", "metrics: lane above zones, one round"));

    /** Cumulative bucket counts (upper bound in s -> count) and the sum, of each stage at one moment. */
    record Snapshot(Map<Stage, TreeMap<Double, Double>> buckets, Map<Stage, double[]> sumCount) {
    }

    /** One stage over a phase: samples, mean, p50 and p99 in ms. */
    record Figure(String label, long samples, double meanMs, double p50Ms, double p99Ms, double totalMs) {
    }

    /** The registry's relay alone (the write profile's paced stage). */
    static final List<Stage> RELAY = List.of(FRESHNESS.get(0));

    private final Http http;
    private final java.util.function.UnaryOperator<String> urls;
    private final List<Stage> stages;

    Stages(Run run, List<Stage> stages) {
        this(run.http, run::url, stages);
    }

    /** @param urls a service's base URL by its name */
    Stages(Http http, java.util.function.UnaryOperator<String> urls, List<Stage> stages) {
        this.http = http;
        this.urls = urls;
        this.stages = stages;
    }

    Snapshot now() {
        Map<Stage, TreeMap<Double, Double>> buckets = new LinkedHashMap<>();
        Map<Stage, double[]> sumCount = new LinkedHashMap<>();
        Map<String, List<String>> scraped = new LinkedHashMap<>();
        for (Stage stage : stages) {
            List<String> lines = scraped.computeIfAbsent(stage.service(), s -> {
                List<String> all = http.scrape(urls.apply(s), "izone_");
                return all == null ? List.of() : all;
            });
            String name = stage.sample().contains("{") ? stage.sample().substring(0, stage.sample().indexOf('{')) : stage.sample();
            String tag = stage.sample().contains("{") ? stage.sample().substring(stage.sample().indexOf('{') + 1) : "";
            TreeMap<Double, Double> b = new TreeMap<>();
            double[] sc = {0, 0};
            for (String line : lines) {
                if (!tag.isEmpty() && !line.contains(tag)) {
                    continue;
                }
                if (line.startsWith(name + "_bucket{")) {
                    int le = line.indexOf("le=\"");
                    String bound = line.substring(le + 4, line.indexOf('"', le + 4));
                    b.put(bound.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(bound), Http.value(line));
                } else if (line.startsWith(name + "_sum")) {
                    sc[0] = Http.value(line);
                } else if (line.startsWith(name + "_count")) {
                    sc[1] = Http.value(line);
                }
            }
            buckets.put(stage, b);
            sumCount.put(stage, sc);
        }
        return new Snapshot(buckets, sumCount);
    }

    /** Each stage between two snapshots (its samples in between only). */
    List<Figure> between(Snapshot before, Snapshot after) {
        List<Figure> out = new ArrayList<>();
        for (Stage stage : stages) {
            double[] a = after.sumCount().get(stage);
            double[] b = before.sumCount().get(stage);
            long n = Math.round(a[1] - b[1]);
            TreeMap<Double, Double> diff = new TreeMap<>();
            after.buckets().get(stage).forEach((le, count) -> diff.put(le, count - before.buckets().get(stage).getOrDefault(le, 0.0)));
            out.add(new Figure(stage.label(), n, n == 0 ? -1 : (a[0] - b[0]) * 1000 / n, percentile(diff, n, 0.50), percentile(diff, n, 0.99),
                    (a[0] - b[0]) * 1000));
        }
        return out;
    }

    /** The upper bound (ms) of the bucket the q-th sample falls in; -1 without samples. */
    static double percentile(TreeMap<Double, Double> cumulative, long samples, double q) {
        if (samples <= 0) {
            return -1;
        }
        double rank = Math.ceil(q * samples);
        for (Map.Entry<Double, Double> e : cumulative.entrySet()) {
            if (e.getValue() >= rank) {
                return e.getKey().isInfinite() ? Double.POSITIVE_INFINITY : e.getKey() * 1000;
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    static String describe(List<Figure> figures) {
        StringBuilder s = new StringBuilder();
        for (Figure f : figures) {
            if (!s.isEmpty()) {
                s.append("; ");
            }
            s.append(String.format(Locale.ROOT, "%s %.0f / %.0f (mean %.0f, %d samples, %.1f s in all)", f.label(), f.p50Ms(), f.p99Ms(),
                    f.meanMs(), f.samples(), f.totalMs() / 1000));
        }
        return s.toString();
    }
}
