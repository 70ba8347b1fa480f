package vn.izone.metrics.store;

import com.fasterxml.jackson.databind.JsonNode;
import vn.izone.metrics.events.PoisonEvent;
import vn.izone.metrics.events.RegistryEvent;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * What a registry event's data must look like before metrics stores it: the fields metrics reads are of the
 * right JSON type, numbers are non-negative and fit their columns, codes look like codes and text fits. An event
 * that breaks this is poison (dead-lettered with the field named), never a database error: a database error
 * looks like an outage, is retried and would stop the channel on a record that can never be written.
 * Fields metrics does not read are not checked (tolerant reader).
 */
final class EventData {
    private static final Pattern ENUM = Pattern.compile("[A-Z][A-Z0-9_]{0,39}");
    private static final Pattern PLACE_CODE = Pattern.compile("[A-Za-z0-9]{1,8}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    /** numeric(12, 4): hectares. */
    private static final BigDecimal AREA_MAX = new BigDecimal("1e8");
    /** numeric(20, 2): amounts in USD or a project's currency. */
    private static final BigDecimal AMOUNT_MAX = new BigDecimal("1e18");
    /** numeric(24, 2): amounts in VND. */
    private static final BigDecimal VND_MAX = new BigDecimal("1e22");
    /** numeric(16, 2): a monthly income in VND. */
    private static final BigDecimal INCOME_MAX = new BigDecimal("1e14");

    private EventData() {
    }

    static void check(RegistryEvent e) {
        JsonNode d = e.data();
        switch (e.aggregateType()) {
            case "zone" -> {
                code(d, "kind", ENUM, true);
                text(d, "name", 300, true);
                code(d, "provinceCode", PLACE_CODE, true);
                text(d, "provinceName", 120, false);
                code(d, "formerProvinceCode", PLACE_CODE, false);
                text(d, "formerProvinceName", 120, false);
                code(d, "status", ENUM, true);
                code(d, "clusterModel", ENUM, false);
                for (String area : new String[]{"plannedAreaHa", "establishedAreaHa", "industrialLandHa", "leasedAreaHa"}) {
                    number(d, area, AREA_MAX);
                }
                number(d, "constructionProgressPercent", new BigDecimal("100.01"));
                if (d.hasNonNull("targets") && d.get("targets").toString().length() > 65_536) {
                    throw new PoisonEvent("data.targets larger than 64 KiB");
                }
            }
            case "project" -> {
                code(d, "origin", ENUM, true);
                code(d, "status", ENUM, true);
                JsonNode capital = d.path("registeredCapital");
                if (!capital.isMissingNode() && !capital.isNull()) {
                    number(capital, "registeredCapital.", "amount", AMOUNT_MAX);
                    code(capital, "registeredCapital.", "currency", CURRENCY, false);
                }
                number(d, "leasedAreaHa", AREA_MAX);
                number(d, "workers", BigDecimal.valueOf(Integer.MAX_VALUE));
            }
            case "report" -> {
                code(d, "periodKind", ENUM, true);
                number(d, "year", new BigDecimal("10000"));
                number(d, "number", new BigDecimal("1000"));
                number(d, "revenueVnd", VND_MAX);
                number(d, "exportUsd", AMOUNT_MAX);
                number(d, "budgetPaidVnd", VND_MAX);
                number(d, "workers", BigDecimal.valueOf(Integer.MAX_VALUE));
                number(d, "averageMonthlyIncomeVnd", INCOME_MAX);
                text(d, "source", 500, false);
            }
            default -> {
            }
        }
    }

    private static void code(JsonNode d, String field, Pattern pattern, boolean required) {
        code(d, "", field, pattern, required);
    }

    private static void code(JsonNode d, String parent, String field, Pattern pattern, boolean required) {
        String value = text(d, parent, field, 40, required);
        if (value != null && !pattern.matcher(value).matches()) {
            throw new PoisonEvent("data." + parent + field + " is not a code: " + abbreviate(value));
        }
    }

    private static String text(JsonNode d, String field, int maxLength, boolean required) {
        return text(d, "", field, maxLength, required);
    }

    private static String text(JsonNode d, String parent, String field, int maxLength, boolean required) {
        JsonNode node = d.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                throw new PoisonEvent("data." + parent + field + " missing");
            }
            return null;
        }
        if (!node.isTextual()) {
            throw new PoisonEvent("data." + parent + field + " is not text");
        }
        String value = node.asText();
        if (value.length() > maxLength) {
            throw new PoisonEvent("data." + parent + field + " longer than " + maxLength + " characters");
        }
        if (value.indexOf('\uFFFD') >= 0) {
            throw new PoisonEvent("data." + parent + field + " holds bytes that are not UTF-8");
        }
        return value;
    }

    private static void number(JsonNode d, String field, BigDecimal maxExclusive) {
        number(d, "", field, maxExclusive);
    }

    private static void number(JsonNode d, String parent, String field, BigDecimal maxExclusive) {
        JsonNode node = d.get(field);
        if (node == null || node.isNull()) {
            return;
        }
        if (!node.isNumber()) {
            throw new PoisonEvent("data." + parent + field + " is not a number");
        }
        BigDecimal value = node.decimalValue();
        if (value.signum() < 0 || value.compareTo(maxExclusive) >= 0) {
            throw new PoisonEvent("data." + parent + field + " out of range: " + abbreviate(node.asText()));
        }
    }

    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }
}
