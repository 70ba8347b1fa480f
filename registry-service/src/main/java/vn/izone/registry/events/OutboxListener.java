package vn.izone.registry.events;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Wakes the outbox relay when a change commits: {@code LISTEN izone_outbox} on a connection of its own (not one of
 * the pool's), to which PostgreSQL delivers the notification that {@link OutboxNotifier} sends after every commit
 * that wrote outbox rows, in this instance or another.
 * <p>
 * The connection reconnects by itself: when PostgreSQL restarts (or the connection is cut or goes silent; it is
 * checked every {@link #CHECK_EVERY} without traffic) the listener opens a new one, 0.2 s after the loss and then
 * at most every 5 s, and wakes the relay once it listens again, since the notifications of the commits in between
 * went to the lost connection. Meanwhile the relay's poll carries the events. The wait runs as a task of Quarkus'
 * managed executor; {@link #stop()} ends it within {@link #WAIT}.
 */
@ApplicationScoped
public class OutboxListener {
    private static final Logger LOG = Logger.getLogger(OutboxListener.class);
    public static final String CHANNEL = "izone_outbox";
    /** Longest wait for a notification before looking at the stop flag again. */
    static final Duration WAIT = Duration.ofMillis(500);
    /** A connection without any notification for this long is asked whether it is still alive. */
    static final Duration CHECK_EVERY = Duration.ofSeconds(10);
    private static final Duration FIRST_RETRY = Duration.ofMillis(200);
    private static final Duration LAST_RETRY = Duration.ofSeconds(5);

    @Inject
    ManagedExecutor executor;
    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;
    @ConfigProperty(name = "quarkus.datasource.username")
    Optional<String> username;
    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> password;

    private volatile boolean running;
    private volatile boolean listening;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile Connection connection;
    private Future<?> task;

    /** Starts listening; {@code wake} is called (on the listener's thread) after every commit that wrote outbox rows. */
    void start(Runnable wake) {
        running = true;
        task = executor.runAsync(() -> listen(wake));
    }

    /** Whether the listener currently holds a listening connection (for readiness of the wake-up path, and tests). */
    public boolean listening() {
        return listening;
    }

    void stop() {
        running = false;
        stopped.countDown();
        if (task != null) {
            try {
                task.get(WAIT.toMillis() * 4, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                task.cancel(true);
            }
        }
        close(connection);
    }

    private void listen(Runnable wake) {
        Duration retry = FIRST_RETRY;
        while (running) {
            Connection c = null;
            try {
                c = connect();
                connection = c;
                PGConnection pg = c.unwrap(PGConnection.class);
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                if (retry != FIRST_RETRY) {
                    LOG.infof("outbox listener listens again on %s", CHANNEL);
                }
                listening = true;
                retry = FIRST_RETRY;
                wake.run(); // commits while nobody listened notified no one
                long quietSince = System.nanoTime();
                while (running) {
                    PGNotification[] notifications = pg.getNotifications((int) WAIT.toMillis());
                    if (notifications != null && notifications.length > 0) {
                        quietSince = System.nanoTime();
                        wake.run();
                    } else if (System.nanoTime() - quietSince > CHECK_EVERY.toNanos()) {
                        if (!c.isValid(2)) {
                            throw new SQLException("the listening connection does not answer");
                        }
                        quietSince = System.nanoTime();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    break;
                }
                LOG.warnf("outbox listener lost its connection (%s); the relay polls until it listens again, retry in %d ms",
                        e.getMessage(), retry.toMillis());
                listening = false;
                close(c);
                connection = null;
                pause(retry);
                retry = retry.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : retry.multipliedBy(2);
            } finally {
                listening = false;
            }
        }
        close(connection);
        connection = null;
    }

    private Connection connect() throws SQLException {
        Properties props = new Properties();
        username.ifPresent(u -> props.setProperty("user", u));
        password.ifPresent(p -> props.setProperty("password", p));
        props.setProperty("ApplicationName", "izone-outbox-listener");
        props.setProperty("tcpKeepAlive", "true");
        props.setProperty("connectTimeout", "5");
        return DriverManager.getConnection(url, props);
    }

    private void pause(Duration d) {
        try {
            stopped.await(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static void close(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // already broken
            }
        }
    }
}
