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
 * A declared figure as submitted, e.g. {"scopeType":"PROVINCE","scopeCode":"37","figure":"OPERATING_CLUSTERS",
 * "kind":"INDUSTRIAL_CLUSTER","indicator":"zones.operating","value":43,"unit":"count","validOn":"2025-12-31",
 * "source":"Sở Công Thương Ninh Bình, báo cáo năm 2025"}. {@code kind} and {@code indicator} name the register figure
 * it corresponds to (optional: a figure the register does not compute has neither); NATIONAL takes scopeCode VN.
 */
public record FigureSubmission(
        @NotNull @Pattern(regexp = "PROVINCE|FORMER_PROVINCE|ZONE|NATIONAL", message = "must be PROVINCE, FORMER_PROVINCE, ZONE or NATIONAL") String scopeType,
        @NotBlank @Size(max = 80) String scopeCode,
        @NotNull @Pattern(regexp = "[A-Z][A-Z0-9_]{0,59}", message = "must be an upper-case figure name such as PLANNED_CLUSTERS") String figure,
        @Pattern(regexp = "INDUSTRIAL_PARK|INDUSTRIAL_CLUSTER|ECONOMIC_ZONE", message = "must be INDUSTRIAL_PARK, INDUSTRIAL_CLUSTER or ECONOMIC_ZONE") String kind,
        @Pattern(regexp = RegisterIndicator.PATTERN, message = "must be an indicator of the register such as zones.operating, areas.leasedHa, occupancy.ratePercent, employment.workers") String indicator,
        @NotNull @DecimalMin("-" + Limits.FIGURE) @DecimalMax(Limits.FIGURE) BigDecimal value,
        @NotNull @Pattern(regexp = "count|ha|percent|VND|USD|persons", message = "must be one of count, ha, percent, VND, USD, persons") String unit,
        @NotNull @PastOrPresent LocalDate validOn,
        @NotBlank @Size(max = 500) String source) {
}
