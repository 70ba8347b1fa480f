package vn.izone.registry.project;

import jakarta.validation.constraints.DecimalMax;
import vn.izone.registry.api.Limits;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * What a department submits for a secondary investment project in a zone. The registered capital may be left out
 * while unknown (e.g. a flagship project named before its licence); when given, it states its currency.
 */
public record ProjectRequest(
        @NotBlank @Size(max = 300) String name,
        @NotBlank @Size(max = 300) String investor,
        @NotNull ProjectOrigin origin,
        @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166 alpha-2 country code") String investorCountry,
        @Size(max = 200) String sector,
        @Valid Money registeredCapital,
        @PositiveOrZero @DecimalMax(Limits.AREA_HA) BigDecimal leasedAreaHa,
        @PositiveOrZero Integer workers,
        @NotNull ProjectStatus status,
        @Size(max = 500) String statusReason,
        @PastOrPresent LocalDate statusDate,
        @NotNull @PastOrPresent LocalDate validOn,
        @Size(max = 500) String source) {
}
