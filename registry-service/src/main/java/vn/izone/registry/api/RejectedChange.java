package vn.izone.registry.api;

import java.util.List;

/**
 * A change the register refuses: invalid values (422), an illegal lifecycle move (409), a stale version
 * (412). Thrown before anything is written, so the transaction rolls back and no event is produced.
 */
public class RejectedChange extends RuntimeException {
    private final transient Problem problem;

    public RejectedChange(Problem problem) {
        super(problem.detail());
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    /**
     * The same refusal for item {@code prefix} of a batch (e.g. {@code items[12]}): every field is named
     * {@code items[12].field}, fields of the whole request (the zone in the path) stay as they are.
     */
    public RejectedChange forItem(String prefix) {
        List<Problem.FieldError> errors = problem.errors() == null ? null : problem.errors().stream()
                .map(e -> "zoneId".equals(e.field()) ? e : new Problem.FieldError(prefix + "." + e.field(), e.message()))
                .toList();
        return new RejectedChange(new Problem(problem.type(), problem.title(), problem.status(),
                prefix + ": " + problem.detail(), errors));
    }

    public static RejectedChange invalid(String field, String message) {
        return new RejectedChange(Problem.of(422, "invalid-value", "The request has invalid values",
                field + ": " + message, List.of(new Problem.FieldError(field, message))));
    }

    public static RejectedChange invalid(List<Problem.FieldError> errors) {
        return new RejectedChange(Problem.of(422, "invalid-value", "The request has invalid values",
                errors.size() + " field(s) rejected", errors));
    }

    public static RejectedChange notFound(String what, Object id) {
        return new RejectedChange(Problem.of(404, "not-found", what + " not found", what + " " + id + " does not exist", null));
    }

    public static RejectedChange conflict(String slug, String title, String detail, String field) {
        return new RejectedChange(Problem.of(409, slug, title, detail,
                field == null ? null : List.of(new Problem.FieldError(field, detail))));
    }

    public static RejectedChange staleVersion(long expected, long actual) {
        return new RejectedChange(Problem.of(412, "stale-version", "Someone else changed this record",
                "If-Match was revision " + expected + " but the record is at revision " + actual
                        + "; reload it and apply your change again", List.of(new Problem.FieldError("If-Match", "stale"))));
    }
}
