package vn.izone.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Raw limit of the registry's writes: plain JDBC single-row inserts, autocommit, on the same PostgreSQL with as many
 * threads as the bench has writers, for 10 s (at most 200,000 rows).
 */
final class JdbcBaseline implements Phase {
    private static final Duration DURATION = Duration.ofSeconds(10);
    private static final int MAX_ROWS = 200_000;

    private double rate;

    /** Rows per second; known once the phase ran. */
    double rate() {
        return rate;
    }

    @Override
    public void run(Run run) throws Exception {
        int threads = run.scale.writers();
        try (Connection c = run.connect("postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS bench_insert (id bigserial PRIMARY KEY, zone uuid, payload text, at timestamptz)");
        }
        AtomicInteger rows = new AtomicInteger();
        Instant deadline = Instant.now().plus(DURATION);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        Instant start = Instant.now();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            done.add(pool.submit(() -> {
                try (Connection c = run.connect("postgres");
                     PreparedStatement insert = c.prepareStatement("INSERT INTO bench_insert (zone, payload, at) VALUES (?, ?, now())")) {
                    while (Instant.now().isBefore(deadline) && rows.get() < MAX_ROWS) {
                        insert.setObject(1, UUID.randomUUID());
                        insert.setString(2, "{\"name\":\"Nhà máy\",\"workers\":" + rows.get() + "}");
                        insert.executeUpdate(); // autocommit: one transaction per row, as the registry does per change
                        rows.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        Run.waitAll(done);
        pool.shutdown();
        rate = Results.perSecond(rows.get(), start, Instant.now());
        run.results.put("jdbcInsertsPerSecond", rate);
        Bench.say("raw JDBC single-row inserts: " + rows.get() + " rows, " + Results.fmt(rate) + "/s");
    }
}
