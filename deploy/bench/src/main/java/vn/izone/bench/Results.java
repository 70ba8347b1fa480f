package vn.izone.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a run measured: every figure for the JSON (in the order measured), the rows of the table, and what PostgreSQL
 * spent each phase on; written as {@code <UTC time>-<scale>.json}, {@code .md} and {@code latest-<scale>.md}.
 */
final class Results {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Map<String, Object> values = new LinkedHashMap<>();
    private final List<String[]> table = new ArrayList<>();
    /** What PostgreSQL spent each phase on (pg_stat_statements), printed after the table. */
    private final List<String> profiles = new ArrayList<>();

    void put(String key, Object value) {
        values.put(key, value);
    }

    /** A row of the table: the figure beside the raw limit it is compared with; printed as it is measured. */
    void row(String figure, String value, String limit, String limitValue, String ratio) {
        table.add(new String[]{figure, value, limit, limitValue, ratio});
        Bench.say("| " + String.join(" | ", figure, value, limit, limitValue, ratio) + " |");
    }

    /** The phase's top statements, kept for the results and printed now. */
    void profile(String title, Statements db, long operations, String operation) {
        List<String> lines = Statements.table(title, db.top(10), operations, operation);
        profiles.addAll(lines);
        lines.forEach(Bench::say);
    }

    void write(Path dir, Scale scale) throws IOException {
        Files.createDirectories(dir);
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
        ObjectNode json = JSON.valueToTree(values);
        ArrayNode rows = json.putArray("table");
        for (String[] r : table) {
            rows.addObject().put("figure", r[0]).put("value", r[1]).put("rawLimit", r[2]).put("rawLimitValue", r[3]).put("ratio", r[4]);
        }
        String base = stamp + "-" + scale.name();
        Files.writeString(dir.resolve(base + ".json"), JSON.writeValueAsString(json));
        StringBuilder md = new StringBuilder();
        md.append("# izone bench, scale ").append(scale.name()).append(" (").append(scale.zones()).append(" zones, ")
                .append(values.get("projects")).append(" projects, ").append(values.get("reports")).append(" quarterly reports), ").append(stamp).append(" UTC\n\n");
        md.append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, load average at start ")
                .append(String.format(Locale.ROOT, "%.1f", (Double) ((Map<?, ?>) values.get("machine")).get("loadAverageAtStart")))
                .append(", at the end ").append(String.format(Locale.ROOT, "%.1f", (Double) values.get("loadAverageAtEnd")))
                .append(", Java ").append(System.getProperty("java.version")).append(". Run time ").append(values.get("totalSeconds")).append(" s.\n\n");
        md.append("| Figure | Value | Raw limit measured in the same run | Limit | Ratio |\n|---|---:|---|---:|---:|\n");
        for (String[] r : table) {
            md.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        if (!profiles.isEmpty()) {
            md.append("\n## Where PostgreSQL spent each phase\n");
            profiles.forEach(l -> md.append(l).append('\n'));
        }
        Files.writeString(dir.resolve(base + ".md"), md.toString());
        Files.writeString(dir.resolve("latest-" + scale.name() + ".md"), md.toString());
        Bench.say("results: " + dir.resolve(base + ".json") + " and " + dir.resolve(base + ".md"));
        System.out.println(md);
    }

    // How figures are computed and written.

    /** Events, records or requests per second between two instants (at least 1 ms apart, so never infinite). */
    static double perSecond(long count, Instant from, Instant to) {
        return count * 1000.0 / Math.max(1, Duration.between(from, to).toMillis());
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }

    static String ms(long micros) {
        return String.format(Locale.ROOT, "%.1f", micros / 1000.0);
    }

    static String ratio(double value, double limit) {
        return limit <= 0 ? "-" : String.format(Locale.ROOT, "%.1f %%", 100.0 * value / limit);
    }

    /** Two figures of one row, as {@code "a / b"} with {@code decimals} places. */
    static String pair(double a, double b, int decimals) {
        String one = "%." + decimals + "f";
        return String.format(Locale.ROOT, one + " / " + one, a, b);
    }

    static long percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return -1;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
