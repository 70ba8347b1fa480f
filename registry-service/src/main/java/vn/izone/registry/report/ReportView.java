package vn.izone.registry.report;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A report's full state, as the API returns it and report events carry it (docs/events/schemas/report.v1.json). */
public record ReportView(
        UUID id,
        UUID zoneId,
        UUID projectId,
        long revision,
        PeriodKind periodKind,
        int year,
        Integer number,
        LocalDate periodStart,
        LocalDate periodEnd,
        BigDecimal revenueVnd,
        BigDecimal exportUsd,
        BigDecimal budgetPaidVnd,
        Integer workers,
        BigDecimal averageMonthlyIncomeVnd,
        LocalDate validOn,
        String source,
        String updatedBy,
        Instant updatedAt) {
}
