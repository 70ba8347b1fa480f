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
            SampleLoader.Result result = SampleLoader.load(sample, new RegistryClient(suite.url(Suite.REGISTRY), "sample-loader",
                    suite.tokens().registrar("sample-loader")), LocalRun::say);
            say("  " + result.accepted() + " records accepted, " + result.rejected() + " rejected (a second run accepts the same records again and creates nothing new)");
        }
        if (config.walArchive() != null && suite.postgres() != null) {
            LocalBackups.keepTakingBaseBackups(suite.postgres(), SuiteConfig.backupDirectory(root, System.getenv()),
                    Duration.parse("PT" + System.getenv().getOrDefault("IZONE_BACKUP_EVERY", "24h").toUpperCase()), LocalRun::say);
        }
        Path tokenFile = writeTokens(suite.tokens(), config.dataDirectory().resolve("tokens.env"));
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
                  Bearer tokens        %s   (source it: registrar, Ninh Bình department, board, integrator, finance, operator)
                Try:  curl -s %s/api/v1/rollups/provinces/37
                      . %s && curl -s -X POST %s/api/v1/zones -H "Authorization: Bearer $IZONE_TOKEN_DEPARTMENT_37" -H 'Content-Type: application/json' -d @zone.json
                Press Ctrl-C to stop everything.
                """.formatted(Duration.between(started, Instant.now()).toSeconds(), config.dataDirectory(),
                reporting, reporting, registry, metrics, registry, metrics, reporting, registry,
                suite.bootstrapServers(), config.dataDirectory().resolve("logs"), tokenFile, reporting, tokenFile, registry));
        stopped.await();
    }

    /** Ready tokens for each role, 30 days valid, as shell variables. */
    private static Path writeTokens(Tokens tokens, Path file) {
        String content = """
                # izone local run: bearer tokens signed by this data folder's key (deploy/data/keys), valid 30 days.
                IZONE_TOKEN_REGISTRAR=%s
                IZONE_TOKEN_DEPARTMENT_37=%s
                IZONE_TOKEN_BOARD=%s
                IZONE_TOKEN_INTEGRATOR=%s
                # metrics-service: exchange rates (finance); rebuild and reconcile (operator)
                IZONE_TOKEN_FINANCE=%s
                IZONE_TOKEN_OPERATOR=%s
                """.formatted(tokens.registrar("registrar@local"), tokens.department("ninh-binh-dept@local", "37"),
                tokens.board("board@local"), tokens.integrator("integrator@local"), tokens.finance("finance@local"),
                tokens.operator("operator@local"));
        try {
            Files.writeString(file, content);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return file;
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
