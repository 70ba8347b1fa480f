package vn.izone.reporting.discrepancies;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import vn.izone.reporting.indicators.IndicatorStore;
import vn.izone.reporting.kinds.Kinds;
import vn.izone.reporting.metrics.MetricsAway;
import vn.izone.reporting.series.IndicatorPaths;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every declaration (as known today) beside the register's figure for the same scope, kind and date — metrics-service's
 * indicators as of the declaration's {@code validOn} — and the difference. One metrics call per scope and date, however
 * many indicators are declared for them; at most {@link #MAX_LOOKUPS} per answer, so a country-wide view cannot keep
 * metrics busy for long (the rest say so: narrow by province).
 */
@ApplicationScoped
public class DiscrepancyView {
    static final int MAX_LOOKUPS = 100;
    /** Rows in this order: what differs first, then what agrees, then what could not be compared. */
    static final List<String> ORDER = List.of(Discrepancy.DIFFERS, Discrepancy.AGREES, Discrepancy.REGISTER_UNAVAILABLE,
            Discrepancy.NOT_A_REGISTER_FIGURE);
    static final String BASIS = "register figure: metrics-service GET /api/v1/indicators/{scope}?asOf={validOn} (each zone, project and "
            + "report in its latest state valid on that date); difference = declared − register";

    /** The view: the filters it answers, how many declarations and how many differ, then the rows (in {@link #ORDER}). */
    public record Answer(String province, String scopeType, String scopeCode, String kind, boolean conflictingOnly,
                         int declarations, int conflicting, String basis, List<Discrepancy> rows) {
    }

    private final DeclaredFigures declared;
    private final RegisterFigures register;
    private final IndicatorStore store;

    public DiscrepancyView(DeclaredFigures declared, RegisterFigures register, IndicatorStore store) {
        this.declared = declared;
        this.register = register;
        this.store = store;
    }

    /** What one lookup of metrics gave: the scope's indicators, or why there are none. */
    private record Lookup(JsonNode indicators, String note) {
    }

    public Answer of(DiscrepancyQuery q) {
        Map<String, Lookup> lookups = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        List<Discrepancy> rows = new ArrayList<>();
        for (JsonNode f : declared.asKnownToday(q)) {
            String kind = text(f, "kind");
            if (q.kind() != null && !q.kind().equals(kind)) {
                continue;
            }
            Discrepancy row = row(f, kind, lookups, names);
            if (!q.conflictingOnly() || Discrepancy.DIFFERS.equals(row.status())) {
                rows.add(row);
            }
        }
        rows.sort(Comparator.comparing((Discrepancy d) -> ORDER.indexOf(d.status()))
                .thenComparing(Discrepancy::scopeKey)
                .thenComparing(d -> d.kind() == null ? "" : d.kind())
                .thenComparing(d -> d.indicator() == null ? "~" : d.indicator())
                .thenComparing(Discrepancy::validOn, Comparator.reverseOrder()));
        int conflicting = (int) rows.stream().filter(d -> Discrepancy.DIFFERS.equals(d.status())).count();
        return new Answer(q.province(), q.scopeType(), q.scopeCode(), q.kind(), q.conflictingOnly(), rows.size(), conflicting, BASIS, rows);
    }

    private Discrepancy row(JsonNode f, String kind, Map<String, Lookup> lookups, Map<String, String> names) {
        String scopeType = text(f, "scopeType");
        String scopeCode = text(f, "scopeCode");
        String scopeKey = text(f, "scopeKey") != null ? text(f, "scopeKey") : scopeKey(scopeType, scopeCode);
        String indicator = text(f, "indicator");
        String registerKey = indicator == null ? null
                : text(f, "registerScopeKey") != null ? text(f, "registerScopeKey") : registerScopeKey(scopeType, scopeCode, kind);
        LocalDate validOn = LocalDate.parse(f.path("validOn").asText());
        BigDecimal value = plain(IndicatorPaths.decimal(f.get("value")));
        String name = names.computeIfAbsent(scopeKey, k -> store.latest(k).map(s -> text(s, "scopeName")).orElse(null));
        BigDecimal registerValue = null;
        String basis = null;
        Instant computedAt = null;
        String status;
        String note = null;
        if (indicator == null) {
            status = Discrepancy.NOT_A_REGISTER_FIGURE;
            note = "the declaration names no indicator of the register";
        } else {
            Lookup lookup = lookups.computeIfAbsent(registerKey + "|" + validOn, k -> lookups.size() >= MAX_LOOKUPS
                    ? new Lookup(null, "more than " + MAX_LOOKUPS + " scopes and dates in one view: narrow it by province")
                    : lookUp(registerKey, validOn));
            JsonNode indicators = lookup.indicators();
            registerValue = indicators == null ? null : plain(IndicatorPaths.decimal(indicators.at("/" + indicator.replace('.', '/'))));
            if (registerValue == null) {
                status = Discrepancy.REGISTER_UNAVAILABLE;
                note = indicators == null ? lookup.note() : "metrics-service gives no " + indicator + " for " + registerKey;
            } else {
                status = value.compareTo(registerValue) == 0 ? Discrepancy.AGREES : Discrepancy.DIFFERS;
                basis = basisOf(indicators, indicator);
                computedAt = instant(text(indicators, "computedAt"));
            }
        }
        return new Discrepancy(scopeType, scopeCode, scopeKey, name, text(f, "provinceCode"), text(f, "figure"), kind, indicator,
                validOn, value, text(f, "unit"), text(f, "source"), text(f, "actor"), instant(text(f, "recordedAt")), registerKey,
                registerValue, basis, computedAt, registerValue == null ? null : plain(value.subtract(registerValue)), status, note);
    }

    private Lookup lookUp(String registerKey, LocalDate validOn) {
        try {
            Optional<JsonNode> indicators = register.asOf(registerKey, validOn);
            return indicators.map(i -> new Lookup(i, null))
                    .orElseGet(() -> new Lookup(null, "metrics-service has no figures of " + registerKey));
        } catch (MetricsAway e) {
            return new Lookup(null, e.getMessage());
        }
    }

    /** What an occupancy or a workers figure is made of, as metrics says (in English; the pages translate it). */
    private static String basisOf(JsonNode indicators, String indicator) {
        String group = indicator.substring(0, indicator.indexOf('.'));
        return switch (group) {
            case "occupancy", "occupancyOperating" -> text(indicators.path(group), "basis");
            case "employment" -> text(indicators.path(group), "source");
            default -> null;
        };
    }

    static String scopeKey(String scopeType, String scopeCode) {
        return switch (scopeType) {
            case "PROVINCE" -> "province:" + scopeCode;
            case "FORMER_PROVINCE" -> "former-province:" + scopeCode;
            case "ZONE" -> "zone:" + scopeCode;
            default -> "national:VN";
        };
    }

    static String registerScopeKey(String scopeType, String scopeCode, String kind) {
        if (kind == null) {
            return scopeKey(scopeType, scopeCode);
        }
        return Kinds.key(scopeType, scopeCode, kind);
    }

    private static BigDecimal plain(BigDecimal d) {
        if (d == null) {
            return null;
        }
        BigDecimal s = d.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    private static Instant instant(String s) {
        try {
            return s == null ? null : Instant.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
