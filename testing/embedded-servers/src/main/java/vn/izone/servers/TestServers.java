package vn.izone.servers;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One set of servers per test JVM, started on first use and stopped when the JVM exits: every Quarkus test
 * application in a module shares the broker and the PostgreSQL server, each with a database of its own.
 */
public final class TestServers {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static Servers servers;

    private TestServers() {
    }

    public static synchronized Servers get() {
        if (servers == null) {
            Servers started = Servers.startForTests();
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "izone-test-servers-stop"));
            servers = started;
        }
        return servers;
    }

    /** A database no other test application in this JVM uses. */
    public static String freshDatabase(String prefix) {
        String name = prefix + "_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        get().ensureDatabase(name);
        return name;
    }
}
