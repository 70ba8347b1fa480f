package vn.izone.registry.api;

import jakarta.persistence.PersistenceException;

import java.sql.SQLException;

/**
 * A failed plain JDBC statement of the write path, as the problem mappers read it: a {@link PersistenceException}
 * around the driver's error, whose SQL state says a constraint (409/422) or an outage (503) (ProblemMappers).
 */
public final class SqlFailure {
    private SqlFailure() {
    }

    public static PersistenceException of(SQLException e) {
        return new PersistenceException(e.getMessage(), e);
    }
}
