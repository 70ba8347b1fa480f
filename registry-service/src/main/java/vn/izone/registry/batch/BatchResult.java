package vn.izone.registry.batch;

import java.util.List;
import java.util.UUID;

/** The records a batch created, in the order of its items; {@code batchId} is what a retried key finds again. */
public record BatchResult<T>(UUID batchId, int count, List<T> items) {
}
