package vn.izone.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Point-in-time recovery of an embedded {@link PostgresServer} (issue #18) with nothing but the server itself:
 * zonky's binaries bundle has no pg_basebackup, so a base backup is PostgreSQL's low-level backup API
 * ({@code pg_start_backup}/{@code pg_stop_backup}, non-exclusive, PostgreSQL 14; {@code pg_backup_start}/{@code
 * pg_backup_stop} from 15) around a copy of the data directory, and a restore is that copy plus {@code
 * recovery.signal}, {@code restore_command} from the WAL archive and {@code recovery_target_time}. The server
 * must archive its WAL ({@link PostgresServer#start(Path, int, Path)}).
 */
public final class Backups {
    /** What {@link #baseBackup} wrote beside the copied files. */
    public static final String MANIFEST = "izone-backup.properties";
    /** Not copied: runtime files, the WAL (it comes from the archive), contents of folders recreated empty. */
    private static final Set<String> SKIPPED_FILES = Set.of("postmaster.pid", "postmaster.opts", "epg-lock",
            "backup_label", "tablespace_map", "backup_label.old", "recovery.signal", "standby.signal");
    private static final Set<String> EMPTIED_FOLDERS = Set.of("pg_wal", "pg_replslot", "pg_dynshmem", "pg_notify",
            "pg_serial", "pg_snapshots", "pg_stat_tmp", "pg_subtrans");

    private Backups() {
    }

    /** A base backup: where it is, its size, the WAL positions it needs, and when it was taken. */
    public record BaseBackup(Path directory, long bytes, String startLsn, String stopLsn, Instant started, Instant finished) {
    }

    /**
     * Takes a base backup of the running server into {@code target} (created; must not exist or be empty) while
     * it keeps serving: the files are copied between the start and the stop of a backup, and the WAL written
     * meanwhile (archived, waited for) makes the copy consistent when it is restored.
     */
    public static BaseBackup baseBackup(PostgresServer server, Path target) {
        if (server.walArchive() == null) {
            throw new IllegalStateException("the server does not archive its WAL: a base backup alone restores nothing");
        }
        Instant started = Instant.now();
        try (Connection c = DriverManager.getConnection(server.jdbcUrl("postgres"), PostgresServer.USER, PostgresServer.PASSWORD);
             Statement s = c.createStatement()) {
            boolean fifteen = version(s) >= 150000;
            String startLsn;
            try (ResultSet rs = s.executeQuery(fifteen ? "SELECT pg_backup_start('izone', true)"
                    : "SELECT pg_start_backup('izone', true, false)")) {
                rs.next();
                startLsn = rs.getString(1);
            }
            Files.createDirectories(target);
            try (Stream<Path> existing = Files.list(target)) {
                if (existing.findAny().isPresent()) {
                    throw new IllegalArgumentException("backup folder not empty: " + target);
                }
            }
            copy(server.dataDirectory(), target, true);
            String stopLsn;
            try (ResultSet rs = s.executeQuery(fifteen ? "SELECT lsn, labelfile, spcmapfile FROM pg_backup_stop(true)"
                    : "SELECT lsn, labelfile, spcmapfile FROM pg_stop_backup(false, true)")) {
                rs.next();
                stopLsn = rs.getString(1);
                Files.writeString(target.resolve("backup_label"), rs.getString(2));
                String map = rs.getString(3);
                if (map != null && !map.isBlank()) {
                    Files.writeString(target.resolve("tablespace_map"), map);
                }
            }
            Instant finished = Instant.now();
            Properties manifest = new Properties();
            manifest.setProperty("started", started.toString());
            manifest.setProperty("finished", finished.toString());
            manifest.setProperty("startLsn", startLsn);
            manifest.setProperty("stopLsn", stopLsn);
            manifest.setProperty("walArchive", server.walArchive().toString());
            try (var out = Files.newBufferedWriter(target.resolve(MANIFEST))) {
                manifest.store(out, "izone base backup (vn.izone.servers.Backups)");
            }
            return new BaseBackup(target, size(target), startLsn, stopLsn, started, finished);
        } catch (SQLException e) {
            throw new IllegalStateException("base backup failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("base backup failed", e);
        }
    }

    /** Reads a base backup's manifest back. */
    public static BaseBackup read(Path backup) {
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(backup.resolve(MANIFEST))) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("not a base backup (no " + MANIFEST + "): " + backup, e);
        }
        return new BaseBackup(backup, size(backup), p.getProperty("startLsn"), p.getProperty("stopLsn"),
                Instant.parse(p.getProperty("started")), Instant.parse(p.getProperty("finished")));
    }

    /** What a restore took: the running server, and how long laying out the files and replaying the WAL took. */
    public record Restored(PostgresServer server, Duration copy, Duration replay, String lastReplayedCommit) {
        public Duration total() {
            return copy.plus(replay);
        }
    }

    /**
     * Restores {@code backup} into {@code dataDirectory} (new or empty) and starts a server there on {@code port}
     * (0: a free one) that replays {@code walArchive} up to {@code target} (inclusive: a commit at exactly that
     * instant is kept, the first after it is not), then is promoted to a primary on a new timeline. The archive
     * must hold WAL past the target (PostgreSQL 14 refuses to end a recovery before its target). The new server
     * archives into {@code newWalArchive} if not null. Waits until it accepts writes.
     */
    public static Restored restore(Path backup, Path walArchive, Instant target, Path dataDirectory, int port, Path newWalArchive) {
        if (!Files.exists(backup.resolve("backup_label"))) {
            throw new IllegalArgumentException("not a base backup (no backup_label): " + backup);
        }
        Instant copying = Instant.now();
        try {
            Files.createDirectories(dataDirectory);
            try (Stream<Path> existing = Files.list(dataDirectory)) {
                if (existing.findAny().isPresent()) {
                    throw new IllegalArgumentException("data directory not empty: " + dataDirectory);
                }
            }
            copy(backup, dataDirectory, false);
            Files.deleteIfExists(dataDirectory.resolve(MANIFEST));
            Files.createDirectories(dataDirectory.resolve("pg_wal/archive_status"));
            Files.writeString(dataDirectory.resolve("recovery.signal"), "");
            Files.setPosixFilePermissions(dataDirectory, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new UncheckedIOException("could not lay out the restore in " + dataDirectory, e);
        }
        Duration copy = Duration.between(copying, Instant.now());
        String archive = walArchive.toAbsolutePath().toString();
        if (archive.contains("\"") || archive.contains("%")) {
            throw new IllegalArgumentException("the WAL archive's path may not contain quotes or %: " + archive);
        }
        Instant replaying = Instant.now();
        PostgresServer server = PostgresServer.startRecovering(dataDirectory, port, Map.of(
                "restore_command", "cp \"" + archive + "/%f\" %p",
                "recovery_target_time", DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS'+00'")
                        .format(target.atOffset(ZoneOffset.UTC)),
                "recovery_target_inclusive", "on",
                "recovery_target_action", "promote"), newWalArchive);
        String lastCommit;
        try (Connection c = DriverManager.getConnection(server.jdbcUrl("postgres"), PostgresServer.USER, PostgresServer.PASSWORD);
             Statement s = c.createStatement()) {
            // hot standby lets zonky connect while the WAL is replayed: done once promoted
            Instant deadline = Instant.now().plusSeconds(300);
            while (true) {
                try (ResultSet rs = s.executeQuery("SELECT pg_is_in_recovery(), pg_last_xact_replay_timestamp()")) {
                    rs.next();
                    lastCommit = rs.getString(2);
                    if (!rs.getBoolean(1)) {
                        break;
                    }
                }
                if (Instant.now().isAfter(deadline)) {
                    server.close();
                    throw new IllegalStateException("the restored server was not promoted within 300 s");
                }
                Thread.sleep(100);
            }
        } catch (SQLException e) {
            server.close();
            throw new IllegalStateException("the restored server did not come up: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.close();
            throw new IllegalStateException("interrupted", e);
        }
        return new Restored(server, copy, Duration.between(replaying, Instant.now()), lastCommit);
    }

    /** Forces the current WAL segment into the archive (and waits until it is there): what archive_timeout does. */
    public static void switchWal(PostgresServer server) {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl("postgres"), PostgresServer.USER, PostgresServer.PASSWORD);
             Statement s = c.createStatement()) {
            String segment;
            try (ResultSet rs = s.executeQuery("SELECT pg_walfile_name(pg_switch_wal())")) {
                rs.next();
                segment = rs.getString(1);
            }
            Path archived = server.walArchive().resolve(segment);
            Instant deadline = Instant.now().plusSeconds(60);
            while (!Files.exists(archived)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("WAL segment " + segment + " not archived within 60 s");
                }
                Thread.sleep(50);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("pg_switch_wal failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Bytes of the files under {@code directory}. */
    public static long size(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int version(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SHOW server_version_num")) {
            rs.next();
            return Integer.parseInt(rs.getString(1));
        }
    }

    /**
     * Copies a tree. From a live data directory ({@code live}): runtime files skipped, WAL and other transient
     * folders recreated empty, files that vanish meanwhile (a dropped table) skipped; the WAL replay mends
     * whatever changed while a file was read.
     */
    private static void copy(Path from, Path to, boolean live) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path relative = from.relativize(dir);
                Files.createDirectories(to.resolve(relative.toString()));
                if (live && relative.getNameCount() == 1 && EMPTIED_FOLDERS.contains(relative.toString())) {
                    if (relative.toString().equals("pg_wal")) {
                        Files.createDirectories(to.resolve("pg_wal/archive_status"));
                    }
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path relative = from.relativize(file);
                String name = relative.getFileName().toString();
                if (live && (relative.getNameCount() == 1 && SKIPPED_FILES.contains(name) || name.startsWith("pgsql_tmp"))) {
                    return FileVisitResult.CONTINUE;
                }
                try {
                    Files.copy(file, to.resolve(relative.toString()), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                } catch (NoSuchFileException vanished) {
                    // dropped or rewritten while the backup ran: the WAL replay recreates what is needed
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
    }
}
