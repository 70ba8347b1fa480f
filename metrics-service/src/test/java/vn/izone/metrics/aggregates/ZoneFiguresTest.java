package vn.izone.metrics.aggregates;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A zone's sums moved by its projects' rows before and after, against its sums recomputed from all its rows (pure logic). */
class ZoneFiguresTest {
    private static final UUID ZONE = UUID.fromString("00000000-0000-0000-0000-000000000037");
    private static final String[] STATUSES = {"PLANNED", "ESTABLISHED", "UNDER_CONSTRUCTION", "IN_OPERATION", "EXPANDED",
            "REMOVED_FROM_PLANNING"};
    private static final String[] PROJECT_STATUSES = {"LICENSED", "OPERATING", "SUSPENDED", "REVOKED"};

    private static ZoneFigures.ZoneRow zone(Random r) {
        return new ZoneFigures.ZoneRow(ZONE, "KCN Gián Khẩu", "INDUSTRIAL_PARK", "37", "Ninh Bình", "36", "Ninh Bình",
                STATUSES[r.nextInt(STATUSES.length)], null, new BigDecimal("262.5"), new BigDecimal("200"),
                r.nextInt(4) == 0 ? null : new BigDecimal(r.nextInt(3) == 0 ? "0" : "150.75"),
                r.nextBoolean() ? null : new BigDecimal("88.125"));
    }

    private static ZoneFigures.ProjectRow project(Random r) {
        boolean usd = r.nextBoolean();
        return new ZoneFigures.ProjectRow(ZONE, r.nextInt(5) == 0 ? "OTHER" : r.nextBoolean() ? "FDI" : "DOMESTIC",
                PROJECT_STATUSES[r.nextInt(PROJECT_STATUSES.length)],
                r.nextInt(6) == 0 ? null : new BigDecimal(r.nextInt(100_000)).movePointLeft(2), usd ? "USD" : "VND",
                r.nextInt(5) == 0 ? null : new BigDecimal(r.nextInt(5_000)).movePointLeft(3),
                r.nextInt(5) == 0 ? null : r.nextInt(2_000));
    }

    @Test
    void aZoneMovedByItsProjectsDifferenceEqualsTheZoneRecomputed() {
        Random r = new Random(37);
        int landMoved = 0;
        for (int round = 0; round < 2_000; round++) {
            ZoneFigures.ZoneRow zone = zone(r);
            List<ZoneFigures.ProjectRow> kept = new ArrayList<>();
            for (int i = r.nextInt(6); i > 0; i--) {
                kept.add(project(r));
            }
            // the batch: projects corrected, registered (nothing before), withdrawn or moved away (nothing after)
            List<ZoneFigures.ProjectRow> leaving = new ArrayList<>();
            List<ZoneFigures.ProjectRow> coming = new ArrayList<>();
            for (int i = 1 + r.nextInt(4); i > 0; i--) {
                switch (r.nextInt(3)) {
                    case 0 -> { leaving.add(project(r)); coming.add(project(r)); }
                    case 1 -> coming.add(project(r));
                    default -> leaving.add(project(r));
                }
            }
            List<ZoneFigures.ProjectRow> before = new ArrayList<>(kept);
            before.addAll(leaving);
            List<ZoneFigures.ProjectRow> after = new ArrayList<>(kept);
            after.addAll(coming);
            Sums stored = ZoneFigures.of(zone, before, List.of());
            Sums recomputed = ZoneFigures.of(zone, after, List.of());

            Sums change = ZoneFigures.projectChange(zone, stored, leaving, coming);
            assertEquals(recomputed, stored.plus(change), "round " + round + ": " + zone + " " + leaving + " -> " + coming);
            if (stored.get("areas.leasedHa").compareTo(recomputed.get("areas.leasedHa")) != 0) {
                landMoved++;
            }
        }
        assertTrue(landMoved > 100, "the land figures moved with the projects' leased land in " + landMoved + " rounds");
    }
}
