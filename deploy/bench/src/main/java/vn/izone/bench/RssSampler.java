package vn.izone.bench;

import vn.izone.suite.Suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Samples the resident set (VmRSS) of each service every 500 ms while the bench loads the suite and keeps the
 * peak per service (across restarts: the pid is looked up on every sample).
 */
final class RssSampler implements AutoCloseable {
    static final List<String> SERVICES = List.of(Suite.REGISTRY, Suite.METRICS, Suite.REPORTING);

    private final Suite suite;
    private final Map<String, Long> peakKb = new ConcurrentHashMap<>();
    private volatile boolean running;
    private Thread thread;

    RssSampler(Suite suite) {
        this.suite = suite;
    }

    void start() {
        running = true;
        thread = new Thread(() -> {
            while (running) {
                now().forEach((service, kb) -> peakKb.merge(service, kb[0], Math::max));
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "rss-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    long peakKb(String service) {
        return peakKb.getOrDefault(service, 0L);
    }

    /** {VmRSS, VmHWM} in KiB of every service running now. */
    Map<String, long[]> now() {
        Map<String, long[]> all = new LinkedHashMap<>();
        for (String service : SERVICES) {
            try {
                all.put(service, rss(suite.service(service).pid()));
            } catch (RuntimeException | IOException stoppedOrRestarting) {
                // not running at this instant (metrics is stopped while the dataset loads)
            }
        }
        return all;
    }

    static long[] rss(long pid) throws IOException {
        long rss = 0;
        long hwm = 0;
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = Long.parseLong(line.replaceAll("\\D", ""));
            } else if (line.startsWith("VmHWM:")) {
                hwm = Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return new long[]{rss, hwm};
    }

    @Override
    public void close() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }
}
