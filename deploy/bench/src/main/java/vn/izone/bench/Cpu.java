package vn.izone.bench;

import vn.izone.suite.Suite;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of the services and of PostgreSQL, read from {@code /proc/<pid>/stat}: on a machine shared with other
 * builds it moves less than a rate does (it still includes the JIT's warm-up).
 */
final class Cpu {
    private final Suite suite;

    Cpu(Suite suite) {
        this.suite = suite;
    }

    /** CPU time (user + system) the service's process used so far, in ms; -1 when it is not running. */
    long millis(String service) {
        try {
            String[] f = stat(Path.of("/proc/" + suite.service(service).pid()));
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10; // fields 14 and 15, in 1/100 s
        } catch (RuntimeException | IOException e) {
            return -1;
        }
    }

    /**
     * CPU time PostgreSQL used so far, in ms: the postmaster with its reaped backends (cutime, cstime) and every live
     * child (the backends serving the services, the WAL writer, the checkpointer). -1 without an embedded server.
     */
    long postgresMillis() {
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
                    f = stat(dir);
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

    /** {metrics-service ms, PostgreSQL ms} now: where {@link #perEvent} counts from. */
    long[] metricsAndPostgres() {
        return new long[]{millis(Suite.METRICS), postgresMillis()};
    }

    /** µs of CPU per event of metrics-service and of PostgreSQL since {@code before} ({metrics ms, postgres ms}). */
    double[] perEvent(long[] before, long events) {
        long metrics = millis(Suite.METRICS) - before[0];
        long postgres = postgresMillis() - before[1];
        return new double[]{metrics * 1000.0 / Math.max(1, events), postgres * 1000.0 / Math.max(1, events)};
    }

    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** The fields of a process's stat after its name (which may hold spaces): field 3 (state) is [0]. */
    private static String[] stat(Path process) throws IOException {
        String stat = Files.readString(process.resolve("stat"));
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }
}
