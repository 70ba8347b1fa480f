package vn.izone.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import vn.izone.suite.Suite;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * End-to-end freshness at one steady offered rate, open loop, for the scale's steady time: registry 2xx to the figure
 * in reporting's zone rollup and on its live SSE stream ({@link Probe}); with the outbox relay's own latency over the
 * same time and what PostgreSQL spent on it in the registry and in metrics.
 */
final class Freshness implements Phase {
    private static final int PROBE_THREADS = 4;
    private static final int IN_FLIGHT = 256;

    private final int rate;
    private final RegistryWrites writes;

    Freshness(int rate, RegistryWrites writes) {
        this.rate = rate;
        this.writes = writes;
    }

    private record Outcome(double achieved, int probes, long p50, long p99, int notVisible, long outboxBacklog, long metricsBacklog,
                           int sseProbes, long sseP50, long sseP99, int sseNotSeen) {
    }

    @Override
    public void run(Run run) throws Exception {
        Duration steady = run.scale.steady();
        Statements registryDb = run.statements("registry");
        Statements metricsDb = run.statements("metrics");
        Statements reportingDb = run.statements("reporting");
        registryDb.reset();
        metricsDb.reset();
        reportingDb.reset();
        Stages stages = new Stages(run, Stages.FRESHNESS);
        Stages.Snapshot before = stages.now();
        java.nio.file.Path jfr = Jfr.dir();
        String recording = "freshness" + rate;
        if (jfr != null) {
            java.nio.file.Files.createDirectories(jfr);
            for (String service : List.of(Suite.REGISTRY, Suite.METRICS, Suite.REPORTING)) {
                Jfr.start(run.suite.service(service).pid(), recording, jfr.resolve(service + "-" + recording + ".jfr"));
            }
        }
        Map<String, double[]> gcBefore = GcPauses.now(run);
        long[] cpuBefore = {run.cpu.millis(Suite.REGISTRY), run.cpu.millis(Suite.METRICS), run.cpu.millis(Suite.REPORTING), run.cpu.postgresMillis()};
        long wallBefore = System.nanoTime();
        Outcome f = offer(run, steady);
        long wallMs = (System.nanoTime() - wallBefore) / 1_000_000;
        long[] cpu = {run.cpu.millis(Suite.REGISTRY) - cpuBefore[0], run.cpu.millis(Suite.METRICS) - cpuBefore[1],
                run.cpu.millis(Suite.REPORTING) - cpuBefore[2], run.cpu.postgresMillis() - cpuBefore[3]};
        if (jfr != null) {
            for (String service : List.of(Suite.REGISTRY, Suite.METRICS, Suite.REPORTING)) {
                Jfr.stop(run.suite.service(service).pid(), recording);
            }
        }
        List<Stages.Figure> breakdown = stages.between(before, stages.now());
        String gc = GcPauses.between(gcBefore, GcPauses.now(run));
        long updates = Math.round(f.achieved() * steady.toSeconds());
        run.results.profile("Registry, updates at " + Results.fmt(rate) + "/s offered", registryDb, updates, "update");
        run.results.profile("Metrics, at " + Results.fmt(rate) + "/s offered (applying and publishing)", metricsDb, updates, "update");
        run.results.profile("Reporting, at " + Results.fmt(rate) + "/s offered (storing snapshots)", reportingDb, updates, "update");
        double[] relayMs = relayLatencyMs(run);
        run.results.put("relayLatency" + rate, Map.of("p50Ms", relayMs[0], "p99Ms", relayMs[1]));
        run.results.row("Outbox relay, an event's outbox row -> acknowledged by Kafka, p50 / p99 (ms, registry's timer over its last"
                        + " minutes) at " + Results.fmt(rate) + " changes/s offered",
                Results.pair(relayMs[0], relayMs[1], 1), "goal (issue #15)", "20 / 100", "-");
        run.results.row("End-to-end freshness p50 / p99 (ms, registry 2xx -> reporting zone rollup) at " + Results.fmt(rate) + " changes/s offered for "
                        + steady.toSeconds() + " s: achieved " + Results.fmt(f.achieved()) + "/s, " + f.probes() + " probes"
                        + (f.notVisible() > 0 ? ", " + f.notVisible() + " not visible within 30 s" : "")
                        + "; backlog after: outbox " + f.outboxBacklog() + ", metrics " + f.metricsBacklog() + " events",
                f.p50() + " / " + f.p99(), "goal (issue #13)", "150 / 500", "-");
        // where the two cores went over the phase: CPU per accepted update, by process (the probes' updates are few)
        double accepted = Math.max(1, f.achieved() * wallMs / 1000.0);
        run.results.put("freshnessCpu" + rate, Map.of("registryMs", cpu[0], "metricsMs", cpu[1], "reportingMs", cpu[2],
                "postgresMs", cpu[3], "wallMs", wallMs));
        run.results.row("  CPU per accepted update at " + Results.fmt(rate) + "/s offered (ms): registry / metrics / reporting / PostgreSQL;"
                        + " their share of the 2 cores over the phase", String.format(java.util.Locale.ROOT, "%.1f / %.1f / %.1f / %.1f; %.0f %%",
                        cpu[0] / accepted, cpu[1] / accepted, cpu[2] / accepted, cpu[3] / accepted,
                        100.0 * (cpu[0] + cpu[1] + cpu[2] + cpu[3]) / (wallMs * (double) Runtime.getRuntime().availableProcessors())),
                "-", "-", "-");
        run.results.put("freshnessGcPauses" + rate, gc);
        run.results.row("  collector pauses over the phase at " + Results.fmt(rate) + "/s offered (s paused, pauses; Micrometer's"
                + " jvm_gc_pause_seconds): " + gc, "-", "-", "-", "-");
        Bench.say("  collector pauses at " + rate + "/s: " + gc);
        run.results.put("freshnessStages" + rate, breakdown);
        Bench.say("  where the time went at " + rate + "/s (p50 / p99 ms): " + Stages.describe(breakdown));
        for (Stages.Figure stage : breakdown) {
            run.results.row("  stage " + stage.label() + ", p50 / p99 (ms, " + stage.samples() + " samples, mean "
                            + Results.fmt(stage.meanMs()) + ", " + Results.fmt(stage.totalMs() / 1000) + " s in all) at "
                            + Results.fmt(rate) + " changes/s offered",
                    Results.pair(stage.p50Ms(), stage.p99Ms(), 0), "-", "-", "-");
        }
        run.results.row("The same through an open SSE stream (ms, registry 2xx -> /api/v1/rollups/live event) at " + Results.fmt(rate) + " changes/s offered: "
                        + f.sseProbes() + " probes" + (f.sseNotSeen() > 0 ? ", " + f.sseNotSeen() + " not seen within 30 s" : ""),
                f.sseP50() + " / " + f.sseP99(), "goal (issue #13), p99", "500", "-");
    }

