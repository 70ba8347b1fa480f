package vn.izone.metrics.aggregates;

import vn.izone.metrics.indicators.Scope;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * How the sums of every scope, zones included, are stored: partial rows per (scope, shard), summed when read. Plain
 * figures are one row each ({@code scope_value}); the twelve figures every reported period has
 * ({@code period:QUARTER|2025|1|revenue}, {@code …|revenueN}, …, see {@link ZoneFigures}) are one row per period with
 * a column each ({@code scope_period}, V25). A report moves all twelve of its period at once, so as twelve rows it
 * was ~19 of the ~20 rows upserted per applied event at national scale (pg_stat_statements); as one row it is one.
 * The column names are constants of this class; every value is bound.
 */
final class ScopeRows {
    /** The members of a period, in column order, and their columns. */
    static final List<String> PERIOD_MEMBERS = List.of("reports", "revenue", "revenueN", "export", "exportN", "budget",
            "budgetN", "workers", "workersN", "incomeXWorkers", "incomeWorkers", "zones");
    private static final List<String> PERIOD_COLUMNS = List.of("reports", "revenue", "revenue_n", "export", "export_n",
            "budget", "budget_n", "workers", "workers_n", "income_x_workers", "income_workers", "zones");
    private static final Map<String, Integer> MEMBER_INDEX = IntStream.range(0, PERIOD_MEMBERS.size()).boxed()
            .collect(Collectors.toMap(PERIOD_MEMBERS::get, i -> i));
    private static final String PERIOD = "period:";
    private static final int N = PERIOD_MEMBERS.size();

    private static final String COLUMNS = String.join(", ", PERIOD_COLUMNS);
    private static final String ALL_ZERO = allZero("");
    private static final String UPSERT_PERIODS = "INSERT INTO scope_period (scope_key, shard, period, " + COLUMNS + ")\n"
            + "SELECT k, s, p, " + IntStream.range(0, N).mapToObj(i -> "c" + i).collect(Collectors.joining(", "))
            + " FROM unnest(?::text[], ?::int[], ?::text[], " + "?::numeric[], ".repeat(N - 1) + "?::numeric[]) AS d(k, s, p, "
            + IntStream.range(0, N).mapToObj(i -> "c" + i).collect(Collectors.joining(", ")) + ")\n"
            + "ON CONFLICT (scope_key, shard, period) DO UPDATE SET "
            + PERIOD_COLUMNS.stream().map(c -> c + " = scope_period." + c + " + EXCLUDED." + c).collect(Collectors.joining(", "))
            + "\nRETURNING scope_key, shard, period, (" + ALL_ZERO + ")";
    private static final String READ_PERIODS = "SELECT scope_key, period, "
            + PERIOD_COLUMNS.stream().map(c -> "sum(" + c + ")").collect(Collectors.joining(", "))
            + " FROM scope_period WHERE scope_key = ANY(?) GROUP BY scope_key, period";
    private static final String READ_ZONE_PERIODS = "SELECT scope_key, period, " + COLUMNS
            + " FROM scope_period WHERE scope_key = ANY(?)";
    private static final String READ_VALUES =
            "SELECT scope_key, figure, sum(value) FROM scope_value WHERE scope_key = ANY(?) GROUP BY scope_key, figure";
    static final String READ_ZONE_VALUES = "SELECT scope_key, figure, value FROM scope_value WHERE scope_key = ANY(?)";
    // By the primary key's (scope, shard) range: the rows of one shard of a scope, nothing of its other shards.
    // (a lateral probe per pair: a plain join with the pairs hashed the whole table)
    private static final String READ_SHARD_VALUES = "SELECT p.k, p.s, v.figure, v.value FROM unnest(?::text[], ?::int[]) AS p(k, s)"
            + " CROSS JOIN LATERAL (SELECT figure, value FROM scope_value x WHERE x.scope_key = p.k AND x.shard = p.s) v";
    private static final String READ_SHARD_PERIODS = "SELECT p.k, p.s, v.period, "
            + PERIOD_COLUMNS.stream().map(c -> "v." + c).collect(Collectors.joining(", "))
            + " FROM unnest(?::text[], ?::int[]) AS p(k, s) CROSS JOIN LATERAL (SELECT period, " + COLUMNS
            + " FROM scope_period x WHERE x.scope_key = p.k AND x.shard = p.s) v";

