package vn.izone.registry.zone;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import vn.izone.registry.api.Problem;
import vn.izone.registry.api.RejectedChange;
import vn.izone.registry.decree.ClusterFacts;
import vn.izone.registry.decree.ClusterRuleEnforcer;
import vn.izone.registry.events.Outbox;
import vn.izone.registry.events.Topics;
import vn.izone.registry.province.FormerProvince;
import vn.izone.registry.province.Province;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Where a zone change is accepted: validated, written, and announced through the outbox in one transaction. */
@ApplicationScoped
public class ZoneService {
    private static final TypeReference<List<ZoneDetails.Phase>> PHASES = new TypeReference<>() {
    };
    private static final TypeReference<List<ZoneDetails.Target>> TARGETS = new TypeReference<>() {
    };

    private final Outbox outbox;
    private final ObjectMapper json;
    private final ClusterRuleEnforcer clusterRules;

    public ZoneService(Outbox outbox, ObjectMapper json, ClusterRuleEnforcer clusterRules) {
        this.outbox = outbox;
        this.json = json;
        this.clusterRules = clusterRules;
    }

    @Transactional
    public ZoneView register(@NotNull @Valid ZoneRequest request, String actor) {
        Zone zone = new Zone();
        zone.id = UUID.randomUUID();
        zone.revision = 1;
        apply(zone, request, actor);
        clusterRules.onRegister(zone);
        zone.persist();
        return announce(zone, "zone.registered", actor, request.source());
    }

    @Transactional
    public ZoneView correct(UUID id, long expectedRevision, @NotNull @Valid ZoneRequest request, String actor) {
        Zone zone = find(id);
        if (zone.revision != expectedRevision) {
            throw RejectedChange.staleVersion(expectedRevision, zone.revision);
        }
        if (request.status() != zone.status) {
            throw RejectedChange.conflict("status-by-command", "Status changes go through the status command",
                    "use POST /api/v1/zones/" + id + "/status to move the zone from " + zone.status, "status");
        }
        ClusterFacts before = ClusterRuleEnforcer.facts(zone);
        apply(zone, request, actor);
        clusterRules.onCorrect(zone, before);
        zone.revision++;
        return announce(zone, "zone.updated", actor, request.source());
    }

    public record StatusChange(ZoneStatus status, @PastOrPresent LocalDate statusDate,
                               @DecimalMin("0") @DecimalMax("100") BigDecimal constructionProgressPercent,
                               @PastOrPresent LocalDate validOn,
                               @Size(max = 500) String source,
                               @Size(max = 500) String reason) {
    }

    @Transactional
    public ZoneView changeStatus(UUID id, long expectedRevision, @NotNull @Valid StatusChange change, String actor) {
        Zone zone = find(id);
        if (expectedRevision >= 0 && zone.revision != expectedRevision) {
            throw RejectedChange.staleVersion(expectedRevision, zone.revision);
        }
        if (change.status() == null) {
            throw RejectedChange.invalid("status", "must not be null");
        }
        String refusal = zone.status.refusalOfMoveTo(change.status());
        if (refusal != null) {
            throw RejectedChange.conflict("illegal-transition", "This lifecycle move is not allowed", refusal, "status");
        }
        if (change.status() == ZoneStatus.EXPANDED) {
            clusterRules.onExpand(zone);
        }
        zone.status = change.status();
        zone.statusDate = change.statusDate() != null ? change.statusDate() : LocalDate.now();
        zone.constructionProgressPercent = change.constructionProgressPercent();
        zone.validOn = change.validOn() != null ? change.validOn() : zone.statusDate;
        zone.source = change.source();
        zone.changedBy(actor);
        zone.revision++;
        return announce(zone, "zone.status-changed", actor, change.source());
    }

    public Zone find(UUID id) {
        Zone zone = Zone.findById(id);
        if (zone == null) {
            throw RejectedChange.notFound("zone", id);
        }
        return zone;
    }

