package vn.izone.registry.zone;

import com.fasterxml.jackson.databind.JsonNode;
import vn.izone.registry.api.Problem;

import java.util.List;

/**
 * A zone's outline as a GeoJSON geometry (RFC 7946): a Polygon or a MultiPolygon in longitude/latitude. Checked
 * so that a map can draw it: known type, closed rings of at least four positions, positions within range, and a
 * bounded size (an outline is a sketch for a map, not a cadastral survey).
 */
final class ZoneOutline {
    static final int MAX_POSITIONS = 5_000;

    private ZoneOutline() {
    }

    /** The first problem with the outline, or null when it can be drawn. */
    static Problem.FieldError check(JsonNode outline) {
        if (outline == null || outline.isNull()) {
            return null;
        }
        String type = outline.path("type").asText("");
        JsonNode coordinates = outline.path("coordinates");
        if (!outline.isObject() || !(type.equals("Polygon") || type.equals("MultiPolygon")) || !coordinates.isArray()) {
            return error("outline", "a GeoJSON geometry {\"type\":\"Polygon\"|\"MultiPolygon\",\"coordinates\":[…]} in lon/lat");
        }
        List<JsonNode> polygons = type.equals("Polygon") ? List.of(coordinates) : list(coordinates);
        if (polygons.isEmpty()) {
            return error("outline.coordinates", "holds no polygon");
        }
        int positions = 0;
        for (JsonNode polygon : polygons) {
            if (!polygon.isArray() || polygon.isEmpty()) {
                return error("outline.coordinates", "a polygon is a non-empty array of rings");
            }
            for (JsonNode ring : polygon) {
                if (!ring.isArray() || ring.size() < 4) {
                    return error("outline.coordinates", "a ring has at least 4 positions");
                }
                for (JsonNode position : ring) {
                    if (!position.isArray() || position.size() < 2 || !position.get(0).isNumber() || !position.get(1).isNumber()
                            || Math.abs(position.get(0).asDouble()) > 180 || Math.abs(position.get(1).asDouble()) > 90) {
                        return error("outline.coordinates", "a position is [longitude, latitude] within ±180, ±90");
                    }
                    if (++positions > MAX_POSITIONS) {
                        return error("outline.coordinates", "at most " + MAX_POSITIONS + " positions");
                    }
                }
                if (!ring.get(0).equals(ring.get(ring.size() - 1))) {
                    return error("outline.coordinates", "a ring is closed: its last position repeats its first");
                }
            }
        }
        return null;
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> nodes = new java.util.ArrayList<>();
        array.forEach(nodes::add);
        return nodes;
    }

    private static Problem.FieldError error(String field, String message) {
        return new Problem.FieldError(field, message);
    }
}
