package vn.izone.reporting.api;

/** A query parameter with a value the endpoint cannot use: a 400 problem naming the field. */
public class BadParameter extends IllegalArgumentException {
    /** Its problem type, https://izone.vn/problems/invalid-parameter, as in the registry and metrics. */
    static final String SLUG = "invalid-parameter";
    private final String field;

    public BadParameter(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }

    public String reason() {
        String m = getMessage();
        return m.substring(field.length() + 2);
    }
}
