package vn.izone.registry.api;

import io.quarkus.arc.ArcUndeclaredThrowableException;
import jakarta.transaction.RollbackException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

import javax.transaction.xa.XAException;
import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which failures are the database being away (503, retry) and which are ours (500). Pure logic. */
class DatabaseUnavailableTest {

    /**
     * The shape the fault drill caught as a plain 500: PostgreSQL killed between the statements and the commit.
     * Narayana's RollbackException has no cause; the XAException carrying the PSQLException is suppressed.
     */
    @Test
    void aCommitLostWithTheConnectionIsUnavailableEvenThoughOnlyASuppressedExceptionSaysSo() {
        var io = new PSQLException("An I/O error occurred while sending to the backend.", PSQLState.CONNECTION_FAILURE);
        var xa = new XAException("Error trying to transactionCommit local transaction: " + io.getMessage());
        xa.initCause(io);
        var rollback = new RollbackException("ARJUNA016053: Could not commit transaction.");
        rollback.addSuppressed(xa);
        var thrown = new ArcUndeclaredThrowableException("Error invoking subclass method", rollback);

        assertTrue(ProblemMappers.databaseUnavailable(thrown));
    }

    @Test
    void shutdownStartingUpAndAnEmptyPoolAreUnavailable() {
        assertTrue(ProblemMappers.databaseUnavailable(new RuntimeException(new SQLException("terminating connection", "57P01"))));
        assertTrue(ProblemMappers.databaseUnavailable(new SQLException("the database system is starting up", "57P03")));
        assertTrue(ProblemMappers.databaseUnavailable(new SQLException("Sorry, acquisition timeout!")));
    }

    @Test
    void aRollbackForAnyOtherReasonAndOtherSqlErrorsAreNot() {
        var rollback = new RollbackException("ARJUNA016053: Could not commit transaction.");
        rollback.addSuppressed(new XAException(XAException.XA_RBINTEGRITY));
        assertFalse(ProblemMappers.databaseUnavailable(new ArcUndeclaredThrowableException("x", rollback)));
        assertFalse(ProblemMappers.databaseUnavailable(new SQLException("division by zero", "22012")));
        assertFalse(ProblemMappers.databaseUnavailable(new IllegalStateException("a bug")));
    }

    @Test
    void aCycleOfCausesAndSuppressedEndsTheSearch() {
        var a = new RuntimeException("a");
        var b = new RuntimeException("b", a);
        a.addSuppressed(b);
        assertFalse(ProblemMappers.databaseUnavailable(b));
    }
}
