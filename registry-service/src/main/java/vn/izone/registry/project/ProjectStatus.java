package vn.izone.registry.project;

/** A secondary project's status; suspended and revoked projects leave the live figures. */
public enum ProjectStatus {
    REGISTERED, UNDER_CONSTRUCTION, OPERATING, SUSPENDED, REVOKED;

    /** The statuses that count in the live figures (and hold leased land). */
    public static final java.util.Set<ProjectStatus> ACTIVE = java.util.EnumSet.of(REGISTERED, UNDER_CONSTRUCTION, OPERATING);

    public boolean isActive() {
        return this != SUSPENDED && this != REVOKED;
    }
}
