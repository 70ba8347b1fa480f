package vn.izone.reporting.indicators;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A snapshot framed as a server-sent event: every line of it a data field, the event ended by an empty line. */
class LiveEventTest {
    private static String event(String json) {
        return LiveUpdates.event(json.getBytes(StandardCharsets.UTF_8)).toString(StandardCharsets.UTF_8);
    }

    @Test
    void aOneLineSnapshotIsOneDataField() {
        assertEquals("data:{\"scopeName\":\"Ninh Bình\"}\n\n", event("{\"scopeName\":\"Ninh Bình\"}"));
    }

    @Test
    void eachLineOfAPrettyPrintedSnapshotIsADataFieldOfItsOwn() {
        assertEquals("data:{\ndata:  \"a\": 1\ndata:}\n\n", event("{\n  \"a\": 1\r\n}"));
    }
}
