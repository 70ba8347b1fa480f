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
        for (String service : List.of(Suite.REGISTRY, Suite.METRICS, Suite.REPORTING)) {
            try {
                all.put(service, rss(suite.service(service).pid()));
            } catch (RuntimeException | IOException stoppedOrRestarting) {
                // not running at this instant (metrics is stopped while the dataset loads)
            }
        }
        return all;
    }

    /** CPU time (user + system) the service's process used so far, in ms; -1 when it is not running. */
    long cpuMillis(String service) {
        try {
            String stat = Files.readString(Path.of("/proc/" + suite.service(service).pid() + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10; // fields 14 and 15, in 1/100 s
        } catch (RuntimeException | IOException e) {
            return -1;
        }
    }

    /**
     * CPU time PostgreSQL used so far, in ms: the postmaster with its reaped backends (cutime, cstime) and every live
     * child (the backends serving the services, the WAL writer, the checkpointer). -1 without an embedded server.
     */
    long postgresCpuMillis() {
        if (suite.postgres() == null) {
            return -1;
        }
        long postmaster;
        try {
            postmaster = suite.postgres().postmasterPid();
        } catch (RuntimeException notRunning) {
            return -1;
        }
        long ticks = 0;
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path dir : (Iterable<Path>) procs::iterator) {
                String name = dir.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                String[] f;
                try {
                    String stat = Files.readString(dir.resolve("stat"));
                    f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                } catch (IOException | RuntimeException gone) {
                    continue; // a backend that ended meanwhile: the postmaster's cutime has it
                }
                long pid = Long.parseLong(name);
                long ppid = Long.parseLong(f[1]);
                if (pid == postmaster) {
                    ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
                } else if (ppid == postmaster) {
                    ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return ticks * 10; // 1/100 s
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
