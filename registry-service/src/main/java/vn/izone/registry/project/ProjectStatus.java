package vn.izone.registry.project;

/** A secondary project's status; suspended and revoked projects leave the live figures. */
public enum ProjectStatus {
    REGISTERED, UNDER_CONSTRUCTION, OPERATING, SUSPENDED, REVOKED;

    public boolean isActive() {
        return this != SUSPENDED && this != REVOKED;
    }
}
