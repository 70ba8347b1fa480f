package vn.izone.registry.zone;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Version;
import org.hibernate.annotations.ColumnTransformer;

import vn.izone.registry.record.RegisterRecord;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A zone in the register. {@code revision} is the aggregate version the events carry (gap-free, one per
 * accepted change); {@code version} is Hibernate's optimistic lock against two transactions racing.
 */
@Entity
public class Zone extends RegisterRecord {
    @Id
    public UUID id;
    public long revision;
    @Version
    public long version;
    @Enumerated(EnumType.STRING)
    public ZoneKind kind;
    public String name;
    @Column(name = "province_code")
    public String provinceCode;
    @Column(name = "former_province_code")
    public String formerProvinceCode;
    public String commune;
    @Column(name = "planning_period")
    public String planningPeriod;
    @Enumerated(EnumType.STRING)
    public ZoneStatus status;
    @Column(name = "status_date")
    public LocalDate statusDate;
    @Column(name = "construction_progress")
    public BigDecimal constructionProgressPercent;
    @Enumerated(EnumType.STRING)
    @Column(name = "cluster_model")
    public ClusterModel clusterModel;
    @Enumerated(EnumType.STRING)
    @Column(name = "park_type")
    public ParkType parkType;
    @Column(name = "planned_area_ha")
    public BigDecimal plannedAreaHa;
    @Column(name = "established_area_ha")
    public BigDecimal establishedAreaHa;
    @Column(name = "industrial_land_ha")
    public BigDecimal industrialLandHa;
    @Column(name = "leased_area_ha")
    public BigDecimal leasedAreaHa;
    @Column(name = "infrastructure_investor")
    public String infrastructureInvestor;
    public BigDecimal latitude;
    public BigDecimal longitude;
    /** GeoJSON Polygon or MultiPolygon ({@link ZoneOutline}), for the land-bank map. */
    @ColumnTransformer(write = "?::jsonb")
    public String outline;
    /** JSON array of {@link ZoneDetails.Phase}. */
    @ColumnTransformer(write = "?::jsonb")
    public String phases;
    @Column(name = "infra_central_budget_vnd")
    public BigDecimal infraCentralBudgetVnd;
    @Column(name = "infra_local_budget_vnd")
    public BigDecimal infraLocalBudgetVnd;
    @Column(name = "infra_investor_vnd")
    public BigDecimal infraInvestorVnd;
    @Column(name = "wastewater_centralised")
    public Boolean wastewaterCentralised;
    @Column(name = "wastewater_meets_standard")
    public Boolean wastewaterMeetsStandard;
    /** JSON array of {@link ZoneDetails.Target}. */
    @ColumnTransformer(write = "?::jsonb")
    public String targets;
}
