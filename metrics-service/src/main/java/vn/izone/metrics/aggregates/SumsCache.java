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
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sums of the scopes above zones as this publisher last read them, kept between its rounds so that a round reads
 * only the shards whose rows changed since: a province's or the country's sums are a thousand figures, and grouping
 * every due scope's rows of every shard in every round was three quarters of PostgreSQL's time in the bench's 200/s
 * phase (pg_stat_statements, 2026-12-03). A scope is kept as each shard's part, with the version of the shard's mark
 * the part was read at, and their total.
 * <p>
 * Why it is exact: every transaction that writes a scope's rows on a shard bumps that (scope, shard) mark's version
 * in the same transaction ({@link PublishQueue#markChanged}). A round reads the marks first and the rows after, so a
 * part is at least as new as the version recorded with it; a change committed after the rows were read bumps the
 * version past the recorded one, and the next round reads that shard again. Nothing depends on who published what
 * (another instance, a rebuild): only on versions, which only go up. A part whose shard has no mark (rows from before
 * marks were kept, V27 gives them one) is read again in every round. docs/metrics.md, "Publishing".
 * <p>
 * Called by the publisher's lane above zones only (one round at a time). Zones are not kept (3,000 of them would
 * cost more memory than reading them costs); but a zone's sums as its applying transaction left them are handed to
 * the zone lane ({@link #zonesChanged}, {@link #zones}), which sends them without a read if nothing moved since.
 */
@ApplicationScoped
public class SumsCache {
    private final Jdbc jdbc;
    private final Map<String, Kept> kept = new ConcurrentHashMap<>();
    /** Figure names, one copy for every scope that holds them (most names recur in hundreds of scopes). */
    private final Map<String, String> names = new ConcurrentHashMap<>();
    private final AtomicLong shardsReread = new AtomicLong();
    private final AtomicLong scopesReadWhole = new AtomicLong();
    private final AtomicLong zonesHandedOver = new AtomicLong();
    private static final AtomicLong PERIODS_VERSIONS = new AtomicLong();

    /**
     * Zones' sums as their last applying transaction left them, with their mark's version then: the zone lane sends
     * these instead of reading the zone's rows, as long as the mark has not moved since. Bounded: past this many
     * waiting (a catch-up changes every zone), a zone is read.
     */
    static final int ZONES_HANDED_OVER = 2000;
    private final Map<String, Handed> zones = new ConcurrentHashMap<>();
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
    public void zonesChanged(Map<String, Long> versions, Map<String, Aggregates.ZoneSums> sums) {
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
                    Aggregates.ZoneSums s = sums.get(key);
                    if (s != null && (zones.size() < ZONES_HANDED_OVER || zones.containsKey(key))) {
                        zones.put(key, new Handed(s, version));
                    }
                });
            }
        });
    }

    /**
     * The zones' sums for the zone lane: as their last applying transaction left them where nothing was applied since
     * (their mark is at the version it left, and no other mark of theirs is due), read otherwise. Each zone is handed
     * over once: the next round reads it if it is due again without a change of this instance's. {@code heldPeriods}:
     * the periods version of each zone's periods the publisher holds; sums handed over without their periods are used
     * only where the publisher holds the periods of that version, and a read leaves them out where it does.
     */
    public Map<String, Aggregates.ZoneSums> zones(Collection<String> keys, Map<String, List<PublishQueue.Mark>> marks,
                                                  java.util.function.Function<String, Long> heldPeriods,
                                                  java.util.function.BiFunction<Collection<String>, java.util.function.Function<String, Long>,
                                                          Map<String, Aggregates.ZoneSums>> read) {
        Map<String, Aggregates.ZoneSums> out = new LinkedHashMap<>();
        List<String> unread = new ArrayList<>();
        for (String key : keys) {
            Handed handed = zones.remove(key);
            if (handed != null && unchangedSince(handed, marks.getOrDefault(key, List.of()))
                    && (handed.sums().periodsIncluded() || Long.valueOf(handed.sums().periodsVersion()).equals(heldPeriods.apply(key)))) {
                out.put(key, handed.sums());
                zonesHandedOver.incrementAndGet();
            } else {
                unread.add(key);
            }
        }
        if (!unread.isEmpty()) {
            out.putAll(read.apply(unread, heldPeriods));
        }
        return out;
    }

    private static boolean unchangedSince(Handed handed, List<PublishQueue.Mark> marks) {
        boolean seen = false;
        for (PublishQueue.Mark m : marks) {
            if (m.shard() == PublishQueue.ZONE_MARKS) {
                seen = m.version() == handed.version();
                if (!seen) {
                    return false;
                }
            } else if (m.due()) {
                return false; // a change marked the old way (an instance of before V26): read it
            }
        }
        return seen;
    }

    /** A zone's sums as its applying transaction left them, and its mark's version then. */
    private record Handed(Aggregates.ZoneSums sums, long version) {
    }

    /** A scope: each shard's part, the version of the shard's mark it was read at (none: no mark then), their total. */
    private static final class Kept {
        final Sums total = Sums.empty();
        final Map<Integer, Sums> parts = new HashMap<>();
        final Map<Integer, Long> versions = new HashMap<>();
        /**
         * The version of the total's report periods: taken anew whenever a part replaced holds other period figures
         * than the part it replaces, so the publisher reuses the periods it sent while it stands (most parts read
         * again moved by projects only, which no period holds). From one counter: no two totals share a version.
         */
        long periodsVersion = PERIODS_VERSIONS.incrementAndGet();

        /** The shard's part as now read: the old one leaves the total, the new one joins it (exact: BigDecimal). */
        void replace(int shard, Sums part) {
            Sums old = part.isEmpty() ? parts.remove(shard) : parts.put(shard, part);
            if (!samePeriods(old, part)) {
                periodsVersion = PERIODS_VERSIONS.incrementAndGet();
            }
            if (old != null) {
                old.forEach((figure, value) -> total.add(figure, value.negate()));
            }
            part.forEach(total::add);
        }

        /** Whether the two parts hold the same report-period figures (a part that is not there holds none). */
        private static boolean samePeriods(Sums old, Sums now) {
            int[] counted = {0, 0};
            boolean[] same = {true};
            now.forEach((figure, value) -> {
                if (Aggregates.isPeriodFigure(figure)) {
                    counted[0]++;
                    if (old == null || old.get(figure).compareTo(value) != 0) {
                        same[0] = false;
                    }
                }
            });
            if (old != null) {
                old.forEach((figure, value) -> {
                    if (Aggregates.isPeriodFigure(figure)) {
                        counted[1]++;
                    }
                });
            }
            return same[0] && counted[0] == counted[1];
        }

        /** The shards to read again: those whose mark moved from the version read (or appeared), and those without one. */
        Set<Integer> stale(List<PublishQueue.Mark> marks) {
            Set<Integer> stale = new TreeSet<>();
            Set<Integer> marked = new HashSet<>();
            for (PublishQueue.Mark m : marks) {
                marked.add(m.shard());
                Long read = versions.get(m.shard());
                if (read == null || read != m.version()) {
                    stale.add(m.shard());
                }
            }
            parts.keySet().stream().filter(shard -> !marked.contains(shard)).forEach(stale::add);
            return stale;
        }
    }

    /**
     * The sums of the scopes, from the marks read before (in this transaction): each scope kept and brought up to
     * date by reading again the shards whose version moved, or read whole and kept. The sums returned are the kept
     * ones: read them before the next call.
     */
    public Map<String, Sums> read(Collection<String> keys, Map<String, List<PublishQueue.Mark>> marks) {
        return jdbc.inTransaction(c -> {
            Set<String> unique = new LinkedHashSet<>(keys);
            List<String> whole = new ArrayList<>();
            List<String> staleKeys = new ArrayList<>();
            List<Integer> staleShards = new ArrayList<>();
            for (String key : unique) {
                Kept k = kept.get(key);
                if (k == null) {
                    whole.add(key);
                    continue;
                }
                for (int shard : k.stale(marks.getOrDefault(key, List.of()))) {
                    staleKeys.add(key);
                    staleShards.add(shard);
                }
            }
            if (!staleKeys.isEmpty()) {
                ScopeRows.readShards(c, staleKeys, staleShards, this::name).forEach((key, parts) -> {
                    Kept k = kept.get(key);
                    parts.forEach(k::replace);
                });
                shardsReread.addAndGet(staleKeys.size());
            }
            if (!whole.isEmpty()) {
                Map<String, Map<Integer, Sums>> read = ScopeRows.readByShard(c, whole, this::name);
                for (String key : whole) {
                    Kept k = new Kept();
                    read.getOrDefault(key, Map.of()).forEach(k::replace);
                    kept.put(key, k);
                }
                scopesReadWhole.addAndGet(whole.size());
            }
            Map<String, Sums> out = new LinkedHashMap<>();
            for (String key : unique) {
                Kept k = kept.get(key);
                k.versions.clear();
                for (PublishQueue.Mark m : marks.getOrDefault(key, List.of())) {
                    k.versions.put(m.shard(), m.version());
                }
                out.put(key, k.total);
            }
            return out;
        });
    }

    /**
     * The version of the report periods of a scope as last {@link #read}: it moves whenever they may have; the
     * publisher reuses the periods it sent for the scope while it stands.
     */
    public long periodsVersion(String key) {
        return kept.get(key).periodsVersion;
    }

    private String name(String figure) {
        return names.computeIfAbsent(figure, n -> n);
    }

    /** Forgets every scope kept (the next round reads them whole). */
    public void forget() {
        kept.clear();
        zones.clear();
    }

    /** How many figures are kept, over every scope, totals and shards' parts (a gauge: the memory this costs). */
    public long figuresKept() {
        return kept.values().stream().mapToLong(k -> k.total.size() + k.parts.values().stream().mapToLong(Sums::size).sum()).sum();
    }

    /** (scope, shard) parts read again because their version moved, since the start. */
    public long shardsReread() {
        return shardsReread.get();
    }

    /** Zones sent as their applying transaction left them (not read), since the start. */
    public long zonesHandedOver() {
        return zonesHandedOver.get();
    }

    /** Scopes read whole (their first read since the start or since {@link #forget}), since the start. */
    public long scopesReadWhole() {
        return scopesReadWhole.get();
    }
}
