package vn.izone.bench;

import java.util.Map;

/** RSS of each service at rest, peak under load (the run's sampler) and at the end, beside the JVM's heap limit. */
final class Memory {
    private Map<String, long[]> atRest = Map.of();

    /** The first phase: the three services started, nothing loaded yet; the sampler starts here. */
    Phase atRest() {
        return run -> {
            atRest = run.rss.now();
            run.rss.start();
        };
    }

    /** The last phase: the sampler stops, and each service's three figures become a row. */
    Phase atEnd() {
        return run -> {
            run.rss.close();
            Map<String, long[]> end = run.rss.now();
            for (String service : RssSampler.SERVICES) {
                long[] rest = atRest.getOrDefault(service, new long[]{0, 0});
                long peak = run.rss.peakKb(service);
                long[] now = end.getOrDefault(service, new long[]{0, 0});
                run.results.put("rss." + service, Map.of("atRestKb", rest[0], "peakUnderLoadKb", peak, "endKb", now[0], "endHwmKb", now[1]));
                run.results.row("RSS of " + service + " (MiB, at rest / peak under load / end)", rest[0] / 1024 + " / " + peak / 1024 + " / " + now[0] / 1024,
                        "JVM heap limit (-Xmx)", "512", "-");
            }
        };
    }
}
