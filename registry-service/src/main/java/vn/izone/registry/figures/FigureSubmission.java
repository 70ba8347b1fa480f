package vn.izone.registry.figures;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.DecimalMax;
import vn.izone.registry.api.Limits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A declared figure as submitted, e.g. {"scopeType":"PROVINCE","scopeCode":"37","figure":"PLANNED_CLUSTERS",
 * "value":117,"unit":"count","validOn":"2025-09-30","source":"Department of Industry and Trade, report 9M/2025"}.
 */
public record FigureSubmission(
        @NotNull @Pattern(regexp = "PROVINCE|FORMER_PROVINCE|ZONE", message = "must be PROVINCE, FORMER_PROVINCE or ZONE") String scopeType,
        @NotBlank @Size(max = 80) String scopeCode,
        @NotNull @Pattern(regexp = "[A-Z][A-Z0-9_]{0,59}", message = "must be an upper-case figure name such as PLANNED_CLUSTERS") String figure,
        @NotNull @DecimalMin("-" + Limits.FIGURE) @DecimalMax(Limits.FIGURE) BigDecimal value,
        @NotNull @Pattern(regexp = "count|ha|percent|VND|USD|persons", message = "must be one of count, ha, percent, VND, USD, persons") String unit,
        @NotNull @PastOrPresent LocalDate validOn,
        @NotBlank @Size(max = 500) String source) {
}
