package vn.izone.metrics.indicators;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import vn.izone.metrics.aggregates.Aggregates;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The report periods of each scope as last sent, with their version: most of a snapshot (a zone's 25 periods were
 * most of its 6.8 KB), computed from ~300 figures and serialised again for every change, though a project's change
 * never moves them (JFR of the bench's 200/s phase: the zone lane building snapshots was a quarter of metrics'
 * allocation). Periods are reused only at the version they were computed at, and a version is never given twice:
 * a zone's comes from V28's sequence, taken anew under the zone's lock by every transaction that moves its periods;
 * a scope above zones' from the sums the publisher keeps ({@link vn.izone.metrics.aggregates.SumsCache#periodsVersion}),
 * taken anew whenever a part read again holds other periods. Each lane asks for its own scopes, one round at a time.
 */
@ApplicationScoped
public class HeldPeriods {
    /** Scopes whose periods are held (~6 KB each): past this many, a zone round starts by forgetting them all. */
    static final int ZONES = 6_000;
    private final ObjectMapper json;
    private final Map<String, Held> held = new ConcurrentHashMap<>();
    private final AtomicLong reused = new AtomicLong();

    public HeldPeriods(ObjectMapper json) {
        this.json = json;
    }

    private record Held(long version, SentPeriods periods) {
    }

    /**
     * Before a zone round: the bound kept (never during one, so that what its reads left out stays held; the lane
     * above zones, meanwhile, only adds, and never relies on what is held).
     */
    void startRound() {
        if (held.size() >= ZONES) {
            held.clear();
        }
    }

    /** The version of the zone's periods held, or null. */
    public Long version(String zoneKey) {
        Held h = held.get(zoneKey);
        return h == null ? null : h.version();
    }

    /**
     * The zone's periods for its snapshot: those held where they are of the sums' periods version, computed from the
     * sums (and held) otherwise. Sums read without their periods come only with the version held
     * ({@link vn.izone.metrics.aggregates.SumsCache#zones}).
     */
    List<Indicators.PeriodFigures> of(String zoneKey, Aggregates.ZoneSums zone) {
        Held h = held.get(zoneKey);
        if (!zone.periodsIncluded() && (h == null || h.version() != zone.periodsVersion())) {
            throw new IllegalStateException(zoneKey + ": sums without periods, and no periods held at version " + zone.periodsVersion());
        }
        return of(zoneKey, zone.periodsVersion(), zone.sums());
    }

    /** The scope's periods: those held where they are of {@code version}, computed from {@code sums} (and held) otherwise. */
    List<Indicators.PeriodFigures> of(String key, long version, vn.izone.metrics.aggregates.Sums sums) {
        Held h = held.get(key);
        if (h != null && h.version() == version) {
            reused.incrementAndGet();
            return h.periods();
        }
        SentPeriods periods = SentPeriods.of(IndicatorCalculator.periodsOf(sums), json);
        held.put(key, new Held(version, periods));
        return periods;
    }

    public long zonesHeld() {
        return held.size();
    }

    public long reused() {
        return reused.get();
    }
}
