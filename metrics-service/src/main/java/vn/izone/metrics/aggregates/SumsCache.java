package vn.izone.metrics.aggregates;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
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
 * Called by the publisher's lane above zones only (one round at a time). Zones are not kept (3,000 of them would
 * cost more memory than reading them costs); but a zone's sums as its applying transaction left them are handed to
 * the zone lane ({@link #zonesChanged}, {@link #zones}), which sends them without a read if nothing moved since.
 */
@ApplicationScoped
public class SumsCache {
    /** A scope is read whole when more than 1/this of its figures were named: probing each row costs more. */
    static final int WHOLE_ABOVE = 4;

    private final Jdbc jdbc;
    private final Map<String, Kept> kept = new ConcurrentHashMap<>();
    /** Figure names, one copy for every scope that holds them (most names recur in hundreds of scopes). */
    private final Map<String, String> names = new ConcurrentHashMap<>();
    private final AtomicLong rowsReread = new AtomicLong();
    private final AtomicLong scopesReadWhole = new AtomicLong();
    private final AtomicLong zonesHandedOver = new AtomicLong();

    /**
     * Zones' sums as their last applying transaction left them, with their mark's version then: the zone lane sends
     * these instead of reading the zone's rows, as long as the mark has not moved since. Bounded: past this many
     * waiting (a catch-up changes every zone), a zone is read.
     */
    static final int ZONES_HANDED_OVER = 2000;
    private final Map<String, Kept> zones = new ConcurrentHashMap<>();
    private final TransactionSynchronizationRegistry transactions;

    public SumsCache(Jdbc jdbc, TransactionSynchronizationRegistry transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /**
     * In the applying transaction: the zones it changed, their marks' versions (on {@link PublishQueue#ZONE_MARKS})
     * and their sums as it leaves them. Kept once the transaction commits, not before: a version rolled back would be
     * taken again by the next change, with other sums.
     */
    public void zonesChanged(Map<String, Long> versions, Map<String, Sums> sums) {
        if (versions.isEmpty() || transactions == null) {
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status != Status.STATUS_COMMITTED) {
                    return;
                }
                versions.forEach((key, version) -> {
                    Sums s = sums.get(key);
                    if (s != null && (zones.size() < ZONES_HANDED_OVER || zones.containsKey(key))) {
                        zones.put(key, new Kept(s, Map.of(PublishQueue.ZONE_MARKS, version)));
                    }
                });
            }
        });
    }

    /**
     * The zones' sums for the zone lane: as their last applying transaction left them where nothing was applied since
     * (their mark is at the version it left, and no other mark of theirs is due), read otherwise. Each zone is handed
     * over once: the next round reads it if it is due again without a change of this instance's.
     */
    public Map<String, Sums> zones(Collection<String> keys, Map<String, List<PublishQueue.Mark>> marks,
                                   java.util.function.Function<Collection<String>, Map<String, Sums>> read) {
        Map<String, Sums> out = new LinkedHashMap<>();
        List<String> unread = new ArrayList<>();
        for (String key : keys) {
            Kept handed = zones.remove(key);
            if (handed != null && unchangedSince(handed, marks.getOrDefault(key, List.of()))) {
                out.put(key, handed.sums());
                zonesHandedOver.incrementAndGet();
            } else {
                unread.add(key);
            }
        }
        if (!unread.isEmpty()) {
            out.putAll(read.apply(unread));
        }
        return out;
    }

    private static boolean unchangedSince(Kept handed, List<PublishQueue.Mark> marks) {
        boolean seen = false;
        for (PublishQueue.Mark m : marks) {
            if (m.shard() == PublishQueue.ZONE_MARKS) {
                seen = m.version() == handed.versions().get(PublishQueue.ZONE_MARKS);
                if (!seen) {
                    return false;
                }
            } else if (m.due()) {
                return false; // a change marked the old way (an instance of before V26): read it
            }
        }
        return seen;
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
                if (moved.size() * WHOLE_ABOVE > k.sums().size()) {
                    whole.add(key); // most of it moved (a catch-up): one pass over its rows beats a probe per row and shard
                } else if (!moved.isEmpty()) {
                    changedNames.put(key, moved);
                }
            }
            if (!changedNames.isEmpty()) {
                ScopeRows.readNamed(c, changedNames).forEach((key, figures) -> {
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
        zones.clear();
    }

    /** How many figures are kept, over every scope (a gauge: the memory this costs). */
    public long figuresKept() {
        return kept.values().stream().mapToLong(k -> k.sums().size()).sum();
    }

    /** Rows re-read because a log named them, since the start. */
    public long rowsReread() {
        return rowsReread.get();
    }

    /** Zones sent as their applying transaction left them (not read), since the start. */
    public long zonesHandedOver() {
        return zonesHandedOver.get();
    }

    /** Scopes read whole (first read, unknown log, another instance published), since the start. */
    public long scopesReadWhole() {
        return scopesReadWhole.get();
    }
}
