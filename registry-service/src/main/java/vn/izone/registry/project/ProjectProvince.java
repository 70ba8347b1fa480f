package vn.izone.registry.project;

import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;
import vn.izone.registry.api.ProvinceResolver;

import java.util.UUID;

/** The province of a project by its id: its zone's. */
@ApplicationScoped
@Unremovable // looked up by ProvinceScope, not injected
public class ProjectProvince implements ProvinceResolver<UUID> {
    @Override
    public String provinceOf(UUID projectId) {
        // one statement for the one column (the write path reads the project itself with plain JDBC: ProjectRows)
        return Project.getEntityManager().createQuery(
                        "select z.provinceCode from Project p, Zone z where z.id = p.zoneId and p.id = :id", String.class)
                .setParameter("id", projectId).getResultStream().findFirst().orElse(null);
    }
}
