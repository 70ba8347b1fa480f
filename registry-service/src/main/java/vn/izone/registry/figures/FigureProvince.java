package vn.izone.registry.figures;

import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;
import vn.izone.registry.api.ProvinceResolver;
import vn.izone.registry.province.FormerProvince;
import vn.izone.registry.province.Province;
import vn.izone.registry.zone.Zone;

import java.util.UUID;

/**
 * The province a declared figure is about: the province itself, the province a former province was merged into, or
 * a zone's province. Null for a scope that does not exist (the resource answers 422 naming {@code scopeCode}).
 */
@ApplicationScoped
@Unremovable // looked up by ProvinceScope as well as injected
public class FigureProvince implements ProvinceResolver<FigureSubmission> {
    @Override
    public String provinceOf(FigureSubmission s) {
        if (s.scopeType() == null || s.scopeCode() == null) {
            return null; // refused by validation
        }
        return switch (s.scopeType()) {
            case "NATIONAL" -> null; // the whole country: a registrar's (FigureResource)
            case "PROVINCE" -> Province.findById(s.scopeCode()) == null ? null : s.scopeCode();
            case "FORMER_PROVINCE" -> {
                FormerProvince former = FormerProvince.findById(s.scopeCode());
                yield former == null ? null : former.provinceCode;
            }
            default -> {
                Zone zone = isUuid(s.scopeCode()) ? Zone.findById(UUID.fromString(s.scopeCode())) : null;
                yield zone == null ? null : zone.provinceCode;
            }
        };
    }

    /** The zone a ZONE figure is about (its event is keyed and ordered with the zone's), else null. */
    public UUID zoneOf(FigureSubmission s) {
        if (!"ZONE".equals(s.scopeType()) || s.scopeCode() == null || !isUuid(s.scopeCode())) {
            return null;
        }
        Zone zone = Zone.findById(UUID.fromString(s.scopeCode()));
        return zone == null ? null : zone.id;
    }

    private static boolean isUuid(String s) {
        try {
            UUID.fromString(s);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
