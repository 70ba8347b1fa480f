package vn.izone.metrics.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Plain JDBC on the connection of the current transaction, for what a native query binds badly or slowly:
 * SQL arrays (one statement for a whole batch) and statement batches. Values are always bound, never formatted in.
 */
@ApplicationScoped
public class Jdbc {
    private final EntityManager em;

    public Jdbc(EntityManager em) {
        this.em = em;
    }

    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    public <T> T inTransaction(Work<T> work) {
        return em.unwrap(Session.class).doReturningWork(work::run);
    }
}
