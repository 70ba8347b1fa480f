package vn.izone.registry.landbank;

import jakarta.transaction.Transactional;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import vn.izone.registry.api.RejectedChange;
import vn.izone.registry.decree.ClusterFacts;
import vn.izone.registry.decree.ClusterRuleEnforcer;
import vn.izone.registry.project.Project;
import vn.izone.registry.province.Province;
import vn.izone.registry.zone.Zone;
import vn.izone.registry.zone.ZoneKind;
import vn.izone.registry.zone.ZoneStatus;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Land bank for investors: established zones with industrial land still free for lease, largest first,
 * with what an investor asks next (infrastructure investor to contact, wastewater treatment, sectors present).
 */
@Path("/api/v1/land-bank")
@Produces(MediaType.APPLICATION_JSON)
public class LandBankResource {

    public record Offer(UUID zoneId, String name, ZoneKind kind, String provinceCode, String provinceName,
                        String formerProvinceCode, ZoneStatus status, BigDecimal freeHa, BigDecimal industrialLandHa,
                        BigDecimal leasedHa, BigDecimal occupancyPercent, String infrastructureInvestor,
                        Boolean wastewaterCentralised, Boolean wastewaterMeetsStandard, BigDecimal latitude,
                        BigDecimal longitude, List<String> sectors, com.fasterxml.jackson.databind.JsonNode outline) {
    }

    @GET
    @Transactional
    @Operation(summary = "Zones with vacant industrial land for lease, sorted by free area",
            description = "Filters: provinceCode, kind, sector (a sector of a project already there), minFreeHa, wastewater=true (centralised treatment meeting the standard).")
    public List<Offer> search(@QueryParam("provinceCode") String provinceCode, @QueryParam("kind") ZoneKind kind,
                              @QueryParam("sector") String sector, @QueryParam("minFreeHa") @DefaultValue("0") BigDecimal minFreeHa,
                              @QueryParam("wastewater") Boolean wastewater) {
        if (minFreeHa.signum() < 0) {
            throw RejectedChange.invalid("minFreeHa", "must not be negative");
        }
        return Zone.<Zone>streamAll()
                .filter(z -> z.status.isEstablished())
                .filter(z -> provinceCode == null || provinceCode.equals(z.provinceCode))
                .filter(z -> kind == null || kind == z.kind)
                .filter(z -> wastewater == null || !wastewater || (Boolean.TRUE.equals(z.wastewaterCentralised) && Boolean.TRUE.equals(z.wastewaterMeetsStandard)))
                .map(this::offer)
                .filter(o -> o.freeHa().compareTo(minFreeHa) >= 0 && o.freeHa().signum() > 0)
                .filter(o -> sector == null || o.sectors().stream().anyMatch(s -> s.toLowerCase(Locale.ROOT).contains(sector.toLowerCase(Locale.ROOT))))
                .sorted(Comparator.comparing(Offer::freeHa).reversed().thenComparing(Offer::name))
                .toList();
    }

    private static com.fasterxml.jackson.databind.JsonNode outline(String value) {
        try {
            return value == null ? null : OUTLINES.readTree(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored zone outline unreadable", e);
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper OUTLINES = new com.fasterxml.jackson.databind.ObjectMapper();

    private Offer offer(Zone z) {
        ClusterFacts facts = ClusterRuleEnforcer.facts(z);
        List<String> sectors = Project.<Project>list("zoneId", z.id).stream()
                .filter(p -> p.status.isActive() && p.sector != null).map(p -> p.sector).distinct().sorted().toList();
        Province province = Province.findById(z.provinceCode);
        return new Offer(z.id, z.name, z.kind, z.provinceCode, province == null ? null : province.name, z.formerProvinceCode,
                z.status, facts.unleasedHa(), z.industrialLandHa, facts.leasedHa(), facts.occupancyPercent(),
                z.infrastructureInvestor, z.wastewaterCentralised, z.wastewaterMeetsStandard, z.latitude, z.longitude, sectors,
                outline(z.outline));
    }
}
