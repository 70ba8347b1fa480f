package vn.izone.bench;

import vn.izone.suite.Suite;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reporting's national rollup under the scale's concurrent readers, beside {@code /q/health/live} of the same service
 * with the same readers for the same time: what the rollup costs over what any request to that service costs.
 */
final class ReportingReads implements Phase {
    private static final int MAX_PER_READER = 200_000;

    @Override
    public void run(Run run) throws Exception {
        Scale scale = run.scale;
        String reporting = run.url(Suite.REPORTING);
        long[] rollup = latency(run, reporting + "/api/v1/rollups/national", scale.readers(), scale.readFor());
        long[] live = latency(run, reporting + "/q/health/live", scale.readers(), scale.readFor());
        run.results.row("Reporting national rollup p50 / p99 (ms, " + scale.readers() + " concurrent readers; " + rollup[2] + " req/s)",
                Results.ms(rollup[0]) + " / " + Results.ms(rollup[1]), "GET /q/health/live, same service, same readers (" + live[2] + " req/s)",
                Results.ms(live[0]) + " / " + Results.ms(live[1]), Results.ratio(rollup[2], live[2]) + " of its req/s");
    }

    /** {p50 micros, p99 micros, requests per second}: {@code readers} threads for {@code duration}, bounded count. */
    private static long[] latency(Run run, String url, int readers, Duration duration) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        // warm-up
        for (int i = 0; i < 200; i++) {
            client.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.discarding());
        }
        List<long[]> perReader = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger errors = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(readers);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < readers; t++) {
            done.add(pool.submit(() -> {
                long[] lat = new long[MAX_PER_READER];
                int n = 0;
                go.await();
                Instant end = Instant.now().plus(duration);
                HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build();
                while (n < MAX_PER_READER && Instant.now().isBefore(end)) {
                    long t0 = System.nanoTime();
                    HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                    lat[n++] = (System.nanoTime() - t0) / 1000;
                    if (r.statusCode() != 200) {
                        errors.incrementAndGet();
                    }
                }
                perReader.add(Arrays.copyOf(lat, n));
                return null;
            }));
        }
        Instant start = Instant.now();
        go.countDown();
        Run.waitAll(done);
        double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
        pool.shutdown();
        long[] all = perReader.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        long rps = Math.round(all.length / seconds);
        long[] result = {Results.percentile(all, 50), Results.percentile(all, 99), rps};
        run.results.put("read " + url.substring(url.indexOf('/', 8)), Map.of("requests", all.length, "errors", errors.get(),
                "p50Micros", result[0], "p99Micros", result[1], "requestsPerSecond", rps, "readers", readers));
        Bench.say("GET " + url + ": " + all.length + " requests (" + errors.get() + " errors), p50 " + Results.ms(result[0]) + " ms, p99 "
                + Results.ms(result[1]) + " ms, " + rps + " req/s");
        return result;
    }
}
