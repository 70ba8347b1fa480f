package vn.izone.bench;

import vn.izone.suite.Suite;
import vn.izone.suite.SuiteConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The suite's load benchmark (deploy/bench/run.sh). Starts the whole suite on this machine (embedded PostgreSQL
 * and Kafka, the three services as processes), loads a generated register through the registry's public API and
 * measures each figure beside a raw limit of the same machine measured in the same run:
 * <ol>
 *   <li>registry single writes vs a plain JDBC single-row insert loop on the same PostgreSQL, same threads; the
 *       batch endpoint's records/s and the outbox relay's events/s beside it;</li>
 *   <li>metrics consumption rate (backlog catch-up) vs a plain KafkaConsumer reading the same topics;</li>
 *   <li>end-to-end freshness (registry 2xx to the figure in reporting's zone rollup) at a steady 200 and
 *       1,000 changes/s offered, open loop;</li>
 *   <li>reporting national rollup latency under concurrent readers vs /q/health/live of the same service;</li>
 *   <li>metrics' full rebuild (replay of the whole history), events/s;</li>
 *   <li>RSS of each service at rest, under load (peak sampled) and at the end.</li>
 * </ol>
 * Each measurement is a {@link Phase}; this class starts the suite, runs the phases in order and writes the results.
 * Every loop is bounded in count and in time (a slow metrics is reported, not waited for forever); all traffic is
 * on loopback.
 */
public final class Bench {
    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        String scaleName = "small";
        Path out = Path.of("deploy/bench/results");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--scale" -> scaleName = args[++i];
                case "--out" -> out = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("usage: run.sh [--scale small|national] [--out DIR]");
            }
        }
        Scale scale = Scale.of(scaleName);
        Path root = Path.of(System.getProperty("izone.root", ".")).toAbsolutePath().normalize();
        Path data = Files.createTempDirectory("izone-bench");
        Instant started = Instant.now();
        say("bench: scale " + scale + ", starting the suite (data in " + data + ")");
        try (Suite suite = Suite.start(SuiteConfig.forTests(root, data), line -> say("  " + line))) {
            Run run = new Run(scale, suite, root);
            try {
                measure(run);
            } finally {
                run.rss.close();
            }
            run.results.put("totalSeconds", Duration.between(started, Instant.now()).toSeconds());
            run.results.put("loadAverageAtEnd", Cpu.loadAverage());
            run.results.write(root.resolve(out), scale);
        }
        say("bench: done in " + Duration.between(started, Instant.now()).toSeconds() + " s");
        System.exit(0);
    }

    private static void measure(Run run) throws Exception {
        Scale scale = run.scale;
        Dataset dataset = new Dataset(run.root, scale.zones(), scale.projects(), scale.reportYears());
        Results results = run.results;
        results.put("scale", scale.name());
        results.put("zones", scale.zones());
        results.put("projects", dataset.projectCount());
        results.put("reports", dataset.reportCount());
        results.put("places", Map.of("provinces", dataset.places.stream().map(Dataset.Place::province).distinct().count(),
                "formerProvinces", dataset.places.size()));
        results.put("startedAt", Instant.now().toString());
        results.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(),
                "loadAverageAtStart", Cpu.loadAverage(), "java", System.getProperty("java.version")));

        // The order is the table's, and each phase leaves the suite as the next expects it: the writes stop metrics
        // so that the catch-up has the whole backlog; the rebuild comes last so that it replays every change.
        Memory memory = new Memory();
        JdbcBaseline jdbc = new JdbcBaseline();
        RegistryWrites writes = new RegistryWrites(dataset, jdbc);
        OutboxRelay relay = new OutboxRelay(writes);
        PlainConsumerBaseline plain = new PlainConsumerBaseline();
        List<Phase> phases = List.of(
                memory.atRest(),
                jdbc,
                writes,
                relay,
                plain,
                new MetricsCatchUp(relay, plain),
                new PublishingSettled(),
                new Freshness(200, writes),
                new Freshness(1_000, writes),
                new ReportingReads(),
                new Convergence("after the freshness phases"),
                new MetricsRebuild(plain),
                new Convergence("after the rebuild"),
                memory.atEnd());
        for (Phase phase : phases) {
            phase.run(run);
        }
    }

    static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
