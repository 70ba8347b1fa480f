package vn.izone.registry.zone;

import vn.izone.registry.api.RejectedChange;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How an import reads the numbers of its numeric columns (docs/registry-api.md, "Bulk import"):
 * <ul>
 * <li>{@code auto} (the default): {@code 30,5} (one comma, no dot) is a decimal comma where it cannot be a thousands
 * separator — in a file separated by {@code ;} or tab (Excel in a Vietnamese locale), or when the comma is not
 * followed by exactly three digits; {@code 1.234,5} (dots grouping thousands, then a decimal comma) is read as
 * 1234.5 in such a file. Anything else is read as written ({@code 30.5}); {@code 1,234} in a comma-separated file is
 * ambiguous and refused, naming the column.</li>
 * <li>{@code comma}: every number has a decimal comma, dots may group thousands ({@code 1.234,5}); a lone dot is
 * refused as ambiguous.</li>
 * <li>{@code point}: numbers as JSON writes them, no comma read.</li>
 * </ul>
 */
final class Decimals {
    private static final Pattern ONE_COMMA = Pattern.compile("[-+]?\\d+,\\d+");
    private static final Pattern THOUSANDS_COMMA = Pattern.compile("[-+]?\\d{1,3},\\d{3}");
    private static final Pattern GROUPED_COMMA = Pattern.compile("[-+]?\\d{1,3}(\\.\\d{3})+(,\\d+)?");
    private static final Pattern PLAIN = Pattern.compile("[-+]?\\d+");

    enum Mode { AUTO, COMMA, POINT }

    private final Mode mode;
    /** Whether the file's delimiter says its numbers have decimal commas (";" or tab). */
    private final boolean commaLocale;

    private Decimals(Mode mode, boolean commaLocale) {
        this.mode = mode;
        this.commaLocale = commaLocale;
    }

    static Decimals of(String parameter) {
        if (parameter == null || parameter.isBlank()) {
            return new Decimals(Mode.AUTO, false);
        }
        try {
            return new Decimals(Mode.valueOf(parameter.strip().toUpperCase(Locale.ROOT)), false);
        } catch (IllegalArgumentException e) {
            throw RejectedChange.invalid("decimal", "'" + parameter + "' is not one of auto, comma, point");
        }
    }

    /** The same choice for a CSV file separated by {@code delimiter}. */
    Decimals inFileSeparatedBy(char delimiter) {
        return new Decimals(mode, delimiter == ';' || delimiter == '\t');
    }

    /** The cell as the JSON number it stands for, or as written; IllegalArgumentException when it is ambiguous. */
    String read(String value) {
        String v = value.strip().replace("\u00A0", "").replace(" ", ""); // Excel may group thousands with (no-break) spaces
        switch (mode) {
            case POINT:
                return value;
            case COMMA:
                if (PLAIN.matcher(v).matches() || ONE_COMMA.matcher(v).matches() || GROUPED_COMMA.matcher(v).matches()) {
                    return v.replace(".", "").replace(',', '.');
                }
                if (v.contains(".")) {
                    throw new IllegalArgumentException("'" + value + "' is ambiguous with decimal=comma: write 30,5 (or 1.234,5)");
                }
                return value;
            default:
                if (ONE_COMMA.matcher(v).matches()) {
                    if (commaLocale || !THOUSANDS_COMMA.matcher(v).matches()) {
                        return v.replace(',', '.');
                    }
                    throw new IllegalArgumentException("'" + value + "' is ambiguous (a thousands separator or a decimal comma?): "
                            + "write 1234 or 1.234, or send decimal=comma");
                }
                if (commaLocale && GROUPED_COMMA.matcher(v).matches() && v.contains(",")) {
                    return v.replace(".", "").replace(',', '.');
                }
                return value;
        }
    }
}
