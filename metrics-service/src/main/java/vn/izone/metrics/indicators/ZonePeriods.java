package vn.izone.metrics.indicators;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import vn.izone.metrics.aggregates.Aggregates;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Each zone's report periods as the zone lane last sent them, with their periods version (V28). A zone's snapshot
 * carried its 25 periods, most of its 6.8 KB, computed from ~300 figures and serialised again for every change,
 * though a project's change never moves them (JFR of the bench's 200/s phase: the zone lane building snapshots was
 * a quarter of metrics' allocation). Exact by versions alone: every transaction that moves a zone's periods gives
 * them a new version under the zone's lock, and a version is never given twice; periods are reused only at the
 * version they were computed at. Called by the zone lane only, one round at a time.
 */
@ApplicationScoped
public class ZonePeriods {
    /** Zones whose periods are held (~6 KB each): past this many, a round starts by forgetting them all. */
    static final int ZONES = 6_000;
    private final ObjectMapper json;
    private final Map<String, Held> held = new ConcurrentHashMap<>();
    private final AtomicLong reused = new AtomicLong();

    public ZonePeriods(ObjectMapper json) {
        this.json = json;
    }

    private record Held(long version, SentPeriods periods) {
    }

    /** Before a round: the bound kept (never during one, so that what a round's reads left out stays held). */
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
        if (h != null && h.version() == zone.periodsVersion()) {
            reused.incrementAndGet();
            return h.periods();
        }
        if (!zone.periodsIncluded()) {
            throw new IllegalStateException(zoneKey + ": sums without periods, and no periods held at version " + zone.periodsVersion());
        }
        SentPeriods periods = SentPeriods.of(IndicatorCalculator.periodsOf(zone.sums()), json);
        held.put(zoneKey, new Held(zone.periodsVersion(), periods));
        return periods;
    }

    public long zonesHeld() {
        return held.size();
    }

    public long reused() {
        return reused.get();
    }
}
