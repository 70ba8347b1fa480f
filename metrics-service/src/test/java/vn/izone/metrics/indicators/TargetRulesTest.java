package vn.izone.metrics.indicators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The target rules and the series steps, without a server. */
class TargetRulesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode targets() throws Exception {
        return JSON.readTree("""
                [{"indicator":"OCCUPANCY","percent":50,"due":"INFRASTRUCTURE_COMPLETION"},
                 {"indicator":"OCCUPANCY","percent":100,"due":"YEAR_THREE"},
                 {"indicator":"WORKERS","percent":1,"due":"YEAR_THREE"}]""");
    }

    private static TargetFlags.ZoneFacts zone(String status, Double progress, double land, double leased, LocalDate since) {
        return new TargetFlags.ZoneFacts(UUID.randomUUID(), "Z", "22", status, since,
                progress == null ? null : BigDecimal.valueOf(progress), BigDecimal.valueOf(land), BigDecimal.valueOf(leased), since);
    }

    @Test
    void infrastructureCompletionFallsDueAtOperationOrFullProgress() throws Exception {
        LocalDate today = LocalDate.of(2025, 11, 1);
        assertEquals(0, TargetFlags.evaluate(zone("UNDER_CONSTRUCTION", 80.0, 100, 10, null), targets(), today).size());
        List<TargetFlags.Flag> built = TargetFlags.evaluate(zone("UNDER_CONSTRUCTION", 100.0, 100, 10, null), targets(), today);
        assertEquals(1, built.size());
        assertEquals("INFRASTRUCTURE_COMPLETION", built.get(0).due());
        assertNull(built.get(0).dueSince());
        assertEquals(0, TargetFlags.evaluate(zone("IN_OPERATION", null, 100, 50, LocalDate.of(2024, 1, 1)), targets(), today).size());
    }

    @Test
    void yearThreeFallsDueThreeYearsAfterOperationBegan() throws Exception {
        TargetFlags.ZoneFacts z = zone("EXPANDED", null, 200, 190, LocalDate.of(2022, 11, 2));
        assertEquals(0, TargetFlags.evaluate(z, targets(), LocalDate.of(2025, 11, 1)).size());
        List<TargetFlags.Flag> flags = TargetFlags.evaluate(z, targets(), LocalDate.of(2025, 11, 2));
        assertEquals(1, flags.size());
        assertEquals(new BigDecimal("95.00"), flags.get(0).actualPercent());
        assertEquals(LocalDate.of(2025, 11, 2), flags.get(0).dueSince());
    }

    @Test
    void aZoneWithoutLandCannotBeMeasuredAndSaysSo() throws Exception {
        List<TargetFlags.Flag> flags = TargetFlags.evaluate(zone("IN_OPERATION", null, 0, 0, LocalDate.of(2025, 1, 1)), targets(), LocalDate.of(2025, 2, 1));
        assertEquals(1, flags.size());
        assertNull(flags.get(0).actualPercent());
    }

    @Test
    void seriesStepsEndOnPeriodEndsAndOnTheLastDay() {
        assertEquals(List.of(LocalDate.of(2025, 3, 31), LocalDate.of(2025, 6, 30), LocalDate.of(2025, 8, 15)),
                Series.stepEnds(LocalDate.of(2025, 2, 10), LocalDate.of(2025, 8, 15), Series.Step.QUARTER));
        assertEquals(List.of(LocalDate.of(2024, 12, 31), LocalDate.of(2025, 12, 31)),
                Series.stepEnds(LocalDate.of(2024, 5, 1), LocalDate.of(2025, 12, 31), Series.Step.YEAR));
        assertEquals(List.of(LocalDate.of(2025, 1, 31), LocalDate.of(2025, 2, 28)),
                Series.stepEnds(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 2, 28), Series.Step.MONTH));
    }
}
