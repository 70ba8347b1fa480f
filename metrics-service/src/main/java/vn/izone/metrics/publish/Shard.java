package vn.izone.metrics.publish;

/**
 * Where a change came from, so that partial rows written by applying transactions have one writer each: a
 * registry topic's partition ({@code topic × 1000 + partition}). A batch from one poll may hold several partitions
 * of its topic; it is written under the smallest of them, which the consumer owns, so two consumers (two
 * instances) never write the same shard. {@link #DIRECT} is for changes applied outside a consumer (tests).
 */
public final class Shard {
    public static final int DIRECT = 0;
    /** A rebuild replays every topic in one transaction of its own, while the live consumers wait. */
    public static final int REBUILD = 9999;
    /** The one-off folding of a database that held state before the incremental aggregates. */
    public static final int BACKFILL = 9998;

    private Shard() {
    }

    public static int of(String aggregateType, int partition) {
        int topic = switch (aggregateType) {
            case "zone" -> 1;
            case "project" -> 2;
            case "report" -> 3;
            default -> 9;
        };
        return topic * 1000 + partition;
    }
}
