package vn.izone.reporting.contract;

import org.junit.jupiter.api.Test;
import vn.izone.reporting.support.IndicatorSchema;
import vn.izone.reporting.support.Snapshots;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Reporting's side of the indicator snapshot contract: the fixtures its tests publish (every scope type, with and
 * without a by-kind breakdown) and the documented example match docs/events/schemas/indicators.v1.json — the schema
 * metrics-service's IndicatorSnapshotContractTest holds its real snapshots against. Snapshots.publish validates every
 * fixture too; this test makes the check visible and shows that a drifted fixture is refused.
 */
class IndicatorFixturesContractTest {
    @Test
    void theFixturesAndTheExampleMatchTheSchemaAndADriftedFieldDoesNot() throws Exception {
        Instant now = Instant.now();
        List<String> fixtures = List.of(
                Snapshots.of("NATIONAL", "VN", "Việt Nam", now, 50.0, 1000, Snapshots.withKinds(
                        Snapshots.byKind("INDUSTRIAL_PARK", 5, 60.0, 3, 2, 900), Snapshots.byKind("INDUSTRIAL_CLUSTER", 4, 40.0, 0, 4, 100))),
                Snapshots.of("PROVINCE", "37", "Ninh Bình", now, 50.0, 1000, null),
                Snapshots.of("ZONE", "6f1c2a4e-0000-4000-8000-000000000001", "Khu công nghiệp Đồng Văn I", now, 97.8, 9000,
                        "\"provinceCode\":\"37\",\"formerProvinceCode\":\"35\",\"kind\":\"INDUSTRIAL_PARK\",\"status\":\"IN_OPERATION\""),
                Snapshots.kindScope("PROVINCE_KIND", "37", "INDUSTRIAL_CLUSTER", "Ninh Bình", now, 4, 40.0, 0, 4, 100),
                Snapshots.kindScope("FORMER_PROVINCE_KIND", "35", "INDUSTRIAL_PARK", "Hà Nam", now, 5, 60.0, 3, 2, 900),
                Snapshots.kindScope("ZONE_KIND", null, "ECONOMIC_ZONE", "ECONOMIC_ZONE", now, 1, 10.0, 1, 0, 50));
        for (String fixture : fixtures) {
            assertEquals(List.of(), IndicatorSchema.errors(fixture), fixture);
        }
        String example = Files.readString(Path.of("..", "docs", "events", "indicator-examples", "province.json"));
        assertEquals(List.of(), IndicatorSchema.errors(example), "the documented example");
        // a field renamed on one side fails
        assertFalse(IndicatorSchema.errors(fixtures.get(1).replace("\"zonesCounted\"", "\"zoneCount\"")).isEmpty());
        assertFalse(IndicatorSchema.errors(fixtures.get(1).replace("\"scopeKey\"", "\"key\"")).isEmpty());
    }
}
