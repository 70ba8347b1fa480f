package vn.izone.registry.batch;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;
import vn.izone.registry.api.IdempotencyKeys;
import vn.izone.registry.api.WriteAccess;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Creates many records of one zone in one request, all or none (docs/registry-api.md, "Batch writes"): the
 * items are validated naming each by index and one Idempotency-Key stands for the whole batch. Who may write the
 * zone was decided at the edge ({@code @RolesAllowed}, {@link vn.izone.registry.api.ProvinceScope}). Projects and
 * reports differ only in how they are created and shown.
 */
@ApplicationScoped
public class Batches {
    @Inject
    WriteAccess access;
    private final IdempotencyKeys idempotency;
    private final BatchItems items;

    public Batches(IdempotencyKeys idempotency, BatchItems items) {
        this.idempotency = idempotency;
        this.items = items;
    }

    /** How the records of a batch are created: the zone, the items, the ids to give them, who submits. */
    @FunctionalInterface
    public interface CreateAll<R, V> {
        List<V> create(UUID zoneId, List<R> items, List<UUID> ids, String by);
    }

    /** A batch's id and the records it holds. */
    private record Created<V>(UUID batchId, List<V> views) {
    }

    /** What an Idempotency-Key stands for: the items and the zone they are sent to. */
    record Submission<R>(UUID zoneId, List<R> items) {
    }

    /** Validates and creates the batch, or answers the records a retried key created. */
    @Transactional
    public <R, V> Response create(String kind, UUID zoneId, Batch<R> batch, String key, String actor, CreateAll<R, V> createAll,
                                  Function<UUID, V> view) {
        items.validate(batch);
        String by = access.actor(actor);
        int size = batch.items().size();
        Created<V> created = idempotency.createOnce(key, kind + "-batch", new Submission<>(zoneId, batch.items()), () -> {
            UUID id = UUID.randomUUID();
            return new Created<>(id, createAll.create(zoneId, batch.items(), BatchItems.ids(id, size), by));
        }, Created::batchId, id -> new Created<>(id, BatchItems.ids(id, size).stream().map(view).toList()));
        return Response.status(Response.Status.CREATED)
                .entity(new BatchResult<>(created.batchId(), created.views().size(), created.views())).build();
    }
}
