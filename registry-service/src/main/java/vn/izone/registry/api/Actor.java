package vn.izone.registry.api;

/**
 * Who makes a change, as recorded in the register and in every event. Until bearer tokens arrive the
 * caller names itself in the {@code X-Izone-Actor} header.
 */
public final class Actor {
    public static final String HEADER = "X-Izone-Actor";

    private Actor() {
    }

    public static String of(String header) {
        return header == null || header.isBlank() ? "anonymous" : header.strip();
    }
}
