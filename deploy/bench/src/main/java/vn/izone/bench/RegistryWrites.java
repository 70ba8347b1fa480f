package vn.izone.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vn.izone.suite.Suite;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The register loaded through the public API with metrics stopped (so that its backlog can be timed later): zones one
 * by one, then the first projects one by one (single-write throughput), then the rest of the projects and every
 * report per zone through the batch endpoints (split at the API's 1,000-item bound); both rates beside the JDBC loop.
 */
final class RegistryWrites implements Phase {
    private static final int BATCH_LIMIT = 1_000;

    private final Dataset dataset;
    private final JdbcBaseline jdbc;
    /** Every project accepted, for the freshness phases to update. */
    private final List<Tracked> projects = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong lastProgress = new AtomicLong();
    private double overallRate;

    RegistryWrites(Dataset dataset, JdbcBaseline jdbc) {
        this.dataset = dataset;
        this.jdbc = jdbc;
    }

    /** The projects as last accepted: synchronize on the list to iterate it. */
    List<Tracked> projects() {
        return projects;
    }

    /** Records accepted per second over the whole load, zones to the last batch. */
    double overallRate() {
        return overallRate;
    }

    @Override
    public void run(Run run) throws Exception {
        Scale scale = run.scale;
        run.suite.stop(Suite.METRICS);
        Load load = load(run);
        overallRate = load.overallRate();
        String limit = "JDBC single-row insert loop, same PostgreSQL, " + scale.writers() + " threads";
        run.results.row("Registry single writes (projects/s, " + scale.writers() + " writers, POST with Idempotency-Key, "
                        + scale.singleWrites() + " projects, " + String.format(Locale.ROOT, "%.1f", load.cpuMsPerSingle())
                        + " ms registry CPU each; zones before them: " + Results.fmt(load.zoneRate()) + "/s)", Results.fmt(load.singleRate()),
                limit, Results.fmt(jdbc.rate()), Results.ratio(load.singleRate(), jdbc.rate()));
        run.results.row("Registry batch writes (records/s, " + scale.writers() + " writers, projects/batch + reports/batch, "
                        + Results.fmt(load.itemsPerBatch()) + " items per batch on average, " + String.format(Locale.ROOT, "%.2f", load.cpuMsPerBatched())
                        + " ms registry CPU each)", Results.fmt(load.batchRate()),
                limit, Results.fmt(jdbc.rate()), Results.ratio(load.batchRate(), jdbc.rate()));
    }

    private record Load(double zoneRate, double singleRate, double batchRate, double itemsPerBatch, double overallRate,
                        double cpuMsPerSingle, double cpuMsPerBatched) {
    }

    /** When a stage of the load ended, and the registry's CPU time (ms) then: what its rate and CPU per record count from. */
    private record Mark(Instant at, long cpuMs) {
        static Mark now(Run run) {
            return new Mark(Instant.now(), run.cpu.millis(Suite.REGISTRY));
        }
    }

    /** A stage of the load: its tasks on the writers' pool, all waited for. */
    private static Mark stage(Run run, ExecutorService pool, List<Callable<Void>> tasks) throws Exception {
        List<Future<?>> done = new ArrayList<>();
        for (Callable<Void> task : tasks) {
            done.add(pool.submit(task));
        }
        Run.waitAll(done);
        return Mark.now(run);
    }

    private Load load(Run run) throws Exception {
        Scale scale = run.scale;
        String registry = run.url(Suite.REGISTRY);
        ExecutorService pool = Executors.newFixedThreadPool(scale.writers());
        List<String> zoneIds = new ArrayList<>(Collections.nCopies(dataset.zones.size(), (String) null));
        AtomicInteger accepted = new AtomicInteger();
        Mark start = Mark.now(run);
        Instant deadline = start.at().plus(Duration.ofMinutes(scale.name().equals("small") ? 8 : 20));
        List<Callable<Void>> zoneWrites = new ArrayList<>();
        for (Dataset.ZonePlan z : dataset.zones) {
            zoneWrites.add(() -> {
                JsonNode body = postUntilAccepted(run.http, registry + "/api/v1/zones", dataset.zone(z), "bench-zone-" + z.n(), deadline);
                zoneIds.set(z.n(), body.path("id").asText());
                accepted.incrementAndGet();
                return null;
            });
        }
        Mark zonesEnd = stage(run, pool, zoneWrites);
        int zonesAccepted = accepted.get();
        double zoneRate = Results.perSecond(zonesAccepted, start.at(), zonesEnd.at());
        Bench.say("  " + dataset.zones.size() + " zones registered, " + Results.fmt(zoneRate) + "/s");
        Statements registryDb = run.statements("registry");
        registryDb.reset();
        // Which projects go one by one: the first of each zone in turn, until singleWrites.
        List<int[]> single = new ArrayList<>(); // {zone, project index in zone, number}
        int[] firstBatched = new int[dataset.zones.size()];
        int number = 0;
        int[] numberBase = new int[dataset.zones.size()];
        for (Dataset.ZonePlan z : dataset.zones) {
            numberBase[z.n()] = number;
            number += z.projects();
        }
        for (int round = 0; single.size() < scale.singleWrites() && round < 1_000; round++) {
            for (Dataset.ZonePlan z : dataset.zones) {
                if (round < z.projects() && single.size() < scale.singleWrites()) {
                    single.add(new int[]{z.n(), round, numberBase[z.n()] + round});
                    firstBatched[z.n()] = round + 1;
                }
            }
        }
        List<Callable<Void>> singleWrites = new ArrayList<>();
        for (int[] s : single) {
            singleWrites.add(() -> {
                Dataset.ZonePlan z = dataset.zones.get(s[0]);
                ObjectNode p = dataset.project(z, s[1], s[2]);
                JsonNode body = postUntilAccepted(run.http, registry + "/api/v1/zones/" + zoneIds.get(s[0]) + "/projects", p, "bench-project-" + s[2], deadline);
                projects.add(new Tracked(body.path("id").asText(), zoneIds.get(s[0]), p, body.path("revision").asLong()));
                accepted.incrementAndGet();
                return null;
            });
        }
        Mark singleEnd = stage(run, pool, singleWrites);
        int singles = accepted.get() - zonesAccepted;
        double singleRate = Results.perSecond(singles, zonesEnd.at(), singleEnd.at());
        Bench.say("registry single writes: " + singles + " projects accepted, " + Results.fmt(singleRate) + "/s (zones: "
                + Results.fmt(zoneRate) + "/s)");
        run.results.profile("Registry, single project writes", registryDb, singles, "write");

        // Batches: the remaining projects of each zone, then its reports.
        AtomicInteger batched = new AtomicInteger();
        AtomicInteger batches = new AtomicInteger();
        Instant batchStart = Instant.now();
        List<Callable<Void>> batchWrites = new ArrayList<>();
        for (Dataset.ZonePlan z : dataset.zones) {
            String zoneId = zoneIds.get(z.n());
            batchWrites.add(() -> {
                List<ObjectNode> items = new ArrayList<>();
                for (int i = firstBatched[z.n()]; i < z.projects(); i++) {
                    items.add(dataset.project(z, i, numberBase[z.n()] + i));
                }
                for (int from = 0; from < items.size(); from += BATCH_LIMIT) {
                    List<ObjectNode> part = items.subList(from, Math.min(items.size(), from + BATCH_LIMIT));
                    JsonNode created = postBatch(run.http, registry + "/api/v1/zones/" + zoneId + "/projects/batch", part,
                            "bench-projects-" + z.n() + "-" + from, deadline);
                    for (int i = 0; i < part.size(); i++) {
                        JsonNode view = created.path("items").get(i);
                        projects.add(new Tracked(view.path("id").asText(), zoneId, part.get(i), view.path("revision").asLong()));
                    }
                    progress(batched.addAndGet(part.size()));
                    batches.incrementAndGet();
                }
                if (z.takesReports()) {
                    List<ObjectNode> reports = dataset.reports(z);
                    postBatch(run.http, registry + "/api/v1/zones/" + zoneId + "/reports/batch", reports, "bench-reports-" + z.n(), deadline);
                    progress(batched.addAndGet(reports.size()));
                    batches.incrementAndGet();
                }
                return null;
            });
        }
        Mark end = stage(run, pool, batchWrites);
        pool.shutdown();
        double batchRate = Results.perSecond(batched.get(), batchStart, end.at());
        double overall = Results.perSecond(accepted.get() + batched.get(), start.at(), end.at());
        double perBatch = batched.get() / (double) Math.max(1, batches.get());
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("zones", zonesAccepted);
        figures.put("zonesPerSecond", zoneRate);
        figures.put("singleProjects", singles);
        figures.put("singleSeconds", Duration.between(zonesEnd.at(), singleEnd.at()).toMillis() / 1000.0);
        figures.put("singleProjectsPerSecond", singleRate);
        figures.put("batchedRecords", batched.get());
        figures.put("batches", batches.get());
        figures.put("batchSeconds", Duration.between(batchStart, end.at()).toMillis() / 1000.0);
        figures.put("batchRecordsPerSecond", batchRate);
        // CPU the registry process spent per accepted record: less at the mercy of other load on the machine than a rate.
        figures.put("registryCpuMsPerZone", (zonesEnd.cpuMs() - start.cpuMs()) / (double) Math.max(1, zonesAccepted));
        figures.put("registryCpuMsPerSingleProject", (singleEnd.cpuMs() - zonesEnd.cpuMs()) / (double) Math.max(1, singles));
        figures.put("registryCpuMsPerBatchedRecord", (end.cpuMs() - singleEnd.cpuMs()) / (double) Math.max(1, batched.get()));
        figures.put("writers", scale.writers());
        figures.put("loadAverageAfterLoad", Cpu.loadAverage());
        run.results.put("registry", figures);
        Bench.say("registry batch writes: " + batched.get() + " records in " + batches.get() + " batches, " + Results.fmt(batchRate) + "/s; registry CPU ms "
                + "per zone / single project / batched record: " + String.format(Locale.ROOT, "%.1f / %.1f / %.2f",
                figures.get("registryCpuMsPerZone"), figures.get("registryCpuMsPerSingleProject"), figures.get("registryCpuMsPerBatchedRecord")));
        return new Load(zoneRate, singleRate, batchRate, perBatch, overall,
                (double) figures.get("registryCpuMsPerSingleProject"), (double) figures.get("registryCpuMsPerBatchedRecord"));
    }

    private static JsonNode postBatch(Http http, String url, List<ObjectNode> items, String key, Instant deadline) throws InterruptedException {
        ObjectNode body = Http.JSON.createObjectNode();
        body.putArray("items").addAll(items);
        return postUntilAccepted(http, url, body, key, deadline);
    }

    /** Retried while the registry answers 5xx or not at all (it may be busy), until the deadline; a 4xx is the bench's bug. */
    private static JsonNode postUntilAccepted(Http http, String url, ObjectNode body, String key, Instant deadline) throws InterruptedException {
        while (true) {
            Http.Result r = http.send("POST", url, body.toString(), Map.of("Idempotency-Key", key));
            if (r.status() == 201 || r.status() == 200) {
                return r.json();
            }
            if (r.status() >= 400 && r.status() < 500 || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("POST " + url + " answered " + r.status() + " " + r.text());
            }
            Thread.sleep(200);
        }
    }

    private void progress(int count) {
        long now = System.currentTimeMillis();
        long last = lastProgress.get();
        if (now - last > 5_000 && lastProgress.compareAndSet(last, now)) {
            Bench.say("  " + count + " records accepted in batches");
        }
    }
}
