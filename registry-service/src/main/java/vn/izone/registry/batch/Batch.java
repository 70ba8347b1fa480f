package vn.izone.registry.batch;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * What a department submits to create many records of one zone at once: all of them are created, or none.
 * {@link #MAX_ITEMS} bounds one request (and its transaction); larger submissions are split by the client.
 */
public record Batch<T>(@NotNull @Size(min = 1, max = Batch.MAX_ITEMS) List<@NotNull @Valid T> items) {
    public static final int MAX_ITEMS = 1000;
}
