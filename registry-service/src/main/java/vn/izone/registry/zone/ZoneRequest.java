package vn.izone.registry.zone;

import vn.izone.registry.api.Limits;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** What a department submits to register or correct a zone. Areas in hectares. */
public record ZoneRequest(
        @NotNull ZoneKind kind,
        @NotBlank @Size(max = 300) String name,
        @NotBlank @Size(max = 8) String provinceCode,
        @Size(max = 8) String formerProvinceCode,
        @Size(max = 200) String commune,
        @Size(max = 100) String planningPeriod,
        @NotNull ZoneStatus status,
        @PastOrPresent LocalDate statusDate,
        @DecimalMin("0") @DecimalMax("100") BigDecimal constructionProgressPercent,
        ClusterModel clusterModel,
        @PositiveOrZero @DecimalMax(Limits.AREA_HA) BigDecimal plannedAreaHa,
        @PositiveOrZero @DecimalMax(Limits.AREA_HA) BigDecimal establishedAreaHa,
        @PositiveOrZero @DecimalMax(Limits.AREA_HA) BigDecimal industrialLandHa,
        @PositiveOrZero @DecimalMax(Limits.AREA_HA) BigDecimal leasedAreaHa,
        @Size(max = 300) String infrastructureInvestor,
        @DecimalMin("-90") @DecimalMax("90") BigDecimal latitude,
        @DecimalMin("-180") @DecimalMax("180") BigDecimal longitude,
        @NotNull @PastOrPresent LocalDate validOn,
        @Size(max = 500) String source,
        @Size(max = 20) List<ZoneDetails.@Valid Phase> phases,
        @Valid ZoneDetails.InfrastructureInvestment infrastructureInvestmentVnd,
        @Valid ZoneDetails.Wastewater wastewater,
        @Size(max = 20) List<ZoneDetails.@Valid Target> targets,
        ParkType parkType,
        com.fasterxml.jackson.databind.JsonNode outline) {
}