    /**
     * {@code rate} changes/s offered for {@code duration}, open loop: a pacer sends each update at its scheduled time
     * whether or not earlier ones were answered (bounded in flight; what the bound refuses is counted, not retried).
     * The updates are PUTs with If-Match on projects outside the probe zones; 4 probe threads meanwhile update a
     * project of their own zone and time 2xx -> the zone's workers moved by one in reporting's zone rollup.
     */
    private Outcome offer(Run run, Duration duration) throws Exception {
        String registry = run.url(Suite.REGISTRY);
        String reporting = run.url(Suite.REPORTING);
        List<Tracked> projects = writes.projects();
        // Probe zones: the zones of the first active projects found in 4 distinct zones.
        List<String> probeZones = new ArrayList<>();
        List<Tracked> probeProjects = new ArrayList<>();
        synchronized (projects) {
            for (Tracked t : projects) {
                if (t.active() && !probeZones.contains(t.zoneId) && probeZones.size() < PROBE_THREADS) {
                    probeZones.add(t.zoneId);
                    probeProjects.add(t);
                }
            }
        }
        ConcurrentLinkedQueue<Tracked> idle = new ConcurrentLinkedQueue<>();
        synchronized (projects) {
            projects.stream().filter(t -> !probeZones.contains(t.zoneId)).forEach(idle::add);
        }
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).executor(Executors.newFixedThreadPool(4)).build();
        List<Long> samples = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger notVisible = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService probes = Executors.newFixedThreadPool(PROBE_THREADS);
        List<Future<?>> done = new ArrayList<>();
        List<Long> sseSamples = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger sseNotSeen = new AtomicInteger();
        LiveStream live = new LiveStream(reporting);
        Probe probe = new Probe(run, projects, live);
        for (Tracked t : probeProjects) {
            done.add(probes.submit(() -> {
                while (running.get()) {
                    long[] ms = probe.once(t);
                    if (ms[0] < 0) {
                        notVisible.incrementAndGet();
                    } else {
                        samples.add(ms[0]);
                    }
                    if (ms[1] < 0) {
                        sseNotSeen.incrementAndGet();
                    } else {
                        sseSamples.add(ms[1]);
                    }
                    Thread.sleep(50);
                }
                return null;
            }));
        }
        long cpu0 = run.cpu.millis(Suite.REGISTRY);
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long sent = 0;
        for (long due = start; due < end; due += interval) {
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            sent++;
            Tracked t = idle.poll();
            if (t == null || !inFlight.tryAcquire()) {
                refused.incrementAndGet();
                if (t != null) {
                    idle.add(t);
                }
                continue;
            }
            ObjectNode body = t.body.deepCopy();
            body.put("workers", body.path("workers").asInt() + 1);
            // Its own client, asynchronous: the pacer must not wait for an answer.
            HttpRequest request = HttpRequest.newBuilder(URI.create(registry + "/api/v1/projects/" + t.id)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + run.http.bearer()).header("Content-Type", "application/json")
                    .header("If-Match", "\"" + t.revision + "\"")
                    .PUT(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build();
            client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
                if (e == null && r.statusCode() == 200) {
                    t.revision = r.headers().firstValue("ETag").map(v -> Long.parseLong(v.replace("\"", "").replace("W/", ""))).orElse(t.revision + 1);
                    t.body.put("workers", body.path("workers").asInt());
                    ok.incrementAndGet();
                } else {
                    failed.incrementAndGet();
                }
                inFlight.release();
                idle.add(t);
            });
        }
        long offeredNanos = System.nanoTime() - start;
        // Let what is in flight finish (bounded), then stop the probes.
        inFlight.tryAcquire(IN_FLIGHT, 30, TimeUnit.SECONDS);
        inFlight.release(IN_FLIGHT);
        long answeredNanos = System.nanoTime() - start;
        long cpu = run.cpu.millis(Suite.REGISTRY) - cpu0;
        running.set(false);
        Run.waitAll(done);
        probes.shutdown();
        live.close();
        long[] sse = sseSamples.stream().mapToLong(Long::longValue).sorted().toArray();
        long outbox = run.queryLong("registry", "SELECT count(*) FROM outbox_event WHERE published_at IS NULL");
        long metrics = run.queryLong("registry", "SELECT count(*) FROM outbox_event")
                - run.queryLong("metrics", "SELECT coalesce(sum(version), 0) FROM applied_version");
        double achieved = ok.get() * 1e9 / answeredNanos;
        long[] sorted = samples.stream().mapToLong(Long::longValue).sorted().toArray();
        long p50 = Results.percentile(sorted, 50);
        long p99 = Results.percentile(sorted, 99);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("offeredPerSecond", rate);
        r.put("seconds", duration.toSeconds());
        r.put("offered", sent);
        r.put("accepted2xx", ok.get());
        r.put("failed", failed.get());
        r.put("notSentInFlightBound", refused.get());
        r.put("achievedPerSecond", achieved);
        r.put("offeredForSeconds", offeredNanos / 1e9);
        r.put("answeredWithinSeconds", answeredNanos / 1e9);
        r.put("probes", sorted.length);
        r.put("probesNotVisibleWithin30s", notVisible.get());
        r.put("p50Ms", p50);
        r.put("p99Ms", p99);
        r.put("maxMs", sorted.length == 0 ? -1 : sorted[sorted.length - 1]);
        r.put("sse", Map.of("probes", sse.length, "notSeenWithin30s", sseNotSeen.get(), "p50Ms", Results.percentile(sse, 50),
                "p99Ms", Results.percentile(sse, 99), "maxMs", sse.length == 0 ? -1 : sse[sse.length - 1]));
        r.put("registryCpuMsPerAcceptedUpdate", cpu / (double) Math.max(1, ok.get()));
        r.put("outboxBacklogAfter", outbox);
        r.put("metricsBacklogAfter", metrics);
        r.put("loadAverage", Cpu.loadAverage());
        run.results.put("freshness" + rate, r);
        Bench.say("freshness at " + rate + "/s offered: " + ok.get() + " accepted (" + Results.fmt(achieved) + "/s), " + failed.get() + " failed, "
                + refused.get() + " not sent (in-flight bound); " + sorted.length + " probes p50 " + p50 + " ms p99 " + p99
                + " ms, " + notVisible.get() + " not visible; backlog outbox " + outbox + ", metrics " + metrics);
        Bench.say("  through the open SSE stream: " + sse.length + " probes p50 " + Results.percentile(sse, 50) + " ms p99 " + Results.percentile(sse, 99)
                + " ms, " + sseNotSeen.get() + " not seen");
        return new Outcome(achieved, sorted.length, p50, p99, notVisible.get(), outbox, metrics, sse.length,
                Results.percentile(sse, 50), Results.percentile(sse, 99), sseNotSeen.get());
    }

    /** The registry's own timer of the relay (izone.outbox.recorded.to.acknowledged): {p50, p99} in ms, -1 if absent. */
    private static double[] relayLatencyMs(Run run) {
        double[] q = {-1, -1};
        List<String> samples = run.http.scrape(run.url(Suite.REGISTRY), "izone_outbox_recorded_to_acknowledged_seconds{");
        if (samples == null) {
            return q;
        }
        for (String line : samples) {
            int i = line.contains("quantile=\"0.5\"") ? 0 : line.contains("quantile=\"0.99\"") ? 1 : -1;
            if (i >= 0) {
                q[i] = Http.value(line) * 1000;
            }
        }
        return q;
    }
}
