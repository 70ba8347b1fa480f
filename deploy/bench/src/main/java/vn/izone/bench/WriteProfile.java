package vn.izone.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vn.izone.suite.Suite;
import vn.izone.suite.SuiteConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The registry's single-write path in its steady state (issue #15), apart from the JIT's warm-up that the bench's
 * load-phase figure includes: {@code deploy/bench/profile-writes.sh [--zones N] [--warmup N] [--writes N] [--jfr DIR]}.
 * <p>
 * Starts the suite, stops metrics and reporting (nothing consumes), registers the zones one by one, then with 8 writers
 * a warm-up of single project {@code POST}s (not measured), then {@code --writes} measured {@code POST}s and as many
 * {@code PUT}s with {@code If-Match} on the projects just registered. For each measured stage: rate, p50/p99 latency,
 * the registry's CPU per write from {@code /proc/<pid>/stat}, its CPU by thread group from {@code /proc/<pid>/task}
 * (JIT compiler threads apart from request threads), and the statements per write from {@code pg_stat_statements}.
 * With {@code --jfr DIR} a JFR recording ({@code settings=profile}) of each measured stage is written there
 * ({@code jcmd}), for {@code jfr print --events jdk.ExecutionSample}. Bounded in count and time; loopback only.
 */
public final class WriteProfile {
    private static final int WRITERS = 8;
    /** The paced stage's rate: the national bench's first freshness phase offers as many updates per second. */
    private static final int PACED_RATE = 200;

    private WriteProfile() {
    }

