package vn.izone.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The registry's outbox relay over the load: waits (at most 10 min) until every event of the load is published, then
 * events per second from the first to the last publish (the relay runs while the load runs) beside the records per
 * second the registry accepted in the same time.
 */
final class OutboxRelay implements Phase {
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(10);

    private final RegistryWrites writes;
    private long events;

    OutboxRelay(RegistryWrites writes) {
        this.writes = writes;
    }

    /** Events the load produced, all of them in Kafka; known once the phase ran. */
    long events() {
        return events;
    }

    @Override
    public void run(Run run) throws Exception {
        events = awaitDrained(run);
        run.results.put("events", events);
        double relay = rate(run);
        run.results.row("Outbox relay (events/s to Kafka, first to last publish of the load; metrics stopped)", Results.fmt(relay),
                "registry writes accepted in the same time (records/s)", Results.fmt(writes.overallRate()), Results.ratio(relay, writes.overallRate()));
    }

    private static long awaitDrained(Run run) throws Exception {
        Instant deadline = Instant.now().plus(DRAIN_TIMEOUT);
        long left;
        long lastSaid = 0;
        while ((left = run.queryLong("registry", "SELECT count(*) FROM outbox_event WHERE published_at IS NULL")) > 0) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("outbox not drained after " + DRAIN_TIMEOUT + ": " + left + " left");
            }
            if (System.currentTimeMillis() - lastSaid > 5_000) {
                Bench.say("  outbox: " + left + " events not yet relayed");
                lastSaid = System.currentTimeMillis();
            }
            Thread.sleep(200);
        }
        return run.queryLong("registry", "SELECT count(*) FROM outbox_event");
    }

    private static double rate(Run run) {
        long events = run.queryLong("registry", "SELECT count(*) FROM outbox_event");
        long millis = run.queryLong("registry", "SELECT (extract(epoch FROM max(published_at) - min(published_at)) * 1000)::bigint FROM outbox_event");
        long afterLoad = run.queryLong("registry", "SELECT (extract(epoch FROM max(published_at) - max(occurred_at)) * 1000)::bigint FROM outbox_event");
        double rate = events * 1000.0 / Math.max(1, millis);
        run.results.put("outboxRelay", Map.of("events", events, "secondsFirstToLastPublish", millis / 1000.0,
                "lastPublishAfterLastWriteSeconds", afterLoad / 1000.0, "eventsPerSecond", rate));
        Bench.say("outbox relay: " + events + " events in " + millis / 1000.0 + " s, " + Results.fmt(rate) + "/s; last publish "
                + afterLoad / 1000.0 + " s after the last write");
        return rate;
    }
}
