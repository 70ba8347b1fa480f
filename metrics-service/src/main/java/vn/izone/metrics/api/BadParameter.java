package vn.izone.metrics.api;

/** A request parameter or body field that cannot be used: 400 problem+json naming it. */
public class BadParameter extends RuntimeException {
    /** Its problem type, https://izone.vn/problems/invalid-parameter, as in the registry and reporting. */
    static final String SLUG = "invalid-parameter";
    private final String field;

    public BadParameter(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return getMessage().substring(field.length() + 2);
    }
}
