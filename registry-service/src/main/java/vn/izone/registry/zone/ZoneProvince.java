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
        // the one column, not the zone as a managed entity: a project registered by a department reads nothing else of
        // its zone through Hibernate, and the entity would be hydrated and checked at flush for nothing (issue #15)
        return Zone.getEntityManager().createQuery("select z.provinceCode from Zone z where z.id = :id", String.class)
                .setParameter("id", zoneId).getResultStream().findFirst().orElse(null);
    }
}
