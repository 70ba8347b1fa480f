package vn.izone.bench;

import vn.izone.suite.Suite;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Metrics' consumption: started on the whole backlog of the load, events applied per second from the first applied
 * event (bounded by the scale's wait, reporting how far it got), beside the plain KafkaConsumer; and the CPU per
 * applied event of metrics-service and of PostgreSQL.
 */
final class MetricsCatchUp implements Phase {
    private final OutboxRelay relay;
    private final PlainConsumerBaseline plain;

    MetricsCatchUp(OutboxRelay relay, PlainConsumerBaseline plain) {
        this.relay = relay;
        this.plain = plain;
    }

    private record CatchUp(long applied, boolean complete, double rate, double metricsCpuMicros, double postgresCpuMicros) {
    }

    @Override
    public void run(Run run) throws Exception {
        long events = relay.events();
        Statements metricsDb = run.statements("metrics");
        metricsDb.reset();
        CatchUp catchUp = catchUp(run, events);
        run.results.profile("Metrics, catch-up of the backlog (applying and publishing)", metricsDb, catchUp.applied(), "event");
        run.results.row("Metrics consumption (events/s, catch-up of " + events + " events, applied in PostgreSQL"
                        + (catchUp.complete() ? ")" : "; NOT caught up: " + catchUp.applied() + " applied when the bench stopped waiting after "
                        + run.scale.waitFor().toSeconds() + " s)"), Results.fmt(catchUp.rate()),
                "plain KafkaConsumer reading the same topics", Results.fmt(plain.rate()), Results.ratio(catchUp.rate(), plain.rate()));
        run.results.row("CPU per applied event during the catch-up (µs): metrics-service / PostgreSQL",
                Results.pair(catchUp.metricsCpuMicros(), catchUp.postgresCpuMicros(), 0), "goal (issue #13)", "50 / 50", "-");
    }

    /** Starts metrics on the backlog and times how fast the applied versions (sum over aggregates) reach it. Bounded. */
    private static CatchUp catchUp(Run run, long events) throws Exception {
        Instant launched = Instant.now();
        Thread starter = new Thread(() -> run.suite.startAgain(Suite.METRICS), "start-metrics");
        starter.start();
        Instant first = null;
        long firstApplied = 0;
        long applied = 0;
        long[] cpuAtFirst = {0, 0};
        long lastSaid = System.currentTimeMillis();
        java.nio.file.Path recording = null;
        Instant deadline = Instant.now().plus(run.scale.waitFor());
        while (applied < events && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
            long counted = appliedByMetrics(run);
            if (counted < 0) {
                continue; // not up yet
            }
            applied = counted;
            if (first == null && applied > 0) {
                first = Instant.now();
                firstApplied = applied;
                cpuAtFirst = run.cpu.metricsAndPostgres();
                recording = Jfr.dir();
                if (recording != null) {
                    java.nio.file.Files.createDirectories(recording);
                    Jfr.start(run.suite.service(Suite.METRICS).pid(), "catchup", recording.resolve("metrics-catchup.jfr"));
                }
            }
            if (System.currentTimeMillis() - lastSaid > 10_000) {
                lastSaid = System.currentTimeMillis();
                double soFar = first == null ? 0 : Results.perSecond(applied - firstApplied, first, Instant.now());
                Bench.say("  metrics: " + applied + " of " + events + " events applied (" + Results.fmt(soFar) + "/s; waiting at most "
                        + Duration.between(Instant.now(), deadline).toSeconds() + " s more)");
            }
        }
        Instant end = Instant.now();
        double[] cpu = run.cpu.perEvent(cpuAtFirst, applied - firstApplied);
        if (recording != null) {
            Jfr.stop(run.suite.service(Suite.METRICS).pid(), "catchup");
        }
        starter.join(TimeUnit.MINUTES.toMillis(3));
        boolean complete = applied >= events;
        double rate = first == null ? 0 : Results.perSecond(applied - firstApplied, first, end);
        run.results.put("metricsCatchUp", Map.of("events", events, "applied", applied, "complete", complete,
                "secondsFromFirstApplied", first == null ? -1 : Duration.between(first, end).toMillis() / 1000.0,
                "secondsFromProcessStart", Duration.between(launched, end).toMillis() / 1000.0, "eventsPerSecond", rate,
                "metricsCpuMicrosPerEvent", cpu[0], "postgresCpuMicrosPerEvent", cpu[1]));
        Bench.say(String.format(Locale.ROOT, "metrics catch-up CPU per applied event: metrics-service %.0f µs, PostgreSQL %.0f µs", cpu[0], cpu[1]));
        Bench.say("metrics: " + applied + " of " + events + " events applied, " + Results.fmt(rate) + "/s once consuming ("
                + Duration.between(launched, end).toSeconds() + " s from process start)" + (complete ? "" : " — NOT caught up, going on"));
        return new CatchUp(applied, complete, rate, cpu[0], cpu[1]);
    }

    /**
     * Events the (freshly started) metrics process has applied, from its own counter: cheap to ask. The bench used to
     * ask PostgreSQL for {@code sum(version) FROM applied_version} ten times a second — a scan of 157,000 rows, 47 ms
     * each, a fifth of PostgreSQL's time in the national catch-up (pg_stat_statements), charged to metrics' events.
     * -1 while metrics does not answer.
     */
    private static long appliedByMetrics(Run run) {
        List<String> samples = run.http.scrape(run.url(Suite.METRICS), "izone_metrics_events_total{");
        if (samples == null) {
            return -1;
        }
        double applied = 0;
        for (String line : samples) {
            if (line.contains("outcome=\"applied\"") || line.contains("outcome=\"gap_applied\"")) {
                applied += Http.value(line);
            }
        }
        return (long) applied;
    }
}
