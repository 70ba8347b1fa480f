package vn.izone.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Java Flight Recordings of a running service, started and stopped around one measured stage ({@code jcmd}). */
final class Jfr {
    private Jfr() {
    }

    /** Where the freshness phases record each service, and the catch-up metrics ({@code IZONE_BENCH_JFR=DIR}), or null: no recording. */
    static Path dir() {
        String dir = System.getenv("IZONE_BENCH_JFR");
        return dir == null || dir.isBlank() ? null : Path.of(dir);
    }

    static void start(long pid, String name, Path file) throws IOException, InterruptedException {
        jcmd(pid, "JFR.start", "name=" + name, "settings=profile", "filename=" + file);
    }

    static void stop(long pid, String name) throws IOException, InterruptedException {
        jcmd(pid, "JFR.stop", "name=" + name);
    }

    private static void jcmd(long pid, String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of("jcmd", Long.toString(pid)));
        line.addAll(List.of(command));
        Process p = new ProcessBuilder(line).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", line) + ": " + out);
        }
    }
}
