package vn.izone.registry.api;

import jakarta.ws.rs.core.EntityTag;

import java.util.List;

/** ETag and If-Match handling: the ETag of a record is its revision. */
public final class Revisions {
    private Revisions() {
    }

    public static EntityTag etag(long revision) {
        return new EntityTag(Long.toString(revision));
    }

    /** The revision the client says it edits; a missing If-Match is refused (428) so no edit is blind. */
    public static long required(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new RejectedChange(Problem.of(428, "if-match-required", "Say which revision you edit",
                    "send If-Match with the ETag you read", List.of(new Problem.FieldError("If-Match", "missing"))));
        }
        String value = ifMatch.strip().replace("W/", "").replace("\"", "");
        long revision;
        try {
            revision = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw RejectedChange.invalid("If-Match", "'" + ifMatch + "' is not an ETag of this API");
        }
        if (revision < 1) { // revisions start at 1; a negative one would read as "no If-Match" downstream
            throw RejectedChange.invalid("If-Match", "'" + ifMatch + "' is not an ETag of this API");
        }
        return revision;
    }
}
