package vn.izone.metrics.aggregates;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Named exact sums: what a zone adds to every scope it belongs to, and what a scope holds (the sum over its zones).
 * Plain figures ("zones.total", "projects.capital.USD.fdi") and counted values ("status:IN_OPERATION",
 * "reportedTo:2025-03-31") alike are sums, so a scope is folded by adding a zone's new sums and subtracting its old
 * ones, and a minimum or maximum is the smallest or largest counted value still above zero. Zero entries are
 * dropped, so equal figures always have equal sums. BigDecimal throughout: nothing is rounded.
 */
public final class Sums {
    // Hashed, not sorted: the fold and the publisher add to sums far more often than they read them in key order,
    // and the keys share long prefixes ("period:QUARTER|2025|4|…") that made every TreeMap step a long string
    // comparison (a third of metrics' CPU at national scale, JFR). The sorted view is built when asked for.
    private final HashMap<String, BigDecimal> values;
    private TreeMap<String, BigDecimal> sorted;
    /** The entries by their key's head (up to and including its first ':'), built when a prefix is first asked for. */
    private HashMap<String, HashMap<String, BigDecimal>> byHead;

    private Sums(HashMap<String, BigDecimal> values) {
        this.values = values;
    }

    public static Sums empty() {
        return new Sums(new HashMap<>());
    }

    public static Sums of(Map<String, BigDecimal> values) {
        Sums s = empty();
        values.forEach(s::add);
        return s;
    }

    /** Adds in place. The sum keeps the scale the additions give it; 2.50 and 2.5 are one figure (see {@link #get}). */
    public Sums add(String key, BigDecimal value) {
        if (value == null || value.signum() == 0) {
            return this;
        }
        BigDecimal old = values.get(key);
        BigDecimal sum = old == null ? value : old.add(value);
        if (sum.signum() == 0) {
            values.remove(key);
        } else {
            values.put(key, sum);
        }
        sorted = null;
        byHead = null;
        return this;
    }

    /** Forgets the sorted and by-prefix views built for reading (sums kept in memory between reads stay small). */
    public void dropViews() {
        sorted = null;
        byHead = null;
    }

    public Sums add(String key, long value) {
        return add(key, BigDecimal.valueOf(value));
    }

    public Sums plus(Sums other) {
        Sums s = new Sums(new HashMap<>(values));
        other.values.forEach(s::add);
        return s;
    }

    public Sums minus(Sums other) {
        Sums s = new Sums(new HashMap<>(values));
        other.values.forEach((k, v) -> s.add(k, v.negate()));
        return s;
    }

    /** How many figures are not zero. */
    public int size() {
        return values.size();
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** The figure, without trailing zeros (zero when absent). */
    public BigDecimal get(String key) {
        BigDecimal v = values.get(key);
        return v == null ? BigDecimal.ZERO : v.stripTrailingZeros();
    }

    public long count(String key) {
        return get(key).longValueExact();
    }

    /** The entries whose key starts with {@code prefix}, with the prefix cut off, in key order. */
    public TreeMap<String, BigDecimal> withPrefix(String prefix) {
        TreeMap<String, BigDecimal> out = new TreeMap<>();
        forEachWithPrefix(prefix, out::put);
        return out;
    }

    /**
     * Each entry whose key starts with {@code prefix}, with the prefix cut off, in no particular order. A snapshot asks
     * for a dozen prefixes of sums holding ~1,000 figures: only the entries of the prefix's head ("period:",
     * "status:", …) are looked at, and nothing is sorted (sorting them all was most of a publishing round's CPU, JFR).
     */
    public void forEachWithPrefix(String prefix, java.util.function.BiConsumer<String, BigDecimal> action) {
        int colon = prefix.indexOf(':');
        Map<String, BigDecimal> candidates = colon < 0 ? values : byHead().getOrDefault(prefix.substring(0, colon + 1), new HashMap<>());
        candidates.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                action.accept(k.substring(prefix.length()), v.stripTrailingZeros());
            }
        });
    }

    private HashMap<String, HashMap<String, BigDecimal>> byHead() {
        if (byHead == null) {
            byHead = new HashMap<>();
            values.forEach((k, v) -> {
                int colon = k.indexOf(':');
                byHead.computeIfAbsent(colon < 0 ? "" : k.substring(0, colon + 1), h -> new HashMap<>()).put(k, v);
            });
        }
        return byHead;
    }

    /** Every entry, in key order. */
    public Map<String, BigDecimal> asMap() {
        return Collections.unmodifiableMap(sorted());
    }

    /** Every entry, in no particular order (the cheap way to fold these sums into others). */
    public void forEach(java.util.function.BiConsumer<String, BigDecimal> action) {
        values.forEach(action);
    }

    private TreeMap<String, BigDecimal> sorted() {
        if (sorted == null) {
            sorted = new TreeMap<>(values);
        }
        return sorted;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Sums s) || s.values.size() != values.size()) {
            return false;
        }
        for (Map.Entry<String, BigDecimal> e : values.entrySet()) {
            BigDecimal other = s.values.get(e.getKey());
            if (other == null || other.compareTo(e.getValue()) != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 0;
        for (Map.Entry<String, BigDecimal> e : values.entrySet()) {
            h += e.getKey().hashCode() ^ e.getValue().stripTrailingZeros().hashCode();
        }
        return h;
    }

    @Override
    public String toString() {
        return sorted().toString();
    }
}
