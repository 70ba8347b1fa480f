package vn.izone.reporting.discrepancies;

import vn.izone.reporting.api.BadParameter;
import vn.izone.reporting.kinds.Kinds;

import java.util.List;
import java.util.Locale;

/**
 * What the discrepancy view is asked for, checked before the registry is: {@code province} (today's province: its own
 * figures, its former provinces' and its zones'), {@code scopeType} and {@code scopeCode} (one scope), {@code kind},
 * and {@code conflicting=true} (only declarations that differ from the register). A blank value is no filter.
 */
public record DiscrepancyQuery(String province, String scopeType, String scopeCode, String kind, boolean conflictingOnly) {
    static final List<String> SCOPE_TYPES = List.of("PROVINCE", "FORMER_PROVINCE", "ZONE", "NATIONAL");
    private static final String CODE = "[A-Za-z0-9_-]{1,16}";

    public static DiscrepancyQuery of(String province, String scopeType, String scopeCode, String kind, String conflicting) {
        String p = blank(province);
        if (p != null && !p.matches(CODE)) {
            throw new BadParameter("province", "must be a province code such as 37 (letters, digits, - or _, up to 16), not '" + province + "'");
        }
        String t = blank(scopeType);
        if (t != null) {
            t = t.toUpperCase(Locale.ROOT);
            if (!SCOPE_TYPES.contains(t)) {
                throw new BadParameter("scopeType", "must be one of " + SCOPE_TYPES + ", not '" + scopeType + "'");
            }
        }
        String c = blank(scopeCode);
        if (c != null && !c.matches("[A-Za-z0-9_-]{1,40}")) {
            throw new BadParameter("scopeCode", "must be a province or former province code, a zone id or VN, not '" + scopeCode + "'");
        }
        if (c != null && t == null) {
            throw new BadParameter("scopeCode", "needs scopeType (PROVINCE, FORMER_PROVINCE, ZONE or NATIONAL)");
        }
        String only = blank(conflicting);
        if (only != null && !only.equals("true") && !only.equals("false")) {
            throw new BadParameter("conflicting", "must be true or false, not '" + conflicting + "'");
        }
        return new DiscrepancyQuery(p, t, c, Kinds.check(kind), "true".equals(only));
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
