package vn.izone.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vn.izone.suite.Suite;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One freshness probe: +1 worker on a project of a zone only this probe changes, then the time from the registry's
 * 2xx until reporting shows it, in its zone rollup (polled) and on an open SSE stream (pushed).
 */
final class Probe {
    private static final long BOUND_SECONDS = 30;

    private final Run run;
    private final List<Tracked> projects;
    private final LiveStream live;
    private final String registry;
    private final String reporting;

    Probe(Run run, List<Tracked> projects, LiveStream live) {
        this.run = run;
        this.projects = projects;
        this.live = live;
        this.registry = run.url(Suite.REGISTRY);
        this.reporting = run.url(Suite.REPORTING);
    }

    /**
     * {ms to the zone rollup, ms to the SSE event}, each -1 if not in 30 s. The rollup is polled until it shows the
     * zone's workers as the registry now has them (the sum over the zone's active projects, which only this probe
     * thread changes). The expected figure is absolute: while metrics still works through a backlog the zone's
     * earlier changes arrive too, and a relative "+1" would never be seen.
     */
    long[] once(Tracked t) throws Exception {
        ObjectNode body = t.body.deepCopy();
        body.put("workers", body.path("workers").asInt() + 1);
        long willHave;
        synchronized (projects) {
            willHave = projects.stream().filter(o -> o.zoneId.equals(t.zoneId) && o.active() && o != t)
                    .mapToLong(o -> o.body.path("workers").asLong()).sum() + (t.active() ? body.path("workers").asLong() : 0);
        }
        CompletableFuture<Long> pushed = live.expect(t.zoneId, willHave);
        Http.Result r = run.http.send("PUT", registry + "/api/v1/projects/" + t.id, body.toString(), Map.of("If-Match", "\"" + t.revision + "\""));
        if (r.status() != 200) {
            throw new IllegalStateException("probe update answered " + r.status() + " " + r.text());
        }
        long accepted = System.nanoTime();
        t.revision = r.json().path("revision").asLong();
        t.body.put("workers", body.path("workers").asInt());
        long expected;
        synchronized (projects) {
            expected = projects.stream().filter(o -> o.zoneId.equals(t.zoneId) && o.active())
                    .mapToLong(o -> o.body.path("workers").asLong()).sum();
        }
        long deadline = accepted + TimeUnit.SECONDS.toNanos(BOUND_SECONDS);
        long rest = -1;
        while (System.nanoTime() < deadline) {
            if (rollupWorkers(t.zoneId) == expected) {
                rest = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - accepted);
                break;
            }
            Thread.sleep(10);
        }
        if (rest < 0) {
            Bench.say("  probe not visible in 30 s: zone " + t.zoneId + " expected workers " + expected + "; reporting shows "
                    + rollupWorkers(t.zoneId) + ", metrics " + metricsWorkers(t.zoneId)
                    + ", the registry's active projects sum to " + registryWorkers(t.zoneId));
        }
        long sse = -1;
        try {
            long at = pushed.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            sse = TimeUnit.NANOSECONDS.toMillis(Math.max(0, at - accepted));
        } catch (TimeoutException notSeen) {
            // counted as not seen
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
        return new long[]{rest, sse};
    }

    /** The zone's workers in reporting's zone rollup; -1 while it does not answer 200. */
    private long rollupWorkers(String zoneId) {
        Http.Result r = run.http.get(reporting + "/api/v1/rollups/zones/" + zoneId);
        return r.status() == 200 ? workers(r) : -1;
    }

    /** The zone's workers in metrics' indicators, or minus the status it answered (said when a probe is not seen). */
    private long metricsWorkers(String zoneId) {
        Http.Result r = run.http.get(run.url(Suite.METRICS) + "/api/v1/indicators/zone/" + zoneId);
        return r.status() == 200 ? workers(r) : -r.status();
    }

    private static long workers(Http.Result figures) {
        return figures.json().path("employment").path("workers").asLong(-1);
    }

    /** What the register itself says: the workers of the zone's active projects, from the registry's API. */
    private long registryWorkers(String zoneId) {
        Http.Result r = run.http.get(registry + "/api/v1/zones/" + zoneId + "/projects");
        if (r.status() != 200) {
            return -r.status();
        }
        long sum = 0;
        for (JsonNode p : r.json()) {
            if (Tracked.active(p.path("status").asText())) {
                sum += p.path("workers").asLong();
            }
        }
        return sum;
    }
}
