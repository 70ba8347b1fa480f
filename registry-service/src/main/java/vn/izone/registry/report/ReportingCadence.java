package vn.izone.registry.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import vn.izone.registry.decree.RuleFiles;
import vn.izone.registry.decree.RulesConfig;
import vn.izone.registry.zone.ZoneKind;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Comparator;
import java.util.List;

/**
 * When a kind of zone must report, read from a data file ({@code izone.rules.reporting}, by default the
 * industrial clusters' six-monthly and annual reports with cut-offs 14 June and 14 December): a new rule is a
 * change of data, not of code.
 */
@ApplicationScoped
public class ReportingCadence {

    public record Period(PeriodKind periodKind, Integer number, String cutOff) {
        MonthDay cutOffDay() {
            return MonthDay.parse(cutOff);
        }
    }

    public record Rules(String title, String basis, ZoneKind zoneKind, List<Period> periods) {
    }

    /** A period of a year whose report is due from {@code cutOff}. */
    public record Due(PeriodKind periodKind, int year, Integer number, LocalDate cutOff) {
    }

    private final Rules rules;

    public ReportingCadence(ObjectMapper json, RulesConfig files) {
        this.rules = RuleFiles.read(json, files.reporting(), Rules.class);
    }

    public Rules rules() {
        return rules;
    }

    /** The latest period whose cut-off has passed on {@code asOf} (this year's or, early in the year, last year's). */
    public Due lastDue(LocalDate asOf) {
        return java.util.stream.Stream.of(asOf.getYear(), asOf.getYear() - 1)
                .flatMap(year -> rules.periods().stream()
                        .map(p -> new Due(p.periodKind(), year, p.number(), p.cutOffDay().atYear(year))))
                .filter(due -> !due.cutOff().isAfter(asOf))
                .max(Comparator.comparing(Due::cutOff))
                .orElseThrow();
    }
}
