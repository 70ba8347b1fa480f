package vn.izone.metrics.aggregates;

import java.math.BigDecimal;
import java.util.Collections;
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
    private final TreeMap<String, BigDecimal> values;

    private Sums(TreeMap<String, BigDecimal> values) {
        this.values = values;
    }

    public static Sums empty() {
        return new Sums(new TreeMap<>());
    }

    public static Sums of(Map<String, BigDecimal> values) {
        Sums s = empty();
        values.forEach(s::add);
        return s;
    }

    public Sums add(String key, BigDecimal value) {
        if (value == null || value.signum() == 0) {
            return this;
        }
        BigDecimal sum = values.getOrDefault(key, BigDecimal.ZERO).add(value);
        if (sum.signum() == 0) {
            values.remove(key);
        } else {
            values.put(key, sum.stripTrailingZeros()); // 2.50 and 2.5 are one figure
        }
        return this;
    }

    public Sums add(String key, long value) {
        return add(key, BigDecimal.valueOf(value));
    }

    public Sums plus(Sums other) {
        Sums s = new Sums(new TreeMap<>(values));
        other.values.forEach(s::add);
        return s;
    }

    public Sums minus(Sums other) {
        Sums s = new Sums(new TreeMap<>(values));
        other.values.forEach((k, v) -> s.add(k, v.negate()));
        return s;
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    public BigDecimal get(String key) {
        return values.getOrDefault(key, BigDecimal.ZERO);
    }

    public long count(String key) {
        return get(key).longValueExact();
    }

    /** The entries whose key starts with {@code prefix}, with the prefix cut off, in key order. */
    public Map<String, BigDecimal> withPrefix(String prefix) {
        Map<String, BigDecimal> out = new TreeMap<>();
        values.subMap(prefix, prefix + Character.MAX_VALUE).forEach((k, v) -> out.put(k.substring(prefix.length()), v));
        return out;
    }

    public Map<String, BigDecimal> asMap() {
        return Collections.unmodifiableMap(values);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sums s && values.equals(s.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
