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
     * Whether the lane above zones keeps its scopes' sums and re-reads only the rows that changed (aggregates/
     * SumsCache), instead of reading every due scope whole. Off by default: the national bench of 2026-12-02 (15:00,
     * load average 20-29) left 21 scopes' snapshots a few workers behind after a 2.5-minute stall of that lane, which
     * no test reproduces yet (docs/metrics.md, item 5).
     */
    boolean rereadChangedRows();

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
