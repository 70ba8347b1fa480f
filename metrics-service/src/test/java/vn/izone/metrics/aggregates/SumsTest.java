package vn.izone.metrics.aggregates;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Exact named sums: equality by value, prefixes read as they are after every addition (pure logic). */
class SumsTest {
    @Test
    void equalFiguresAreEqualWhateverTheirScale() {
        Sums a = Sums.empty().add("areas.plannedHa", new BigDecimal("2.50")).add("zones.total", 1);
        Sums b = Sums.empty().add("zones.total", 1).add("areas.plannedHa", new BigDecimal("2.5"));
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertEquals(new BigDecimal("2.5"), a.get("areas.plannedHa"));
        assertNotEquals(a, b.plus(Sums.empty().add("zones.total", 1)));
        assertEquals(Sums.empty(), a.minus(b), "what comes back to zero is gone");
    }

    @Test
    void aPrefixReadsTheEntriesUnderItInKeyOrderAndFollowsLaterAdditions() {
        Sums s = Sums.empty().add("status:PLANNED", 2).add("status:IN_OPERATION", 1).add("statusDate", 9)
                .add("periodStart:QUARTER|2025|1|2025-01-01", 1).add("periodStart:QUARTER|2025|2|2025-04-01", 1)
                .add("zones.total", 3);
        assertEquals(new TreeMap<>(Map.of("IN_OPERATION", BigDecimal.ONE, "PLANNED", BigDecimal.valueOf(2))), s.withPrefix("status:"));
        assertEquals(List.of("2025-01-01"), List.copyOf(s.withPrefix("periodStart:QUARTER|2025|1|").keySet()));
        assertEquals(Map.of(), s.withPrefix("zoneName:"));

        s.add("status:PLANNED", -2).add("status:EXPANDED", 1); // read once above: the view must follow
        assertEquals(new TreeMap<>(Map.of("EXPANDED", BigDecimal.ONE, "IN_OPERATION", BigDecimal.ONE)), s.withPrefix("status:"));
        Map<String, BigDecimal> seen = new TreeMap<>();
        s.forEachWithPrefix("periodStart:", seen::put);
        assertEquals(2, seen.size());
        assertEquals(3, s.count("zones.total"));
    }
}
