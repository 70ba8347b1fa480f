package vn.izone.reporting.landbank;

import vn.izone.reporting.api.BadParameter;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The filters of the registry's {@code GET /api/v1/land-bank}, checked here as the registry checks them, so a bad
 * value is a 400 naming its field rather than whatever the registry would make of it (an unknown kind is a 404 there).
 */
public record LandBankQuery(String provinceCode, String kind, String sector, BigDecimal minFreeHa, Boolean wastewater) {
    /** The registry's ZoneKind. */
    public static final List<String> KINDS = List.of("ECONOMIC_ZONE", "INDUSTRIAL_PARK", "INDUSTRIAL_CLUSTER");
    private static final Pattern PROVINCE_CODE = Pattern.compile("[A-Za-z0-9_-]{1,16}");

    /** @throws BadParameter naming the first field that is wrong */
    public static LandBankQuery of(String provinceCode, String kind, String sector, String minFreeHa, String wastewater) {
        String province = blankToNull(provinceCode);
        if (province != null && !PROVINCE_CODE.matcher(province).matches()) {
            throw new BadParameter("provinceCode", "must be a province code such as 37, not '" + provinceCode + "'");
        }
        String k = blankToNull(kind);
        if (k != null && !KINDS.contains(k)) {
            throw new BadParameter("kind", "must be one of " + KINDS + ", not '" + kind + "'");
        }
        String s = blankToNull(sector);
        if (s != null && s.length() > 100) {
            throw new BadParameter("sector", "must be at most 100 characters");
        }
        BigDecimal min = null;
        if (blankToNull(minFreeHa) != null) {
            try {
                min = new BigDecimal(minFreeHa.trim());
            } catch (NumberFormatException e) {
                throw new BadParameter("minFreeHa", "must be a number of hectares, not '" + minFreeHa + "'");
            }
            if (min.signum() < 0) {
                throw new BadParameter("minFreeHa", "must not be negative");
            }
        }
        Boolean w = null;
        if (blankToNull(wastewater) != null) {
            String v = wastewater.trim().toLowerCase(Locale.ROOT);
            if (!v.equals("true") && !v.equals("false")) {
                throw new BadParameter("wastewater", "must be true or false, not '" + wastewater + "'");
            }
            w = Boolean.valueOf(v);
        }
        return new LandBankQuery(province, k, s, min, w);
    }

    /** The query string for the registry ("" when there is no filter), parameters in a fixed order. */
    public String queryString() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("provinceCode", provinceCode);
        params.put("kind", kind);
        params.put("sector", sector);
        params.put("minFreeHa", minFreeHa == null ? null : minFreeHa.toPlainString());
        params.put("wastewater", wastewater);
        String q = params.entrySet().stream().filter(e -> e.getValue() != null)
                .map(e -> e.getKey() + "=" + URLEncoder.encode(String.valueOf(e.getValue()), StandardCharsets.UTF_8).replace("+", "%20"))
                .collect(Collectors.joining("&"));
        return q.isEmpty() ? "" : "?" + q;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
