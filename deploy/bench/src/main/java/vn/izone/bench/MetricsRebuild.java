package vn.izone.bench;

import com.fasterxml.jackson.databind.JsonNode;
import vn.izone.suite.Suite;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Metrics' full rebuild (a replay of the whole history from the topics): {@code POST /api/v1/admin/rebuild}, then its
 * progress polled every 0.5 s until DONE (bounded by the scale's wait); events/s as metrics reports it beside the
 * plain KafkaConsumer, and the CPU per replayed event of metrics-service and of PostgreSQL.
 */
final class MetricsRebuild implements Phase {
    private final PlainConsumerBaseline plain;

    MetricsRebuild(PlainConsumerBaseline plain) {
        this.plain = plain;
    }

    private record Rebuilt(boolean done, String state, long applied, long total, long seconds, double rate) {
    }

    @Override
    public void run(Run run) throws Exception {
        long[] cpuBefore = run.cpu.metricsAndPostgres();
        Statements metricsDb = run.statements("metrics");
        metricsDb.reset();
        Rebuilt rebuilt = rebuild(run);
        run.results.profile("Metrics, full rebuild", metricsDb, rebuilt.total(), "event");
        double[] cpu = run.cpu.perEvent(cpuBefore, rebuilt.total());
        run.results.put("rebuildCpuMicrosPerEvent", Map.of("metrics", cpu[0], "postgres", cpu[1]));
        run.results.row("Metrics full rebuild (events/s, replay of " + rebuilt.total() + " events"
                        + (rebuilt.done() ? ", " + rebuilt.seconds() + " s)" : "; NOT finished: " + rebuilt.applied() + " applied in "
                        + rebuilt.seconds() + " s, state " + rebuilt.state() + ")"), Results.fmt(rebuilt.rate()),
                "plain KafkaConsumer reading the same topics", Results.fmt(plain.rate()), Results.ratio(rebuilt.rate(), plain.rate()));
        run.results.row("CPU per replayed event during the rebuild (µs): metrics-service / PostgreSQL",
                Results.pair(cpu[0], cpu[1], 0), "goal (issue #13)", "50 / 50", "-");
    }

    private static Rebuilt rebuild(Run run) throws Exception {
        String metrics = run.url(Suite.METRICS);
        Http.Result started = run.http.send("POST", metrics + "/api/v1/admin/rebuild", null, Map.of("Authorization", "Bearer " + run.operatorBearer));
        if (started.status() != 202 && started.status() != 200) {
            throw new IllegalStateException("rebuild answered " + started.status() + " " + started.text());
        }
        Instant t0 = Instant.now();
        Instant deadline = t0.plus(run.scale.waitFor());
        JsonNode progress = started.json();
        long lastSaid = System.currentTimeMillis();
        while (Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            Http.Result r = run.http.get(metrics + "/api/v1/admin/rebuild");
            if (r.status() == 200) {
                progress = r.json();
            }
            String state = progress.path("state").asText();
            if (state.equals("DONE") || state.equals("FAILED")) {
                break;
            }
            if (System.currentTimeMillis() - lastSaid > 10_000) {
                lastSaid = System.currentTimeMillis();
                Bench.say("  rebuild: " + progress.path("eventsApplied").asLong() + " of " + progress.path("eventsTotal").asLong()
                        + " events applied (" + progress.path("eventsRead").asLong() + " read)");
            }
        }
        String state = progress.path("state").asText();
        long seconds = Duration.between(t0, Instant.now()).toSeconds();
        long read = progress.path("eventsRead").asLong();
        long total = progress.path("eventsTotal").asLong();
        double rate = state.equals("DONE") && progress.hasNonNull("eventsPerSecond") ? progress.path("eventsPerSecond").asDouble()
                : read * 1.0 / Math.max(1, seconds);
        run.results.put("rebuild", Http.JSON.convertValue(progress, Map.class));
        Bench.say("rebuild: " + state + ", " + read + " of " + total + " events read in " + seconds + " s, " + Results.fmt(rate) + "/s");
        return new Rebuilt(state.equals("DONE"), state, progress.path("eventsApplied").asLong(), total, seconds, rate);
    }
}
