package vn.izone.registry.figures;

import java.util.Arrays;
import java.util.Optional;

/**
 * The register figures a declaration can be held against: each names a field of metrics-service's indicators
 * (docs/metrics.md) by its path, with the unit a declaration of it must carry. Kept to what a province publishes and
 * the register also counts; a declared figure without an indicator (e.g. a planned total no zone records) is kept
 * all the same, it is just not compared.
 */
public enum RegisterIndicator {
    ZONES_TOTAL("zones.total", "count"),
    ZONES_PLANNED("zones.planned", "count"),
    ZONES_ESTABLISHED("zones.established", "count"),
    ZONES_OPERATING("zones.operating", "count"),
    PLANNED_HA("areas.plannedHa", "ha"),
    ESTABLISHED_HA("areas.establishedHa", "ha"),
    OPERATING_HA("areas.operatingHa", "ha"),
    INDUSTRIAL_LAND_HA("areas.industrialLandHa", "ha"),
    LEASED_HA("areas.leasedHa", "ha"),
    OCCUPANCY("occupancy.ratePercent", "percent"),
    OCCUPANCY_OPERATING("occupancyOperating.ratePercent", "percent"),
    PROJECTS_ACTIVE("projects.active", "count"),
    PROJECTS_FDI("projects.fdi", "count"),
    PROJECTS_DOMESTIC("projects.domestic", "count"),
    WORKERS("employment.workers", "persons");

    /** The pattern FigureSubmission checks {@code indicator} against (every path above). */
    public static final String PATTERN = "zones\\.(total|planned|established|operating)"
            + "|areas\\.(plannedHa|establishedHa|operatingHa|industrialLandHa|leasedHa)"
            + "|occupancy\\.ratePercent|occupancyOperating\\.ratePercent"
            + "|projects\\.(active|fdi|domestic)|employment\\.workers";

    public final String path;
    public final String unit;

    RegisterIndicator(String path, String unit) {
        this.path = path;
        this.unit = unit;
    }

    public static Optional<RegisterIndicator> of(String path) {
        return Arrays.stream(values()).filter(i -> i.path.equals(path)).findFirst();
    }
}
