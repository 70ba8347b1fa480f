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
}
