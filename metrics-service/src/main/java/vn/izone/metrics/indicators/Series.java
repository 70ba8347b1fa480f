package vn.izone.metrics.indicators;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

/** A scope's main figures at the end of each step (month, quarter, year) between two dates, "as of" each. */
public record Series(String scopeKey, String step, LocalDate from, LocalDate to, List<Point> points) {

    public record Point(LocalDate asOf, long zones, long zonesEstablished, long zonesOperating,
                        BigDecimal industrialLandHa, BigDecimal leasedHa, BigDecimal occupancyPercent,
                        BigDecimal occupancyOperatingPercent, long projectWorkers, Long reportedWorkers, long activeProjects) {
        static Point of(Indicators i) {
            return new Point(i.asOf(), i.zones().total(), i.zones().established(), i.zones().operating(),
                    i.occupancy().industrialLandHa(), i.occupancy().leasedHa(), i.occupancy().ratePercent(),
                    i.occupancyOperating().ratePercent(), i.employment().workers(), i.employment().reportedWorkers(),
                    i.projects().active());
        }
    }

    public enum Step { MONTH, QUARTER, YEAR }

    public static final int MAX_POINTS = 240;

    /** The ends of the steps that end within [from, to]; the last point is {@code to} if it ends no step. */
    public static List<LocalDate> stepEnds(LocalDate from, LocalDate to, Step step) {
        List<LocalDate> ends = new ArrayList<>();
        LocalDate end = endOf(from, step);
        while (!end.isAfter(to)) {
            ends.add(end);
            if (ends.size() > MAX_POINTS) {
                throw new IllegalArgumentException("more than " + MAX_POINTS + " points: choose a larger step");
            }
            end = endOf(end.plusDays(1), step);
        }
        if (ends.isEmpty() || !ends.get(ends.size() - 1).equals(to)) {
            ends.add(to);
        }
        return ends;
    }

    static LocalDate endOf(LocalDate day, Step step) {
        return switch (step) {
            case MONTH -> day.with(TemporalAdjusters.lastDayOfMonth());
            case QUARTER -> LocalDate.of(day.getYear(), ((day.getMonthValue() - 1) / 3) * 3 + 3, 1).with(TemporalAdjusters.lastDayOfMonth());
            case YEAR -> LocalDate.of(day.getYear(), 12, 31);
        };
    }

    public static Series compute(IndicatorCalculator calculator, Scope scope, LocalDate from, LocalDate to, Step step) {
        List<Point> points = new ArrayList<>();
        for (LocalDate end : stepEnds(from, to, step)) {
            points.add(Point.of(calculator.compute(scope, end)));
        }
        return new Series(scope.key(), step.name(), from, to, points);
    }
}
