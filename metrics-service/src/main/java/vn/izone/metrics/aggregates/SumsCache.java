package vn.izone.metrics.aggregates;

import jakarta.enterprise.context.ApplicationScoped;
import vn.izone.metrics.publish.PublishQueue;
import vn.izone.metrics.store.Jdbc;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sums of the scopes above zones as this publisher last read them, kept between its rounds so that a round reads
 * only the rows changed since: a province's or the country's sums are a thousand figures on each of up to ~30 shards,
 * and a change moves a few of them (grouping them all was nearly all of PostgreSQL's time in the bench's live phases).
 * <p>
 * What changed is the publish queue's log ({@link PublishQueue.Mark#changed}): the applying transactions append the
 * rows they change, in commit order, and a publisher drops the part it read only once it has published it. So a kept
 * scope is up to date after re-reading the rows named in the logs of the shards whose version moved, provided nothing
 * was dropped from a log that this cache had not read: true while no mark was published past the version the cache
 * read it at (another instance publishing a scope drops what it read, and a rebuild makes every log unknown). When
 * that does not hold, or a log is unknown, the scope is read whole, as it was before. Why it is exact: docs/metrics.md.
 * <p>
 * Called by the publisher's lane above zones only (one round at a time); zones are one row each and always read whole.
 */
@ApplicationScoped
public class SumsCache {
    private final Jdbc jdbc;
    private final Map<String, Kept> kept = new ConcurrentHashMap<>();
    /** Figure names, one copy for every scope that holds them (most names recur in hundreds of scopes). */
    private final Map<String, String> names = new ConcurrentHashMap<>();
    private final AtomicLong rowsReread = new AtomicLong();
    private final AtomicLong scopesReadWhole = new AtomicLong();

    public SumsCache(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** A scope's sums and, per shard, the version of its mark they include. */
    private record Kept(Sums sums, Map<Integer, Long> versions) {
    }

    /**
     * The sums of the scopes, from the marks read before (in this transaction): each scope kept and brought up to
     * date, or read whole and kept. The sums returned are the kept ones: read them before the next call.
     */
    public Map<String, Sums> read(Collection<String> keys, Map<String, List<PublishQueue.Mark>> marks) {
        return jdbc.inTransaction(c -> {
            Map<String, Sums> out = new LinkedHashMap<>();
            List<String> whole = new ArrayList<>();
            Map<String, Set<String>> changedNames = new HashMap<>();
            Map<String, List<Integer>> shards = new HashMap<>();
            for (String key : keys) {
                List<PublishQueue.Mark> scopeMarks = marks.getOrDefault(key, List.of());
                Kept k = kept.get(key);
                if (k == null || !upToDateWith(k, scopeMarks)) {
                    whole.add(key);
                    continue;
                }
                Set<String> moved = new TreeSet<>();
                for (PublishQueue.Mark m : scopeMarks) {
                    if (m.version() > k.versions().getOrDefault(m.shard(), 0L)) {
                        moved.addAll(m.changed());
                    }
                }
                if (!moved.isEmpty()) {
                    changedNames.put(key, moved);
                    shards.put(key, scopeMarks.stream().map(PublishQueue.Mark::shard).toList());
                }
            }
            if (!changedNames.isEmpty()) {
                ScopeRows.readNamed(c, changedNames, shards).forEach((key, figures) -> {
                    Sums sums = kept.get(key).sums();
                    figures.forEach((figure, value) -> sums.set(name(figure), value));
                    rowsReread.addAndGet(changedNames.get(key).size());
                });
            }
            if (!whole.isEmpty()) {
                ScopeRows.readMany(c, whole).forEach((key, sums) -> {
                    Sums interned = Sums.empty();
                    sums.forEach((figure, value) -> interned.add(name(figure), value));
                    kept.put(key, new Kept(interned, new HashMap<>()));
                });
                scopesReadWhole.addAndGet(whole.size());
            }
            for (String key : keys) {
                Kept k = kept.get(key);
                for (PublishQueue.Mark m : marks.getOrDefault(key, List.of())) {
                    k.versions().put(m.shard(), m.version());
                }
                out.put(key, k.sums());
            }
            return out;
        });
    }

    /**
     * Whether every change since the kept read is still in the logs: each log known, no mark published past the
     * version kept (an unseen shard counts as version 0: its log then starts at its first change), none gone back.
     */
    private static boolean upToDateWith(Kept k, List<PublishQueue.Mark> marks) {
        for (PublishQueue.Mark m : marks) {
            long read = k.versions().getOrDefault(m.shard(), 0L);
            if (m.changed() == null || m.published() > read || m.version() < read) {
                return false;
            }
        }
        return true;
    }

    private String name(String figure) {
        return names.computeIfAbsent(figure, n -> n);
    }

    /** Forgets every scope kept (the next round reads them whole). */
    public void forget() {
        kept.clear();
    }

    /** How many figures are kept, over every scope (a gauge: the memory this costs). */
    public long figuresKept() {
        return kept.values().stream().mapToLong(k -> k.sums().size()).sum();
    }

    /** Rows re-read because a log named them, since the start. */
    public long rowsReread() {
        return rowsReread.get();
    }

    /** Scopes read whole (first read, unknown log, another instance published), since the start. */
    public long scopesReadWhole() {
        return scopesReadWhole.get();
    }
}
