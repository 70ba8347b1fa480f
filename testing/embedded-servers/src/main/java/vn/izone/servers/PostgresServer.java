package vn.izone.servers;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server (zonky's packaged binaries, no Docker). With a data directory it keeps its data
 * across restarts; without one it lives in a temporary folder that is removed when it is closed. Fault drills
 * can {@link #stop()} or {@link #kill()} it and {@link #restart()} it on the same data and port: zonky skips
 * initdb where a cluster already exists, so a restart is a plain postmaster start (with crash recovery after a
 * kill).
 */
public final class PostgresServer implements AutoCloseable {
    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    /** The file of settings this class writes into the data directory at every start (included by postgresql.conf). */
    static final String SETTINGS_FILE = "izone.conf";

    private final Path dataDirectory;
    private final boolean temporary;
    private final int port;
    /** Where completed WAL segments are copied (continuous archiving), or null: no archiving. */
    private final Path walArchive;
    /** Settings of a point-in-time recovery, for the first start only (then cleared). */
    private volatile Map<String, String> recovery = Map.of();
    private volatile EmbeddedPostgres postgres;

    private PostgresServer(Path dataDirectory, boolean temporary, int port, Path walArchive) {
        this.dataDirectory = dataDirectory;
        this.temporary = temporary;
        this.port = port;
        this.walArchive = walArchive;
    }

    /**
     * @param dataDirectory where the cluster lives, or null for a throw-away one
     * @param port          the port, or 0 for a free one
     */
    public static PostgresServer start(Path dataDirectory, int port) {
        return start(dataDirectory, port, null);
    }

    /**
     * Like {@link #start(Path, int)}, with continuous WAL archiving into {@code walArchive} when it is not null
     * (issue #18: {@link Backups#baseBackup} and {@link Backups#restore} make point-in-time recovery of it).
     */
    public static PostgresServer start(Path dataDirectory, int port, Path walArchive) {
        try {
            // Our own folder even when throw-away (not zonky's): zonky deletes its own on close, which would
            // make a restart on the same data impossible.
            boolean temporary = dataDirectory == null;
            Path directory = temporary ? Files.createTempDirectory("izone-pg") : dataDirectory;
            Files.createDirectories(directory);
            PostgresServer server = new PostgresServer(directory, temporary, FreePort.orPick(port),
                    walArchive == null ? null : Files.createDirectories(walArchive).toAbsolutePath());
            server.startPostmaster();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start", e);
        }
    }

    /**
     * Starts a server on a data directory laid out from a base backup (see {@link Backups#restore}): it replays
     * the archived WAL up to {@code recoverySettings}' target, then is promoted and runs as a primary of its own.
     */
    static PostgresServer startRecovering(Path dataDirectory, int port, Map<String, String> recoverySettings, Path walArchive) {
        try {
            PostgresServer server = new PostgresServer(dataDirectory, false, FreePort.orPick(port),
                    walArchive == null ? null : Files.createDirectories(walArchive).toAbsolutePath());
            server.recovery = Map.copyOf(recoverySettings);
            server.startPostmaster();
            server.recovery = Map.of();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start the recovery", e);
        }
    }

    /** The folder of archived WAL segments, or null when this server does not archive. */
    public Path walArchive() {
        return walArchive;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /**
     * Writes the settings this run wants into {@value #SETTINGS_FILE} (WAL archiving, recovery target), included
     * from postgresql.conf. A file, not {@code -c} options: pg_ctl hands its {@code -o} string to a shell, and an
     * archive_command is a shell command of its own.
     */
    private void writeSettings(java.io.File directory) {
        Path data = directory.toPath();
        Map<String, String> settings = new java.util.LinkedHashMap<>();
        if (walArchive != null) {
            String archive = quotedPath(walArchive);
            settings.put("wal_level", "replica");
            settings.put("archive_mode", "on");
            // copied under a temporary name and renamed: a segment half-copied by a crash is never taken for whole
            settings.put("archive_command", "test ! -f " + archive + "/%f && cp %p " + archive + "/%f.part && mv "
                    + archive + "/%f.part " + archive + "/%f");
            // a segment is archived when full or after this long: the most committed work an unplanned loss of
            // the whole data directory can lose (the local run's RPO), docs/deploy.md
            settings.put("archive_timeout", System.getProperty("izone.postgres.archive-timeout", "60s"));
        }
        settings.putAll(recovery);
        StringBuilder text = new StringBuilder("# Written by vn.izone.servers.PostgresServer at every start: do not edit.\n");
        settings.forEach((k, v) -> text.append(k).append(" = '").append(v.replace("'", "''")).append("'\n"));
        try {
            Files.writeString(data.resolve(SETTINGS_FILE), text);
            Path conf = data.resolve("postgresql.conf");
            String include = "include_if_exists = '" + SETTINGS_FILE + "'";
            if (!Files.readString(conf).contains(include)) {
                Files.writeString(conf, "\n" + include + "\n", java.nio.file.StandardOpenOption.APPEND);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + SETTINGS_FILE + " into " + data, e);
        }
    }

    private static String quotedPath(Path path) {
        String text = path.toString();
        if (text.contains("\"") || text.contains("'") || text.contains("%")) {
            throw new IllegalArgumentException("the WAL archive's path may not contain quotes or %: " + text);
        }
        return "\"" + text + "\"";
    }

    private void startPostmaster() throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
        if (!recovery.isEmpty()) {
            // what the replay did (or why it stopped) is the restore's record: kept beside the data directory
            java.io.File log = dataDirectory.resolveSibling(dataDirectory.getFileName() + "-recovery.log").toFile();
            builder.setOutputRedirector(ProcessBuilder.Redirect.appendTo(log)).setErrorRedirector(ProcessBuilder.Redirect.appendTo(log));
        }
        postgres = builder
                .setPort(port)
                .setServerConfig("max_connections", "200")
                // statement statistics for profiling (the bench prints what each phase spent; an operator can ask
                // pg_stat_statements too): preloaded always, a few per cent of overhead at most
                .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                // zonky turns synchronous_commit off: a commit would be answered before its WAL is written, and
                // a killed server would lose it (the PostgreSQL kill drill found this). A commit must be in the WAL.
                .setServerConfig("synchronous_commit", "on")
                // fsync only guards against the machine's crash: a throw-away cluster can do without it
                .setServerConfig("fsync", temporary ? "off" : "on")
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setDataDirectoryCustomizer(this::writeSettings)
                // a recovery replays WAL before it answers; the usual start is a few seconds
                .setPGStartupWait(java.time.Duration.ofSeconds(recovery.isEmpty() ? 30 : Long.getLong("izone.postgres.recovery-wait-seconds", 300)))
                .start();
    }

    public int port() {
        return port;
    }

    public boolean isRunning() {
        return postgres != null;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    /** Creates the database unless it exists; each service owns one. */
    public void ensureDatabase(String database) {
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain database name: " + database);
        }
        try (Connection c = running().getPostgresDatabase().getConnection();
             Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            s.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + database, e);
        }
    }

    /** Fast shutdown ({@code pg_ctl stop -m fast}): open sessions are cut, everything committed is kept. */
    public void stop() {
        EmbeddedPostgres running = postgres;
        if (running == null) {
            return;
        }
        postgres = null;
        try {
            running.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Like a power cut: SIGKILL to the postmaster and every backend it forked (no checkpoint, no shutdown); the
     * next start runs crash recovery from the write-ahead log.
     */
    public void kill() {
        EmbeddedPostgres running = postgres;
        if (running == null) {
            return;
        }
        postgres = null;
        ProcessHandle.of(postmasterPid()).ifPresent(postmaster -> {
            List<ProcessHandle> backends = postmaster.descendants().toList();
            postmaster.destroyForcibly();
            backends.forEach(ProcessHandle::destroyForcibly);
            Stream.concat(Stream.of(postmaster), backends.stream()).forEach(p -> {
                try {
                    p.onExit().get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException("PostgreSQL process " + p.pid() + " did not die", e);
                }
            });
        });
        try {
            running.close(); // its pg_ctl stop finds nothing to stop (logged); this releases zonky's lock on the folder
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts PostgreSQL again on the same data and port after {@link #stop()} or {@link #kill()}. */
    public void restart() {
        stop();
        try {
            startPostmaster();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not restart", e);
        }
    }

    /** The postmaster's process id; throws when the server is not running. */
    public long postmasterPid() {
        try {
            // postmaster.pid: its first line is the postmaster's process id
            return Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("no postmaster.pid in " + dataDirectory, e);
        }
    }

    private EmbeddedPostgres running() {
        EmbeddedPostgres running = postgres;
        if (running == null) {
            throw new IllegalStateException("PostgreSQL is stopped");
        }
        return running;
    }

    @Override
    public void close() {
        try {
            stop();
        } finally {
            if (temporary) {
                deleteRecursively(dataDirectory);
            }
        }
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is not worth failing a run for
        }
    }
}
