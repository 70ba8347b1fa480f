package vn.izone.suite;

import vn.izone.servers.Backups;
import vn.izone.servers.PostgresServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Backups of the local run's PostgreSQL (issue #18, docs/deploy.md "Backups on one machine"). With IZONE_BACKUP=on
 * the server archives its WAL into {@code <backup dir>/wal} and {@link LocalRun} takes a base backup into {@code
 * <backup dir>/base/<instant>} at start and every IZONE_BACKUP_EVERY (24h). {@link #main} ({@code
 * deploy/restore-local.sh <instant>}) restores the data folder's PostgreSQL to an instant, the run being stopped.
 */
public final class LocalBackups {
    private static final DateTimeFormatter FOLDER = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(java.time.ZoneOffset.UTC);

    private LocalBackups() {
    }

    /** A base backup now and every {@code every} after, on a daemon thread. */
    static void keepTakingBaseBackups(PostgresServer postgres, Path backups, Duration every, Consumer<String> say) {
        Thread worker = new Thread(() -> {
            while (true) {
                try {
                    Path target = backups.resolve("base").resolve(FOLDER.format(Instant.now()));
                    Backups.BaseBackup backup = Backups.baseBackup(postgres, target);
                    say.accept("backup: base backup " + target + " (" + backup.bytes() / (1024 * 1024) + " MiB) in "
                            + Duration.between(backup.started(), backup.finished()).toMillis() + " ms; WAL archived into "
                            + postgres.walArchive());
                } catch (RuntimeException e) {
                    say.accept("backup: base backup failed: " + e.getMessage());
                }
                try {
                    Thread.sleep(every.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "izone-base-backup");
        worker.setDaemon(true);
        worker.start();
    }

    /** The newest base backup finished before {@code target}, or null. */
    static Path baseBackupBefore(Path backups, Instant target) {
        Path base = backups.resolve("base");
        if (!Files.isDirectory(base)) {
            return null;
        }
        try (Stream<Path> folders = Files.list(base)) {
            List<Path> usable = folders.filter(p -> Files.exists(p.resolve(Backups.MANIFEST)))
                    .filter(p -> Backups.read(p).finished().isBefore(target))
                    .sorted(Comparator.comparing((Path p) -> Backups.read(p).finished()).reversed()).toList();
            return usable.isEmpty() ? null : usable.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code deploy/restore-local.sh <instant>}: the instant as ISO-8601 with an offset, e.g. 2026-12-01T10:15:00+07:00. */
    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: deploy/restore-local.sh <instant, ISO-8601 with offset, e.g. 2026-12-01T10:15:00+07:00>");
            System.exit(2);
        }
        Instant target;
        try {
            target = OffsetDateTime.parse(args[0]).toInstant();
        } catch (DateTimeParseException e) {
            System.err.println("not an instant with an offset: " + args[0] + " (e.g. 2026-12-01T10:15:00+07:00)");
            System.exit(2);
            return;
        }
        Path root = Path.of(System.getProperty("izone.root", ".")).toAbsolutePath().normalize();
        Path data = Path.of(System.getenv().getOrDefault("IZONE_DATA", root.resolve("deploy/data").toString()));
        Path backups = SuiteConfig.backupDirectory(root, System.getenv());
        Path backup = baseBackupBefore(backups, target);
        if (backup == null) {
            System.err.println("no base backup finished before " + target + " in " + backups.resolve("base"));
            System.exit(1);
        }
        Path postgres = data.resolve("postgres");
        if (Files.exists(postgres.resolve("postmaster.pid"))) {
            System.err.println("PostgreSQL seems to run on " + postgres + " (postmaster.pid): stop the local run first (Ctrl-C)");
            System.exit(1);
        }
        Path aside = data.resolve("postgres.before-restore-" + FOLDER.format(Instant.now()));
        try {
            if (Files.exists(postgres)) {
                Files.move(postgres, aside);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println("restoring " + backup + " and the WAL of " + backups.resolve("wal") + " up to " + target
                + " into " + postgres + " (the previous data folder is kept as " + aside + ")");
        Backups.Restored restored = Backups.restore(backup, backups.resolve("wal"), target, postgres, 0, null);
        restored.server().stop();
        System.out.println("""
                restored in %d ms (copy %d ms, WAL replay and promotion %d ms); last transaction replayed: %s
                Next: start the run so that the registry reconciles with its topics before it takes a change, then
                rebuild metrics (its database, on the same server, went back to that instant too):
                  IZONE_BACKUP=on IZONE_RECOVERY_RECONCILE=true ./deploy/run-local.sh
                  . deploy/data/tokens.env && curl -s -X POST http://127.0.0.1:8082/api/v1/admin/rebuild -H "Authorization: Bearer $IZONE_TOKEN_OPERATOR"
                What the restore lost: curl -s http://127.0.0.1:8081/api/v1/admin/recovery/lost-events
                """.formatted(restored.total().toMillis(), restored.copy().toMillis(), restored.replay().toMillis(),
                restored.lastReplayedCommit()));
    }
}
