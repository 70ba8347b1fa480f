package vn.izone.registry.report;

import java.time.LocalDate;
import java.time.YearMonth;

/**
 * Reporting periods (kỳ báo cáo). {@code number} is the month (1-12), quarter (1-4) or half (1-2); the first
 * nine months (January-September) and the year have none. Periods of one kind never partly overlap.
 */
public enum PeriodKind {
    MONTH(12, 1), QUARTER(4, 3), HALF_YEAR(2, 6), NINE_MONTHS(0, 9), YEAR(0, 12);

    private final int count;
    private final int months;

    PeriodKind(int count, int months) {
        this.count = count;
        this.months = months;
    }

    /** Highest {@code number}, or 0 when the kind takes none. */
    public int count() {
        return count;
    }

    public boolean numbered() {
        return count > 0;
    }

    public LocalDate start(int year, Integer number) {
        int first = numbered() ? (number - 1) * months + 1 : 1;
        return LocalDate.of(year, first, 1);
    }

    public LocalDate end(int year, Integer number) {
        YearMonth last = YearMonth.from(start(year, number)).plusMonths(months - 1L);
        return last.atEndOfMonth();
    }
}
