package vn.izone.registry.events;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tells every registry instance's relay that outbox rows were committed: {@code NOTIFY izone_outbox}, sent after the
 * writing transaction committed, from a pooled connection of its own, and coalesced (the commits that arrive while
 * one notification is on its way share the next one). Each instance's {@link OutboxListener} hears it and wakes its
 * relay; whichever holds the relay lock sends the events.
 * <p>
 * Why not {@code pg_notify} inside the writing transaction (a trigger, the first version): PostgreSQL then takes a
 * database-wide lock on its notification queue in every writing commit and holds it until the commit is durable, so
 * concurrent writes commit one at a time. Eight writers committed ~600 single writes/s that way, against ~1,950/s
 * with no notification at all and ~2,400/s with this one (docs/performance.md). A rolled-back change still wakes
 * nobody: only a committed one is announced.
 */
@ApplicationScoped
public class OutboxNotifier {
    private static final Logger LOG = Logger.getLogger(OutboxNotifier.class);
    private static final Object REGISTERED = OutboxNotifier.class.getName();

    private final TransactionSynchronizationRegistry transactions;
    private final ManagedExecutor executor;
    private final AgroalDataSource dataSource;
    private final AtomicBoolean pending = new AtomicBoolean();

    public OutboxNotifier(TransactionSynchronizationRegistry transactions, ManagedExecutor executor, AgroalDataSource dataSource) {
        this.transactions = transactions;
        this.executor = executor;
        this.dataSource = dataSource;
    }

    /** In a transaction that writes outbox rows: announce them once it commits (once per transaction). */
    void afterCommit() {
        if (transactions.getResource(REGISTERED) != null) {
            return;
        }
        transactions.putResource(REGISTERED, Boolean.TRUE);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                // nothing to do before the commit
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    committed();
                }
            }
        });
    }

    private void committed() {
        if (pending.compareAndSet(false, true)) {
            executor.runAsync(this::notifyRelays);
        }
    }

    private void notifyRelays() {
        pending.set(false); // a commit from now on asks for the next notification
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("NOTIFY " + OutboxListener.CHANNEL);
        } catch (SQLException e) {
            // the relays' poll (izone.outbox.poll-interval) carries the events
            LOG.debugf("outbox notification not sent: %s", e.getMessage());
        }
    }
}
