package vn.izone.registry.events;

/**
 * The registry's public topics (the event contract, docs/events/asyncapi.yaml). Zones, projects and reports are keyed by the
 * zone id, so the history of one zone, its projects and its reports stays in order on one partition.
 */
public final class Topics {
    public static final String ZONES = "izone.registry.zones.v1";
    public static final String PROJECTS = "izone.registry.projects.v1";
    public static final String REPORTS = "izone.registry.reports.v1";
    /** Declared figures, keyed by their scope ({@code province:37}, {@code national:VN}); not read by metrics-service. */
    public static final String FIGURES = "izone.registry.figures.v1";

    private Topics() {
    }
}
