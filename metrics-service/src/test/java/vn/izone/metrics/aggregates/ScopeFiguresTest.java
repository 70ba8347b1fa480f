package vn.izone.metrics.aggregates;

import org.junit.jupiter.api.Test;
import vn.izone.metrics.indicators.Scope;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What each scope above a zone takes of a zone's change (pure logic). */
class ScopeFiguresTest {
    private static Sums zone() {
        return Sums.empty().add("zones.total", 1).add("zoneName:KCN Gián Khẩu", 1).add("provinceCode:37", 1)
                .add("formerProvinceCode:36", 1).add("kind:INDUSTRIAL_PARK", 1).add("provinceName:Ninh Bình", 1)
                .add("formerProvinceName:Ninh Bình", 1).add("status:IN_OPERATION", 1).add("areas.plannedHa", new BigDecimal("262.5"));
    }

    @Test
    void nationalHoldsFiguresNotLabels() {
        Sums into = Sums.empty();
        ScopeFigures.fold(into, zone(), Scope.Type.NATIONAL, 1);
        assertEquals(Sums.empty().add("zones.total", 1).add("status:IN_OPERATION", 1).add("areas.plannedHa", new BigDecimal("262.5")), into);
    }

    @Test
    void provinceScopesHoldTheProvinceName() {
        for (Scope.Type type : new Scope.Type[]{Scope.Type.PROVINCE, Scope.Type.PROVINCE_KIND}) {
            Sums into = Sums.empty();
            ScopeFigures.fold(into, zone(), type, 1);
            assertEquals(1, into.count("provinceName:Ninh Bình"), type.name());
            assertEquals(0, into.count("formerProvinceName:Ninh Bình"), type.name());
            assertEquals(0, into.count("zoneName:KCN Gián Khẩu"), type.name());
        }
        for (Scope.Type type : new Scope.Type[]{Scope.Type.FORMER_PROVINCE, Scope.Type.FORMER_PROVINCE_KIND}) {
            Sums into = Sums.empty();
            ScopeFigures.fold(into, zone(), type, 1);
            assertEquals(0, into.count("provinceName:Ninh Bình"), type.name());
            assertEquals(1, into.count("formerProvinceName:Ninh Bình"), type.name());
        }
    }

    @Test
    void aZoneLeavingAScopeTakesAwayExactlyWhatItBrought() {
        Sums scope = Sums.empty().add("zones.total", 4).add("provinceName:Ninh Bình", 4);
        ScopeFigures.fold(scope, zone(), Scope.Type.PROVINCE, 1);
        ScopeFigures.fold(scope, zone(), Scope.Type.PROVINCE, -1);
        assertEquals(Sums.empty().add("zones.total", 4).add("provinceName:Ninh Bình", 4), scope);
    }

    @Test
    void theZoneItselfHoldsEverything() {
        Sums into = Sums.empty();
        ScopeFigures.fold(into, zone(), Scope.Type.ZONE, 1);
        assertEquals(zone(), into);
    }
}