    /**
     * The order a scope's rows are upserted in, the same in every transaction, so that two writers of one shard's rows
     * lock them alike and never deadlock: by the figure's hash, and by name only on a tie. Any fixed order does; by
     * name alone, the figures' long shared prefixes ("period:QUARTER|2025|4|…", "projects.capital.…") made the sort
     * ~8 % of metrics' CPU in the national catch-up (JFR, session 14).
     */
    static final java.util.Comparator<String> LOCK_ORDER = java.util.Comparator.comparingInt(String::hashCode)
            .thenComparing(java.util.Comparator.naturalOrder());

    private ScopeRows() {
    }

    /** Deltas to fold into the rows of one shard. */
    record ShardDeltas(int shard, Map<String, Sums> deltas) {
    }

    /**
     * Adds the deltas to the scopes' rows of their shards, part by part in the order given, scope by scope in key
     * order, a scope's figures in {@link #LOCK_ORDER} and its periods in order, so that concurrent writers of a shard
     * never deadlock; the rows that came back to zero are deleted (equal figures, equal rows). Nothing else of a scope
     * is read or rewritten. Every part goes in the same statements (one for figures, one for periods): an applying
     * transaction folds a zone's own rows and those above it together, and on a machine whose cores are busy each
     * round trip to PostgreSQL cost a few milliseconds of waiting (wall-clock profile, session 14).
     */
    static void fold(Connection c, List<ShardDeltas> parts) throws SQLException {
        Rows plain = new Rows();
        Rows byPeriod = new Rows();
        List<List<BigDecimal>> members = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            members.add(new ArrayList<>());
        }
        for (ShardDeltas part : parts) {
            new TreeMap<>(part.deltas()).forEach((scope, delta) -> {
                TreeMap<String, BigDecimal[]> periods = new TreeMap<>();
                List<Map.Entry<String, BigDecimal>> entries = new ArrayList<>(delta.size());
                delta.forEach((figure, value) -> entries.add(Map.entry(figure, value)));
                entries.sort(Map.Entry.comparingByKey(LOCK_ORDER));
                for (Map.Entry<String, BigDecimal> entry : entries) {
                    String figure = entry.getKey();
                    int member = member(figure);
                    if (member < 0) {
                        plain.add(scope, part.shard(), figure);
                        plain.values.add(entry.getValue());
                    } else {
                        String period = figure.substring(PERIOD.length(), figure.lastIndexOf('|'));
                        periods.computeIfAbsent(period, p -> zeros())[member] = entry.getValue();
                    }
                }
                periods.forEach((period, v) -> {
                    byPeriod.add(scope, part.shard(), period);
                    for (int i = 0; i < N; i++) {
                        members.get(i).add(v[i]);
                    }
                });
            });
        }
        foldPlain(c, plain);
        foldPeriods(c, byPeriod, members);
    }

    /** Rows to fold or delete: (scope, shard, figure or period), column by column, and a plain figure's value. */
    private static final class Rows {
        final List<String> scopes = new ArrayList<>();
        final List<Integer> shards = new ArrayList<>();
        final List<String> names = new ArrayList<>();
        final List<BigDecimal> values = new ArrayList<>();

        void add(String scope, int shard, String name) {
            scopes.add(scope);
            shards.add(shard);
            names.add(name);
        }

        boolean isEmpty() {
            return scopes.isEmpty();
        }

        /** Binds scopes, shards and names as three arrays from parameter {@code first}. */
        void bind(Connection c, PreparedStatement s, int first) throws SQLException {
            s.setArray(first, c.createArrayOf("text", scopes.toArray()));
            s.setArray(first + 1, c.createArrayOf("integer", shards.toArray()));
            s.setArray(first + 2, c.createArrayOf("text", names.toArray()));
        }
    }

    /** {@link #read}, for hundreds of scopes at once (a publishing round, a referee's pass). */
    static Map<String, Sums> readMany(Connection c, Collection<String> keys) throws SQLException {
        // Hundreds of scopes of ~1,000 figures each: with the default 4 MB the grouping spilled to disk (an external
        // merge sort of 27 MB, 3.3 s of a 3.3 s read, EXPLAIN ANALYZE at national scale). For this transaction only.
        try (var memory = c.createStatement()) {
            memory.execute("SET LOCAL work_mem = '64MB'");
        }
        return read(c, keys);
    }

    /** The scopes' sums, by key: their rows of every shard summed exactly by PostgreSQL (numeric). */
    static Map<String, Sums> read(Connection c, Collection<String> keys) throws SQLException {
        return read(c, keys, true);
    }

    /**
     * {@link #read(Connection, Collection)}, with or without the {@code period:} figures (the scope_period rows): what
     * a project changes of a zone, and what the publisher needs of a zone whose periods it holds, is the rest.
     */
    static Map<String, Sums> read(Connection c, Collection<String> keys, boolean periods) throws SQLException {
        Map<String, Sums> out = new HashMap<>();
        keys.forEach(k -> out.put(k, Sums.empty()));
        if (keys.isEmpty()) {
            return out;
        }
        java.sql.Array array = c.createArrayOf("text", keys.toArray());
        // A zone's rows are all on one shard (Aggregates.ZONE_SHARD): nothing to group, and Sums.add would add up any
        // second row exactly all the same. Grouping them cost PostgreSQL 2/3 of the read (EXPLAIN ANALYZE, 25 zones:
        // 3.0 -> 0.9 ms), and the applying transaction reads its zones' sums on every batch.
        boolean zones = keys.stream().allMatch(Scope::isZoneKey);
        try (PreparedStatement q = c.prepareStatement(zones ? READ_ZONE_VALUES : READ_VALUES)) {
            q.setArray(1, array);
            try (ResultSet rs = q.executeQuery()) {
                addValues(rs, out);
            }
        }
        if (periods) {
            readPeriods(c, array, out, zones);
        }
        return out;
    }

    /** Adds rows of (scope key, figure, value) to the sums of their scope (each scope in {@code out} already). */
    static void addValues(ResultSet rs, Map<String, Sums> out) throws SQLException {
        while (rs.next()) {
            out.get(rs.getString(1)).add(rs.getString(2), rs.getBigDecimal(3));
        }
    }

    /** Adds the scopes' {@code period:} figures (their scope_period rows of every shard, summed) to their sums. */
    static void readPeriods(Connection c, java.sql.Array keys, Map<String, Sums> out, boolean zones) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(zones ? READ_ZONE_PERIODS : READ_PERIODS)) {
            q.setArray(1, keys);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    addPeriod(out.get(rs.getString(1)), rs, 2, UnaryOperator.identity());
                }
            }
        }
    }

    /**
     * The rows of the given (scope, shard) pairs, not summed: each pair's sums, empty where it has no rows. What a
     * publisher keeps per shard is brought up to date with this, reading only the shards whose version moved.
     */
    static Map<String, Map<Integer, Sums>> readShards(Connection c, List<String> keys, List<Integer> shards,
                                                      UnaryOperator<String> names) throws SQLException {
        Map<String, Map<Integer, Sums>> out = new HashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            out.computeIfAbsent(keys.get(i), k -> new HashMap<>()).put(shards.get(i), Sums.empty());
        }
        if (keys.isEmpty()) {
            return out;
        }
        java.sql.Array k = c.createArrayOf("text", keys.toArray());
        java.sql.Array s = c.createArrayOf("integer", shards.toArray());
        try (PreparedStatement q = c.prepareStatement(READ_SHARD_VALUES)) {
            q.setArray(1, k);
            q.setArray(2, s);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.get(rs.getString(1)).get(rs.getInt(2)).add(names.apply(rs.getString(3)), rs.getBigDecimal(4));
                }
            }
        }
        try (PreparedStatement q = c.prepareStatement(READ_SHARD_PERIODS)) {
            q.setArray(1, k);
            q.setArray(2, s);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    addPeriod(out.get(rs.getString(1)).get(rs.getInt(2)), rs, 3, names);
                }
            }
        }
        return out;
    }

    /** Every shard's rows of the scopes, not summed: by scope key, then shard (a scope without rows has no entry). */
    static Map<String, Map<Integer, Sums>> readByShard(Connection c, Collection<String> keys, UnaryOperator<String> names)
            throws SQLException {
        Map<String, Map<Integer, Sums>> out = new HashMap<>();
        if (keys.isEmpty()) {
            return out;
        }
        java.sql.Array k = c.createArrayOf("text", keys.toArray());
        try (PreparedStatement q = c.prepareStatement("SELECT scope_key, shard, figure, value FROM scope_value WHERE scope_key = ANY(?)")) {
            q.setArray(1, k);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    part(out, rs).add(names.apply(rs.getString(3)), rs.getBigDecimal(4));
                }
            }
        }
        try (PreparedStatement q = c.prepareStatement("SELECT scope_key, shard, period, " + COLUMNS + " FROM scope_period WHERE scope_key = ANY(?)")) {
            q.setArray(1, k);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    addPeriod(part(out, rs), rs, 3, names);
                }
            }
        }
        return out;
    }

    /** The (scope, shard) part a row of columns (scope_key, shard, …) belongs to, made empty when first seen. */
    private static Sums part(Map<String, Map<Integer, Sums>> parts, ResultSet rs) throws SQLException {
        return parts.computeIfAbsent(rs.getString(1), x -> new HashMap<>()).computeIfAbsent(rs.getInt(2), x -> Sums.empty());
    }

    /**
     * Adds a period row to {@code sums}: its period in column {@code periodColumn}, its twelve members in the columns
     * after it, each as the figure {@code period:<period>|<member>} (named through {@code names}); zero adds nothing.
     */
    private static void addPeriod(Sums sums, ResultSet rs, int periodColumn, UnaryOperator<String> names) throws SQLException {
        String prefix = PERIOD + rs.getString(periodColumn) + "|";
        for (int i = 0; i < N; i++) {
            sums.add(names.apply(prefix + PERIOD_MEMBERS.get(i)), rs.getBigDecimal(periodColumn + 1 + i));
        }
    }

    /** Every scope key that has rows. */
    static Set<String> keys(Connection c) throws SQLException {
        Set<String> keys = new TreeSet<>();
        try (PreparedStatement q = c.prepareStatement(
                "SELECT DISTINCT scope_key FROM scope_value UNION SELECT DISTINCT scope_key FROM scope_period");
             ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                keys.add(rs.getString(1));
            }
        }
        return keys;
    }

    /** The column of a period member, or -1 for a figure stored on its own row. */
    static int member(String figure) {
        if (!figure.startsWith(PERIOD)) {
            return -1;
        }
        int bar = figure.lastIndexOf('|');
        Integer index = bar < PERIOD.length() ? null : MEMBER_INDEX.get(figure.substring(bar + 1));
        return index == null ? -1 : index;
    }

    private static String allZero(String alias) {
        return PERIOD_COLUMNS.stream().map(c -> alias + c + " = 0").collect(Collectors.joining(" AND "));
    }

    private static BigDecimal[] zeros() {
        BigDecimal[] v = new BigDecimal[N];
        java.util.Arrays.fill(v, BigDecimal.ZERO);
        return v;
    }

    private static void foldPlain(Connection c, Rows rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        // The upsert says which rows it brought back to zero (a delta is never zero, so only an updated row can be);
        // only those are deleted. A DELETE joined with the whole batch's keys instead took 400 ms of a batch of 500
        // reports whose other statements took 100 ms together (pg_stat_statements, national catch-up).
        Rows zeros = new Rows();
        try (PreparedStatement u = c.prepareStatement("""
                INSERT INTO scope_value (scope_key, shard, figure, value)
                SELECT k, s, f, v FROM unnest(?::text[], ?::int[], ?::text[], ?::numeric[]) AS d(k, s, f, v)
                ON CONFLICT (scope_key, shard, figure) DO UPDATE SET value = scope_value.value + EXCLUDED.value
                RETURNING scope_key, shard, figure, value = 0""")) {
            rows.bind(c, u, 1);
            u.setArray(4, c.createArrayOf("numeric", rows.values.toArray()));
            collectZeros(u, zeros);
        }
        deleteZeros(c, """
                DELETE FROM scope_value s USING unnest(?::text[], ?::int[], ?::text[]) AS d(k, sh, f)
                WHERE s.scope_key = d.k AND s.shard = d.sh AND s.figure = d.f AND s.value = 0""", zeros);
    }

    private static void foldPeriods(Connection c, Rows rows, List<List<BigDecimal>> members) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        Rows zeros = new Rows();
        try (PreparedStatement u = c.prepareStatement(UPSERT_PERIODS)) {
            rows.bind(c, u, 1);
            for (int i = 0; i < N; i++) {
                u.setArray(4 + i, c.createArrayOf("numeric", members.get(i).toArray()));
            }
            collectZeros(u, zeros);
        }
        deleteZeros(c, "DELETE FROM scope_period s USING unnest(?::text[], ?::int[], ?::text[]) AS d(k, sh, p)"
                + " WHERE s.scope_key = d.k AND s.shard = d.sh AND s.period = d.p AND " + allZero("s."), zeros);
    }

    /** The rows an upsert ({@code RETURNING scope, shard, name, is-zero}) brought back to zero. */
    private static void collectZeros(PreparedStatement upsert, Rows zeros) throws SQLException {
        try (ResultSet rs = upsert.executeQuery()) {
            while (rs.next()) {
                if (rs.getBoolean(4)) {
                    zeros.add(rs.getString(1), rs.getInt(2), rs.getString(3));
                }
            }
        }
    }

    private static void deleteZeros(Connection c, String sql, Rows zeros) throws SQLException {
        if (zeros.isEmpty()) {
            return;
        }
        try (PreparedStatement zero = c.prepareStatement(sql)) {
            zeros.bind(c, zero, 1);
            zero.executeUpdate();
        }
    }
}
