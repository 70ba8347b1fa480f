package vn.izone.registry.zone;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A zone's full state as the API returns it and as every zone event carries it ({@code data} of
 * docs/events/schemas/zone.v1.json). Names travel with codes so consumers need no lookup. Fields are only
 * ever added (at the end), never renamed or removed: consumers of v1 depend on them.
 */
public record ZoneView(
        UUID id,
        long revision,
        ZoneKind kind,
        String name,
        String provinceCode,
        String provinceName,
        String formerProvinceCode,
        String formerProvinceName,
        String commune,
        String planningPeriod,
        ZoneStatus status,
        LocalDate statusDate,
        BigDecimal constructionProgressPercent,
        ClusterModel clusterModel,
        BigDecimal plannedAreaHa,
        BigDecimal establishedAreaHa,
        BigDecimal industrialLandHa,
        BigDecimal leasedAreaHa,
        String infrastructureInvestor,
        BigDecimal latitude,
        BigDecimal longitude,
        LocalDate validOn,
        String source,
        String updatedBy,
        Instant updatedAt,
        List<ZoneDetails.Phase> phases,
        ZoneDetails.InfrastructureInvestment infrastructureInvestmentVnd,
        ZoneDetails.Wastewater wastewater,
        List<ZoneDetails.Target> targets,
        ParkType parkType,
        com.fasterxml.jackson.databind.JsonNode outline) {
}