    public static void main(String[] args) throws Exception {
        int zones = 300;
        int warmup = 6_000;
        int writes = 4_000;
        Path jfr = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--zones" -> zones = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--writes" -> writes = Integer.parseInt(args[++i]);
                case "--jfr" -> jfr = Path.of(args[++i]).toAbsolutePath();
                default -> throw new IllegalArgumentException("usage: profile-writes.sh [--zones N] [--warmup N] [--writes N] [--jfr DIR]");
            }
        }
        Path root = Path.of(System.getProperty("izone.root", ".")).toAbsolutePath().normalize();
        Path data = Files.createTempDirectory("izone-write-profile");
        Bench.say("write profile: " + zones + " zones, warm-up " + warmup + " POSTs, then " + writes + " POSTs and " + writes
                + " PUTs measured, " + WRITERS + " writers (data in " + data + ")");
        try (Suite suite = Suite.start(SuiteConfig.forTests(root, data), line -> Bench.say("  " + line))) {
            suite.stop(Suite.METRICS);
            suite.stop(Suite.REPORTING);
            new WriteProfile.Session(suite, root, zones, warmup, writes, jfr).run();
        }
        System.exit(0);
    }

    private static final class Session {
        private final Suite suite;
        private final Http http;
        private final Dataset dataset;
        private final int warmup;
        private final int writes;
        private final Path jfr;
        private final long pid;
        private final String registry;
        private final List<String> zoneIds;
        private final List<Tracked> projects = Collections.synchronizedList(new ArrayList<>());
        private final Instant deadline = Instant.now().plus(Duration.ofMinutes(25));

        Session(Suite suite, Path root, int zones, int warmup, int writes, Path jfr) throws IOException {
            this.suite = suite;
            this.http = new Http(suite.tokens().registrar("write-profile@suite"));
            // Enough projects per zone that each zone's leased land never overflows (shares of the zone's land).
            this.dataset = new Dataset(root, zones, (warmup + writes) * 2, 0);
            this.warmup = warmup;
            this.writes = writes;
            this.jfr = jfr;
            this.pid = suite.service(Suite.REGISTRY).pid();
            this.registry = suite.url(Suite.REGISTRY);
            this.zoneIds = new ArrayList<>(Collections.nCopies(dataset.zones.size(), (String) null));
        }

        void run() throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
            try {
                Stage zones = stage(pool, "zones", dataset.zones.size(), i -> {
                    Dataset.ZonePlan z = dataset.zones.get(i);
                    Http.Result r = post(registry + "/api/v1/zones", dataset.zone(z), "wp-zone-" + z.n());
                    zoneIds.set(z.n(), r.json().path("id").asText());
                    return r.status();
                }, null);
                report(zones);
                List<int[]> plan = plan(warmup + writes);
                // The warm-up in rounds of at most 3,000, each reported: how the JIT's share falls off.
                for (int from = 0; from < warmup; from += 3_000) {
                    int base = from;
                    int count = Math.min(3_000, warmup - from);
                    report(stage(pool, "warm-up POST " + (from + 1) + "-" + (from + count), count, i -> registerProject(plan.get(base + i)), null));
                }
                List<Tracked> warmed = new ArrayList<>(projects);
                report(stage(pool, "POST /api/v1/zones/{id}/projects", writes, i -> registerProject(plan.get(warmup + i)), "post"));
                List<Tracked> measured;
                synchronized (projects) {
                    measured = new ArrayList<>(projects.subList(warmed.size(), projects.size()));
                }
                int warmPuts = Math.min(warmed.size(), warmup / 2);
                report(stage(pool, "warm-up PUT", warmPuts, i -> update(warmed.get(i)), null));
                report(stage(pool, "PUT /api/v1/projects/{id}", measured.size(), i -> update(measured.get(i)), "put"));
                // The relay at the freshness phase's rate (issue #15: commit -> on Kafka <= 20 / 100 ms), the registry's own
                // timer over this stage only; paced, since a closed loop of 8 writers is a burst, not a rate.
                Stages relay = new Stages(http, suite::url, Stages.RELAY);
                Stages.Snapshot before = relay.now();
                Stage paced = stage(pool, "PUT at " + PACED_RATE + "/s", Math.min(measured.size(), PACED_RATE * 20),
                        i -> update(measured.get(i)), null, PACED_RATE);
                report(paced);
                Bench.say("relay at " + PACED_RATE + "/s, p50 / p99 ms: " + Stages.describe(relay.between(before, relay.now())));
            } finally {
                pool.shutdownNow();
            }
        }

        /** {zone, project index in the zone, number}: round-robin over the zones that take projects. */
        private List<int[]> plan(int count) {
            List<int[]> plan = new ArrayList<>();
            int number = 0;
            for (int round = 0; plan.size() < count && round < 10_000; round++) {
                for (Dataset.ZonePlan z : dataset.zones) {
                    if (round < z.projects() && plan.size() < count) {
                        plan.add(new int[]{z.n(), round, number++});
                    }
                }
            }
            return plan;
        }

        private int registerProject(int[] p) throws InterruptedException {
            Dataset.ZonePlan z = dataset.zones.get(p[0]);
            ObjectNode body = dataset.project(z, p[1], p[2]);
            Http.Result r = post(registry + "/api/v1/zones/" + zoneIds.get(p[0]) + "/projects", body, "wp-project-" + p[2]);
            JsonNode view = r.json();
            projects.add(new Tracked(view.path("id").asText(), zoneIds.get(p[0]), body, view.path("revision").asLong()));
            return r.status();
        }

        private int update(Tracked t) {
            ObjectNode body = t.body.deepCopy();
            body.put("workers", body.path("workers").asInt() + 1);
            Http.Result r = http.send("PUT", registry + "/api/v1/projects/" + t.id, body.toString(),
                    Map.of("If-Match", "\"" + t.revision + "\""));
            if (r.status() != 200) {
                throw new IllegalStateException("PUT " + t.id + " answered " + r.status() + " " + r.text());
            }
            t.revision = r.json().path("revision").asLong();
            return r.status();
        }

        /** Retried while the registry answers 5xx or nothing, until the deadline; a 4xx is this tool's bug. */
        private Http.Result post(String url, ObjectNode body, String key) throws InterruptedException {
            while (true) {
                Http.Result r = http.send("POST", url, body.toString(), Map.of("Idempotency-Key", key));
                if (r.status() == 201 || r.status() == 200) {
                    return r;
                }
                if (r.status() >= 400 && r.status() < 500 || Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("POST " + url + " answered " + r.status() + " " + r.text());
                }
                Thread.sleep(200);
            }
        }

        interface Write {
            int run(int i) throws Exception;
        }

        record Stage(String name, int count, double seconds, long cpuMs, Map<String, Long> threadCpuMs, long[] latenciesMicros,
                     List<Statements.Top> statements, double loadBefore, double loadAfter) {
        }

        private Stage stage(ExecutorService pool, String name, int count, Write write, String jfrName) throws Exception {
            return stage(pool, name, count, write, jfrName, 0);
        }

        /** {@code rate}: writes per second the writers hold together (each write starts at its turn), or 0: as fast as they go. */
        private Stage stage(ExecutorService pool, String name, int count, Write write, String jfrName, int rate) throws Exception {
            Statements db = new Statements(suite.jdbcUrl("registry"), suite.postgresUser(), suite.postgresPassword());
            db.reset();
            if (jfr != null && jfrName != null) {
                Files.createDirectories(jfr);
                Jfr.start(pid, jfrName, jfr.resolve(jfrName + ".jfr"));
            }
            double loadBefore = Cpu.loadAverage();
            Map<String, Long> threadsBefore = threadCpu(pid);
            long cpuBefore = processCpu(pid);
            long[] latencies = new long[count];
            AtomicInteger next = new AtomicInteger();
            Instant start = Instant.now();
            long startNanos = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                done.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        if (rate > 0) {
                            long due = startNanos + i * 1_000_000_000L / rate;
                            long wait = due - System.nanoTime();
                            if (wait > 0) {
                                java.util.concurrent.TimeUnit.NANOSECONDS.sleep(wait);
                            }
                        }
                        long t0 = System.nanoTime();
                        write.run(i);
                        latencies[i] = (System.nanoTime() - t0) / 1_000;
                    }
                    return null;
                }));
            }
            Run.waitAll(done);
            double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
            long cpu = processCpu(pid) - cpuBefore;
            Map<String, Long> threads = threadCpu(pid);
            threads.replaceAll((group, ms) -> ms - threadsBefore.getOrDefault(group, 0L));
            if (jfr != null && jfrName != null) {
                Jfr.stop(pid, jfrName);
            }
            return new Stage(name, count, seconds, cpu, threads, latencies, db.top(12), loadBefore, Cpu.loadAverage());
        }

        private void report(Stage s) {
            long[] sorted = s.latenciesMicros().clone();
            java.util.Arrays.sort(sorted);
            Bench.say("");
            Bench.say(String.format(Locale.ROOT, "## %s: %d in %.1f s = %.0f/s; registry CPU %.2f ms per write; p50 %.1f ms, "
                            + "p99 %.1f ms; load average %.1f -> %.1f", s.name(), s.count(), s.seconds(), s.count() / s.seconds(),
                    s.cpuMs() / (double) s.count(), sorted[sorted.length / 2] / 1000.0, sorted[(int) (sorted.length * 0.99)] / 1000.0,
                    s.loadBefore(), s.loadAfter()));
            StringBuilder threads = new StringBuilder("registry CPU ms per write by thread group:");
            s.threadCpuMs().entrySet().stream().filter(e -> e.getValue() > 0)
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(e -> threads.append(String.format(Locale.ROOT, " %s %.3f;", e.getKey(), e.getValue() / (double) s.count())));
            Bench.say(threads.toString());
            for (String line : Statements.table("registry statements", s.statements(), s.count(), "write")) {
                Bench.say(line);
            }
        }
    }

    /** User + system CPU of a process, in ms. */
    static long processCpu(long pid) throws IOException {
        String[] f = stat(Path.of("/proc/" + pid));
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
    }

    /** CPU ms so far of the process's threads, by group: thread names with their numbers folded ("C2 CompilerThre#"). */
    static Map<String, Long> threadCpu(long pid) throws IOException {
        Map<String, Long> groups = new TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("\\d+", "#");
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    groups.merge(name, (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10, Long::sum);
                } catch (IOException | RuntimeException gone) {
                    // a thread that ended meanwhile
                }
            }
        }
        return groups;
    }

    private static String[] stat(Path process) throws IOException {
        String stat = Files.readString(process.resolve("stat"));
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }
}
