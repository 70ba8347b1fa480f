package vn.izone.servers;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Entry point of the broker's child JVM. It formats the KRaft storage on first start, runs
 * {@code kafka.Kafka}, and exits as soon as the parent process closes our standard input (it stopped or
 * was killed), so no broker is ever left behind.
 *
 * <p>Arguments: {@code <server.properties> <log dir> <cluster id>}.
 */
public final class KafkaBrokerMain {
    private KafkaBrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        exitWhenParentGoes();
        String properties = args[0];
        Path logDir = Path.of(args[1]);
        String clusterId = args[2];
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            int rc = (int) Class.forName("kafka.tools.StorageTool")
                    .getMethod("execute", String[].class, PrintStream.class)
                    .invoke(null, new String[] {"format", "-t", clusterId, "-c", properties, "--standalone"}, System.out);
            if (rc != 0) {
                System.err.println("formatting the KRaft storage failed: " + rc);
                System.exit(rc);
            }
        }
        Class.forName("kafka.Kafka").getMethod("main", String[].class).invoke(null, (Object) new String[] {properties});
    }

    private static void exitWhenParentGoes() {
        Thread watchdog = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // the parent writes nothing; we only wait for end of stream
                }
            } catch (IOException ignored) {
                // a broken pipe means the same as end of stream
            }
            Runtime.getRuntime().halt(0);
        }, "parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }
}
