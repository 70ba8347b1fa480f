package vn.izone.metrics.store;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Keeps the live consumers and a rebuild apart: every live event is applied under the read lock, a rebuild
 * holds the write lock from the truncation to the end of its replay, so the live channels wait (their
 * partitions are paused by back-pressure) and resume on a store that already holds everything replayed.
 * One metrics instance rebuilds at a time (see docs/metrics.md).
 */
@ApplicationScoped
public class ApplyLock {
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock(true);

    public ReentrantReadWriteLock.ReadLock live() {
        return lock.readLock();
    }

    public ReentrantReadWriteLock.WriteLock rebuild() {
        return lock.writeLock();
    }
}