    public ZoneView view(Zone zone) {
        Province province = Province.findById(zone.provinceCode);
        FormerProvince former = zone.formerProvinceCode == null ? null : FormerProvince.findById(zone.formerProvinceCode);
        return new ZoneView(zone.id, zone.revision, zone.kind, zone.name, zone.provinceCode, province.name,
                zone.formerProvinceCode, former == null ? null : former.name, zone.commune, zone.planningPeriod,
                zone.status, zone.statusDate, zone.constructionProgressPercent, zone.clusterModel, zone.plannedAreaHa,
                zone.establishedAreaHa, zone.industrialLandHa, zone.leasedAreaHa, zone.infrastructureInvestor,
                zone.latitude, zone.longitude, zone.validOn, zone.source, zone.updatedBy, zone.updatedAt,
                read(zone.phases, PHASES), investment(zone),
                zone.wastewaterCentralised == null ? null : new ZoneDetails.Wastewater(zone.wastewaterCentralised, zone.wastewaterMeetsStandard),
                read(zone.targets, TARGETS), zone.parkType, outline(zone.outline));
    }

    /**
     * The zone a published state describes, as the register stores it (issue #18, the rebuild from the topics): every
     * stored field comes from the event's data, revision included; names of provinces are derived, not stored.
     */
    public Zone fromView(ZoneView v) {
        Zone zone = new Zone();
        zone.id = v.id();
        zone.revision = v.revision();
        zone.kind = v.kind();
        zone.name = v.name();
        zone.provinceCode = v.provinceCode();
        zone.formerProvinceCode = v.formerProvinceCode();
        zone.commune = v.commune();
        zone.planningPeriod = v.planningPeriod();
        zone.status = v.status();
        zone.statusDate = v.statusDate();
        zone.constructionProgressPercent = v.constructionProgressPercent();
        zone.clusterModel = v.clusterModel();
        zone.parkType = v.parkType();
        zone.plannedAreaHa = v.plannedAreaHa();
        zone.establishedAreaHa = v.establishedAreaHa();
        zone.industrialLandHa = v.industrialLandHa();
        zone.leasedAreaHa = v.leasedAreaHa();
        zone.infrastructureInvestor = v.infrastructureInvestor();
        zone.latitude = v.latitude();
        zone.longitude = v.longitude();
        zone.provenance(v.validOn(), v.source(), v.updatedBy(), v.updatedAt());
        zone.phases = write(v.phases());
        zone.outline = v.outline() == null || v.outline().isNull() ? null : v.outline().toString();
        ZoneDetails.InfrastructureInvestment money = v.infrastructureInvestmentVnd();
        zone.infraCentralBudgetVnd = money == null ? null : money.centralBudget();
        zone.infraLocalBudgetVnd = money == null ? null : money.localBudget();
        zone.infraInvestorVnd = money == null ? null : money.investor();
        zone.wastewaterCentralised = v.wastewater() == null ? null : v.wastewater().centralised();
        zone.wastewaterMeetsStandard = v.wastewater() == null ? null : v.wastewater().meetsStandard();
        zone.targets = write(v.targets());
        return zone;
    }

    private static ZoneDetails.InfrastructureInvestment investment(Zone zone) {
        if (zone.infraCentralBudgetVnd == null && zone.infraLocalBudgetVnd == null && zone.infraInvestorVnd == null) {
            return null;
        }
        return new ZoneDetails.InfrastructureInvestment(zone.infraCentralBudgetVnd, zone.infraLocalBudgetVnd, zone.infraInvestorVnd);
    }

