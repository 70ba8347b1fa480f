package vn.izone.registry.project;

import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;
import vn.izone.registry.api.ProvinceResolver;
import vn.izone.registry.zone.Zone;

import java.util.UUID;

/** The province of a project by its id: its zone's. */
@ApplicationScoped
@Unremovable // looked up by ProvinceScope, not injected
public class ProjectProvince implements ProvinceResolver<UUID> {
    @Override
    public String provinceOf(UUID projectId) {
        Project project = Project.findById(projectId);
        Zone zone = project == null ? null : Zone.findById(project.zoneId);
        return zone == null ? null : zone.provinceCode;
    }
}
