package vn.izone.registry.api;

/**
 * Who makes a change, as recorded in the register and in every event. Until bearer tokens arrive the
 * caller names itself in the {@code X-Izone-Actor} header.
 */
public final class Actor {
    public static final String HEADER = "X-Izone-Actor";

    private Actor() {
    }

    /** The register keeps at most 200 characters of who changed a record. */
    public static final int MAX_LENGTH = 200;

    public static String of(String header) {
        if (header != null && header.strip().length() > MAX_LENGTH) {
            throw RejectedChange.invalid(HEADER, "at most " + MAX_LENGTH + " characters");
        }
        return header == null || header.isBlank() ? "anonymous" : header.strip();
    }
}
