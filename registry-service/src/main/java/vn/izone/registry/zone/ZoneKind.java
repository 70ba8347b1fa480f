package vn.izone.registry.zone;

/** Economic zone (khu kinh tế), industrial park (khu công nghiệp), industrial cluster (cụm công nghiệp). */
public enum ZoneKind {
    ECONOMIC_ZONE, INDUSTRIAL_PARK, INDUSTRIAL_CLUSTER
}
