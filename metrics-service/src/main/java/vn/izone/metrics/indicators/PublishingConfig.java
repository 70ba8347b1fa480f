package vn.izone.metrics.indicators;

import io.smallrye.config.ConfigMapping;

import java.time.Duration;

/** The indicator publisher's settings ({@code izone.indicators.*}); values in application.properties, docs/deploy.md. */
@ConfigMapping(prefix = "izone.indicators")
public interface PublishingConfig {
    /** The fallback schedule: a round even without a nudge (a nudge lost to a crash, another instance's changes). */
    Duration publishInterval();

    /** At least this long between two rounds of the scopes above zones (a busy scope goes out a few times a second). */
    Duration coalesce();

    /** The same for the zones' lane: small snapshots, and where a change is first seen. */
    Duration coalesceZones();

    /**
     * Whether the lane above zones keeps its scopes' sums per shard between rounds and reads again only the shards
     * whose version moved (aggregates/SumsCache), instead of reading every due scope whole (false: the plain read,
     * a fallback that costs PostgreSQL a grouping of every due scope's rows in every round).
     */
    boolean keepSumsAboveZones();

    /**
     * The consumer is catching up while it applies events recorded longer ago than this (a backlog: after a restart,
     * an outage, a new instance).
     */
    Duration catchUpLag();

    /**
     * While the consumer catches up, the lane above zones rests this long between its rounds: each round reads and
     * sends every due province and the country whole, and in the national catch-up back-to-back rounds were ~30 % of
     * metrics' CPU (JFR) for figures that moved again before reporting stored them. Zones still go out at once, and
     * the rest ends as soon as the consumer has caught up.
     */
    Duration catchUpRest();
}
