package vn.izone.reporting.series;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The indicators a series or an export can name, and where each sits in a snapshot (with where its basis sits).
 * Any JSON pointer ("/periodFigures/revenue") is accepted too, so fields metrics adds later can be charted at once.
 */
public final class IndicatorPaths {
    public record Path(String name, JsonPointer value, JsonPointer basis, String unit) {
        public BigDecimal valueOf(JsonNode snapshot) {
            return IndicatorPaths.decimal(snapshot.at(value));
        }

        public String basisOf(JsonNode snapshot) {
            if (basis == null) {
                return null;
            }
            JsonNode b = snapshot.at(basis);
            return b.isValueNode() && !b.isNull() ? b.asText() : null;
        }
    }

    public static final Map<String, Path> KNOWN = new LinkedHashMap<>();

    static {
        add("occupancy", "/occupancy/ratePercent", "/occupancy/basis", "%");
        add("occupancyOperating", "/occupancyOperating/ratePercent", "/occupancyOperating/basis", "%");
        add("leasedHa", "/areas/leasedHa", null, "ha");
        add("industrialLandHa", "/areas/industrialLandHa", null, "ha");
        add("plannedHa", "/areas/plannedHa", null, "ha");
        add("establishedHa", "/areas/establishedHa", null, "ha");
        add("operatingHa", "/areas/operatingHa", null, "ha");
        add("zones", "/zones/total", null, "zones");
        add("zonesPlanned", "/zones/planned", null, "zones");
        add("zonesEstablished", "/zones/established", null, "zones");
        add("zonesOperating", "/zones/operating", null, "zones");
        add("projects", "/projects/active", null, "projects");
        add("projectsFdi", "/projects/fdi", null, "projects");
        add("projectsDomestic", "/projects/domestic", null, "projects");
        add("capitalFdiUsd", "/projects/capitalByCurrency/USD/fdi", null, "USD");
        add("capitalDomesticUsd", "/projects/capitalByCurrency/USD/domestic", null, "USD");
        add("capitalFdiVnd", "/projects/capitalByCurrency/VND/fdi", null, "VND");
        add("capitalDomesticVnd", "/projects/capitalByCurrency/VND/domestic", null, "VND");
        add("workers", "/employment/workers", "/employment/source", "people");
    }

    private static void add(String name, String value, String basis, String unit) {
        KNOWN.put(name, new Path(name, JsonPointer.compile(value), basis == null ? null : JsonPointer.compile(basis), unit));
    }

    private IndicatorPaths() {
    }

    /** @throws IllegalArgumentException for a name that is neither known nor a JSON pointer */
    public static Path of(String indicator) {
        if (indicator == null || indicator.isBlank()) {
            throw new IllegalArgumentException("indicator is required; one of " + KNOWN.keySet() + " or a JSON pointer");
        }
        Path known = KNOWN.get(indicator);
        if (known != null) {
            return known;
        }
        if (indicator.startsWith("/")) {
            return new Path(indicator, JsonPointer.compile(indicator), null, null);
        }
        throw new IllegalArgumentException("unknown indicator '" + indicator + "'; one of " + KNOWN.keySet() + " or a JSON pointer");
    }

    public static BigDecimal decimal(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isTextual()) {
            try {
                return new BigDecimal(node.asText().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
