package vn.izone.suite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;

/**
 * {@code deploy/run-local.sh}: starts real PostgreSQL and Kafka, the three services, loads the sample data
 * through the registry API, prints where everything is, and runs until Ctrl-C, which stops it all.
 */
public final class LocalRun {
    private LocalRun() {
    }

    public static void main(String[] args) throws InterruptedException {
        Instant started = Instant.now();
        Path root = Path.of(System.getProperty("izone.root", ".")).toAbsolutePath().normalize();
        SuiteConfig config = SuiteConfig.localRun(root, System.getenv());
        say("izone: starting on this machine (root " + root + ")");
        Suite suite = Suite.start(config, LocalRun::say);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            say("izone: stopping services, Kafka and PostgreSQL…");
            suite.close();
            say("izone: stopped; data kept in " + config.dataDirectory());
            stopped.countDown();
        }, "izone-stop"));

        Path sample = root.resolve("deploy/sample-data/sample-zones.json");
        if (Files.exists(sample) && !"false".equals(System.getenv("IZONE_SAMPLE_DATA"))) {
            say("loading sample data from " + root.relativize(sample) + " through the registry API");
            SampleLoader.Result result = SampleLoader.load(sample, new RegistryClient(suite.url(Suite.REGISTRY), "sample-loader"), LocalRun::say);
            say("  " + result.accepted() + " records accepted, " + result.rejected() + " rejected (a second run accepts the same records again and creates nothing new)");
        }
        String registry = suite.url(Suite.REGISTRY);
        String metrics = suite.url(Suite.METRICS);
        String reporting = suite.url(Suite.REPORTING);
        say("""

                izone is up in %d s. Data folder: %s
                  Dashboard            %s/
                  Reporting API        %s/api/v1/rollups/provinces/37   (Ninh Bình, after the 2025 merger)
                  Registry API         %s/api/v1/zones
                  Metrics API          %s/api/v1/indicators/national
                  Swagger UI           %s/q/swagger-ui  ·  %s/q/swagger-ui  ·  %s/q/swagger-ui
                  Event contract       %s/events/asyncapi.yaml
                  Kafka bootstrap      %s
                  Logs                 %s
                Try:  curl -s %s/api/v1/rollups/provinces/37
                Press Ctrl-C to stop everything.
                """.formatted(Duration.between(started, Instant.now()).toSeconds(), config.dataDirectory(),
                reporting, reporting, registry, metrics, registry, metrics, reporting, registry,
                suite.bootstrapServers(), config.dataDirectory().resolve("logs"), reporting));
        stopped.await();
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