    private <T> List<T> read(String value, TypeReference<List<T>> type) {
        if (value == null) {
            return null;
        }
        try {
            return json.readValue(value, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored zone details unreadable", e);
        }
    }

    private com.fasterxml.jackson.databind.JsonNode outline(String value) {
        try {
            return value == null ? null : json.readTree(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored zone outline unreadable", e);
        }
    }

    private String write(List<?> value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private ZoneView announce(Zone zone, String eventType, String actor, String source) {
        ZoneView view = view(zone);
        outbox.record(Topics.ZONES, eventType, "zone", zone.id, zone.revision, zone.id,
                new Outbox.Change(actor, zone.validOn, source), view);
        return view;
    }

    private void apply(Zone zone, ZoneRequest r, String actor) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (Province.findById(r.provinceCode()) == null) {
            errors.add(new Problem.FieldError("provinceCode", "unknown province '" + r.provinceCode() + "' (see GET /api/v1/provinces)"));
        }
        if (r.formerProvinceCode() != null) {
            FormerProvince former = FormerProvince.findById(r.formerProvinceCode());
            if (former == null) {
                errors.add(new Problem.FieldError("formerProvinceCode", "unknown former province '" + r.formerProvinceCode() + "'"));
            } else if (!former.provinceCode.equals(r.provinceCode())) {
                errors.add(new Problem.FieldError("formerProvinceCode", "former province " + former.name
                        + " belongs to province " + former.provinceCode + ", not " + r.provinceCode()));
            }
        }
        if (r.parkType() != null && r.kind() != ZoneKind.INDUSTRIAL_PARK) {
            errors.add(new Problem.FieldError("parkType", "only industrial parks have a park type (Decree 35/2022/ND-CP)"));
        }
        if (r.clusterModel() != null && r.kind() != ZoneKind.INDUSTRIAL_CLUSTER) {
            errors.add(new Problem.FieldError("clusterModel", "only industrial clusters have a cluster model"));
        }
        notAbove(errors, "leasedAreaHa", r.leasedAreaHa(), "industrialLandHa", r.industrialLandHa());
        notAbove(errors, "industrialLandHa", r.industrialLandHa(), "establishedAreaHa", r.establishedAreaHa());
        if (r.constructionProgressPercent() != null && r.status() != ZoneStatus.UNDER_CONSTRUCTION) {
            errors.add(new Problem.FieldError("constructionProgressPercent", "only a zone under construction has construction progress"));
        }
        if (r.phases() != null && r.plannedAreaHa() != null) {
            BigDecimal phased = r.phases().stream().map(ZoneDetails.Phase::areaHa).filter(java.util.Objects::nonNull)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            if (phased.compareTo(r.plannedAreaHa()) > 0) {
                errors.add(new Problem.FieldError("phases", "the phases cover " + phased.toPlainString()
                        + " ha, more than the planned " + r.plannedAreaHa().toPlainString() + " ha"));
            }
        }
        Problem.FieldError outline = ZoneOutline.check(r.outline());
        if (outline != null) {
            errors.add(outline);
        }
        if (r.wastewater() != null && Boolean.TRUE.equals(r.wastewater().meetsStandard())
                && !Boolean.TRUE.equals(r.wastewater().centralised())) {
            errors.add(new Problem.FieldError("wastewater.meetsStandard", "only a centralised treatment plant can meet the standard"));
        }
        if (!errors.isEmpty()) {
            throw RejectedChange.invalid(errors);
        }
        zone.kind = r.kind();
        zone.name = r.name().strip();
        zone.provinceCode = r.provinceCode();
        zone.formerProvinceCode = r.formerProvinceCode();
        zone.commune = r.commune();
        zone.planningPeriod = r.planningPeriod();
        zone.status = r.status();
        zone.statusDate = r.statusDate();
        zone.constructionProgressPercent = r.constructionProgressPercent();
        zone.clusterModel = r.clusterModel();
        zone.parkType = r.parkType();
        zone.plannedAreaHa = r.plannedAreaHa();
        zone.establishedAreaHa = r.establishedAreaHa();
        zone.industrialLandHa = r.industrialLandHa();
        zone.leasedAreaHa = r.leasedAreaHa();
        zone.infrastructureInvestor = r.infrastructureInvestor();
        zone.latitude = r.latitude();
        zone.longitude = r.longitude();
        zone.validOn = r.validOn();
        zone.source = r.source();
        zone.changedBy(actor);
        zone.phases = write(r.phases());
        zone.outline = r.outline() == null || r.outline().isNull() ? null : r.outline().toString();
        ZoneDetails.InfrastructureInvestment money = r.infrastructureInvestmentVnd();
        zone.infraCentralBudgetVnd = money == null ? null : money.centralBudget();
        zone.infraLocalBudgetVnd = money == null ? null : money.localBudget();
        zone.infraInvestorVnd = money == null ? null : money.investor();
        zone.wastewaterCentralised = r.wastewater() == null ? null : r.wastewater().centralised();
        zone.wastewaterMeetsStandard = r.wastewater() == null ? null : r.wastewater().meetsStandard();
        zone.targets = write(r.targets());
    }

    private static void notAbove(List<Problem.FieldError> errors, String field, BigDecimal value, String limitField, BigDecimal limit) {
        if (value != null && limit != null && value.compareTo(limit) > 0) {
            errors.add(new Problem.FieldError(field, field + " (" + value.toPlainString() + " ha) exceeds "
                    + limitField + " (" + limit.toPlainString() + " ha)"));
        }
    }
}
