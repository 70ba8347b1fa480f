package vn.izone.registry.zone;

import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;
import vn.izone.registry.api.ProvinceResolver;

import java.util.UUID;

/** The province of a zone by its id (the zone of the path): what its department may write. */
@ApplicationScoped
@Unremovable // looked up by ProvinceScope, not injected
public class ZoneProvince implements ProvinceResolver<UUID> {
    @Override
    public String provinceOf(UUID zoneId) {
        Zone zone = Zone.findById(zoneId);
        return zone == null ? null : zone.provinceCode;
    }
}
