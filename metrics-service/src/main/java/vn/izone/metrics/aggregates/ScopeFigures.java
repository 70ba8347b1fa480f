package vn.izone.metrics.aggregates;

import vn.izone.metrics.indicators.Scope;

/**
 * Which of a zone's figures a scope above it holds. A zone's sums carry labels that only one kind of scope reads:
 * its own name, codes and kind (read by the zone's scope alone), its province's name (read by province scopes) and
 * its former province's name (by former-province scopes). Folded everywhere, they made the national scope hold a
 * name per zone (3,000 of its 5,200 figures at national scale) that nothing reads but every fold and every publish
 * paid for. The filter depends on the scope's type and the figure's name only, so folding stays linear: a scope
 * gains and loses exactly the filtered part of each change, and its sums stay the filtered sum of its zones'.
 */
public final class ScopeFigures {
    private ScopeFigures() {
    }

    /** Whether a scope of this type holds the figure. */
    public static boolean holds(Scope.Type type, String figure) {
        if (type == Scope.Type.ZONE) {
            return true;
        }
        if (figure.startsWith("zoneName:") || figure.startsWith("provinceCode:") || figure.startsWith("formerProvinceCode:")
                || figure.startsWith("kind:")) {
            return false;
        }
        if (figure.startsWith("provinceName:")) {
            return type == Scope.Type.PROVINCE || type == Scope.Type.PROVINCE_KIND;
        }
        if (figure.startsWith("formerProvinceName:")) {
            return type == Scope.Type.FORMER_PROVINCE || type == Scope.Type.FORMER_PROVINCE_KIND;
        }
        return true;
    }

    /** Adds to {@code into} the entries of {@code change} a scope of this type holds, each times {@code sign}. */
    static void fold(Sums into, Sums change, Scope.Type type, int sign) {
        change.forEach((figure, value) -> {
            if (holds(type, figure)) {
                into.add(figure, sign < 0 ? value.negate() : value);
            }
        });
    }
}
