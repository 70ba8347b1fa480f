package vn.izone.registry.report;

import jakarta.validation.constraints.DecimalMax;
import vn.izone.registry.api.Limits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/**
 * What a management board submits for a period: the zone's figures, or one project's when {@code projectId}
 * is set. Amounts in VND except export value in USD; income in VND per person per month.
 */
public record ReportRequest(
        UUID projectId,
        @NotNull PeriodKind periodKind,
        @NotNull @Min(1990) @Max(2100) Integer year,
        @Min(1) @Max(12) Integer number,
        @PositiveOrZero @DecimalMax(Limits.AMOUNT_22_2) BigDecimal revenueVnd,
        @PositiveOrZero @DecimalMax(Limits.AMOUNT_20_2) BigDecimal exportUsd,
        @PositiveOrZero @DecimalMax(Limits.AMOUNT_22_2) BigDecimal budgetPaidVnd,
        @PositiveOrZero Integer workers,
        @PositiveOrZero @DecimalMax(Limits.AMOUNT_16_2) BigDecimal averageMonthlyIncomeVnd,
        @NotNull @PastOrPresent LocalDate validOn,
        @Size(max = 500) String source) {
}
