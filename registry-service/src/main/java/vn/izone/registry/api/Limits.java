package vn.izone.registry.api;

/**
 * The largest numbers the register's columns hold (numeric(precision, scale) in db/migration): checked on the
 * request, so that an out-of-range number is a 422 naming its field instead of a database error.
 */
public final class Limits {
    /** numeric(12, 4): hectares. */
    public static final String AREA_HA = "99999999.9999";
    /** numeric(16, 2). */
    public static final String AMOUNT_16_2 = "99999999999999.99";
    /** numeric(20, 2). */
    public static final String AMOUNT_20_2 = "999999999999999999.99";
    /** numeric(22, 2). */
    public static final String AMOUNT_22_2 = "99999999999999999999.99";
    /** numeric(22, 4): declared figures, either sign. */
    public static final String FIGURE = "999999999999999999.9999";

    private Limits() {
    }
}
