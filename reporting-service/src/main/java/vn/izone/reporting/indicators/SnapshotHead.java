package vn.izone.reporting.indicators;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.time.Instant;

/**
 * The fields of an indicator snapshot that reporting stores beside its JSON, read in one streaming pass over the
 * snapshot's top level: nested objects and arrays are skipped, no tree is built. A zone's snapshot is ~7 KB, most of
 * it its periods, and one arrives for nearly every change in the register; a whole tree of each was built only to
 * read these seven fields (the bench's JFR, 2026-12-03: the collector paused reporting for a quarter of the 200/s
 * phase). The JSON itself is stored and served exactly as received.
 *
 * @param computedAt null when absent; {@link #read} refuses one that is not an instant
 */
public record SnapshotHead(String scopeKey, String scopeType, String scopeCode, String scopeName, String provinceCode,
                           String formerProvinceCode, Instant computedAt) {
    private static final JsonFactory JSON = new JsonFactory();

    /**
     * @return the snapshot's head; null when the JSON is not an object
     * @throws IOException                          when it is not JSON
     * @throws java.time.format.DateTimeParseException when computedAt is not an instant
     */
    public static SnapshotHead read(String payload) throws IOException {
        try (JsonParser p = JSON.createParser(payload)) {
            return read(p);
        }
    }

    /** {@link #read(String)}, from the snapshot's UTF-8 bytes as they came off Kafka. */
    public static SnapshotHead read(byte[] payload) throws IOException {
        try (JsonParser p = JSON.createParser(payload)) {
            return read(p);
        }
    }

    private static SnapshotHead read(JsonParser p) throws IOException {
        String scopeKey = null, scopeType = null, scopeCode = null, scopeName = null, province = null, former = null, computed = null;
        if (p.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                p.skipChildren();
                continue;
            }
            String text = value == JsonToken.VALUE_NULL ? null : p.getText();
            switch (field) {
                case "scopeKey" -> scopeKey = text;
                case "scopeType" -> scopeType = text;
                case "scopeCode" -> scopeCode = text;
                case "scopeName" -> scopeName = text;
                case "provinceCode" -> province = blankIsNull(text);
                case "formerProvinceCode" -> former = blankIsNull(text);
                case "computedAt" -> computed = text;
                default -> {
                }
            }
        }
        return new SnapshotHead(scopeKey, scopeType, scopeCode, scopeName, province, former,
                computed == null ? null : Instant.parse(computed));
    }

    private static String blankIsNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
