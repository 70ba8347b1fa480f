package vn.izone.bench;

import vn.izone.suite.Suite;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * After the catch-up has applied the backlog, how long until every scope is published (metrics' own gauges: no scope
 * due, no unpublished change). A burst dirties every scope of the country, and publishing them is what a board waits
 * for after a province's upload; the freshness phases that follow then measure the steady rate they offer, not the
 * tail of this burst (until session 7 they ran into it, and their p99 was the burst's).
 */
final class PublishingSettled implements Phase {
    @Override
    public void run(Run run) throws Exception {
        Instant start = Instant.now();
        Instant deadline = start.plus(run.scale.waitFor());
        double due = -1;
        double oldest = -1;
        while (Instant.now().isBefore(deadline)) {
            due = gauge(run, "izone_indicators_due_scopes");
            oldest = gauge(run, "izone_indicators_oldest_unpublished_seconds");
            if (due == 0 && oldest == 0) {
                break;
            }
            Thread.sleep(250);
        }
        boolean settled = due == 0 && oldest == 0;
        long ms = Duration.between(start, Instant.now()).toMillis();
        run.results.put("publishingSettledAfterCatchUp", Map.of("settled", settled, "ms", ms, "dueScopesAtEnd", due));
        run.results.row("Every scope published after the catch-up applied its last event (ms; metrics' gauges: no scope due,"
                        + " no change unpublished)" + (settled ? "" : "; NOT settled, " + (long) due + " scopes still due"),
                Long.toString(ms), "-", "-", "-");
        Bench.say("publishing " + (settled ? "settled" : "NOT settled") + " " + ms + " ms after the catch-up" + (settled ? "" : " (" + due + " due)"));
    }

    /** One gauge of metrics' scrape; -1 while it does not answer. */
    private static double gauge(Run run, String name) {
        List<String> samples = run.http.scrape(run.url(Suite.METRICS), name);
        if (samples == null || samples.isEmpty()) {
            return -1;
        }
        return samples.stream().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{")).mapToDouble(Http::value).sum();
    }
}
