package vn.izone.registry.zone;

import vn.izone.registry.api.Limits;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;

/** Parts of a zone's record beyond its areas: phases, infrastructure capital, wastewater, targets. */
public final class ZoneDetails {
    private ZoneDetails() {
    }

    /** A part of the zone developed in one step (giai đoạn), e.g. phase 1, 28.5 ha. */
    public record Phase(@NotBlank @Size(max = 100) String name, @NotNull @PositiveOrZero @DecimalMax(Limits.AREA_HA) BigDecimal areaHa) {
    }

    /**
     * Capital spent on (or committed to) the zone's infrastructure by source, in VND: central budget, local
     * budget (ngân sách trung ương / địa phương) and the infrastructure investor. Each part is optional.
     */
    public record InfrastructureInvestment(@PositiveOrZero @DecimalMax(Limits.AMOUNT_22_2) BigDecimal centralBudget,
                                           @PositiveOrZero @DecimalMax(Limits.AMOUNT_22_2) BigDecimal localBudget,
                                           @PositiveOrZero @DecimalMax(Limits.AMOUNT_22_2) BigDecimal investor) {
    }

    /** Centralised wastewater treatment (xử lý nước thải tập trung), and whether it meets the national standard. */
    public record Wastewater(@NotNull Boolean centralised, @NotNull Boolean meetsStandard) {
    }

    /**
     * A target the zone (its investor) committed to, e.g. OCCUPANCY 50 % at INFRASTRUCTURE_COMPLETION, 100 % by
     * YEAR_THREE. {@code due} is a milestone name or an ISO date.
     */
    public record Target(@NotBlank @Pattern(regexp = "[A-Z][A-Z0-9_]{0,39}", message = "must be an upper-case indicator name such as OCCUPANCY") String indicator,
                         @NotNull @DecimalMin("0") @DecimalMax("100") BigDecimal percent,
                         @NotBlank @Size(max = 40) String due) {
    }
}
