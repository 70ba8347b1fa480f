package vn.izone.bench;

import vn.izone.suite.Suite;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How long each service's collector stopped it over a phase: the sum of Micrometer's {@code jvm_gc_pause_seconds}
 * series (every collector, every cause), scraped before and after. A stop-the-world pause holds every stage of a
 * change's way to the board at once, so it is read beside the stage timers (bench of 2026-12-03: metrics paused
 * for half of the 200/s phase).
 */
final class GcPauses {
    static final List<String> SERVICES = List.of(Suite.REGISTRY, Suite.METRICS, Suite.REPORTING);

    private GcPauses() {
    }

    /** Seconds paused so far and pauses so far, by service ({-1, -1} where the scrape does not answer). */
    static Map<String, double[]> now(Run run) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (String service : SERVICES) {
            List<String> lines = run.http.scrape(run.url(service), "jvm_gc_pause_seconds_");
            double[] sumCount = lines == null ? new double[]{-1, -1} : new double[]{0, 0};
            if (lines != null) {
                for (String line : lines) {
                    if (line.startsWith("jvm_gc_pause_seconds_sum")) {
                        sumCount[0] += Http.value(line);
                    } else if (line.startsWith("jvm_gc_pause_seconds_count")) {
                        sumCount[1] += Http.value(line);
                    }
                }
            }
            out.put(service, sumCount);
        }
        return out;
    }

    /** "registry 0.4 s (12), metrics 9.8 s (27), …": each service's pauses between the two readings. */
    static String between(Map<String, double[]> before, Map<String, double[]> after) {
        StringBuilder s = new StringBuilder();
        for (String service : SERVICES) {
            double[] b = before.get(service);
            double[] a = after.get(service);
            if (!s.isEmpty()) {
                s.append(", ");
            }
            s.append(service.replace("-service", "")).append(' ');
            s.append(b[0] < 0 || a[0] < 0 ? "-" : String.format(java.util.Locale.ROOT, "%.1f s (%.0f)", a[0] - b[0], a[1] - b[1]));
        }
        return s.toString();
    }
}
