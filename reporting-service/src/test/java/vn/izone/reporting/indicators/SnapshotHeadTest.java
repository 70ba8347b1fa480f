package vn.izone.reporting.indicators;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import vn.izone.reporting.support.Snapshots;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The stored fields of a snapshot, read without a tree: the same as the tree says, from the top level only. */
class SnapshotHeadTest {
    @Test
    void theHeadIsWhatTheTreeSaysOfTheTopLevel() throws Exception {
        Instant at = Instant.parse("2026-12-03T10:15:30.123Z");
        String payload = Snapshots.of("PROVINCE", "37", "Ninh Bình", at, 50.0, 12325, null);
        var tree = new ObjectMapper().readTree(payload);
        SnapshotHead head = SnapshotHead.read(payload);
        assertEquals(tree.path("scopeKey").asText(), head.scopeKey());
        assertEquals("PROVINCE", head.scopeType());
        assertEquals("37", head.scopeCode());
        assertEquals("Ninh Bình", head.scopeName());
        assertEquals(at, head.computedAt());
    }

    @Test
    void nestedFieldsOfTheSameNameAreNotTheSnapshots() throws Exception {
        SnapshotHead head = SnapshotHead.read("""
                {"scopeKey":"zone:z1","place":{"provinceCode":"01","scopeKey":"x"},"periods":[{"provinceCode":"02"}],
                 "scopeType":"ZONE","scopeCode":"z1","provinceCode":"  ","formerProvinceCode":null,"computedAt":"2026-12-03T00:00:00Z"}""");
        assertEquals("zone:z1", head.scopeKey());
        assertNull(head.provinceCode(), "a blank or nested province is no province");
        assertNull(head.formerProvinceCode());
        assertNull(head.scopeName(), "absent");
    }

    @Test
    void whatIsNotASnapshotSaysSo() throws Exception {
        assertNull(SnapshotHead.read("[1, 2]"), "not an object");
        assertNull(SnapshotHead.read("{\"scopeKey\":\"national\"}").computedAt());
        assertThrows(DateTimeParseException.class, () -> SnapshotHead.read("{\"scopeKey\":\"national\",\"computedAt\":\"yesterday\"}"));
        assertThrows(java.io.IOException.class, () -> SnapshotHead.read("{\"scopeKey\":"));
    }
}
