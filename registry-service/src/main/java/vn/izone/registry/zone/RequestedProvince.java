package vn.izone.registry.zone;

import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;
import vn.izone.registry.api.ProvinceResolver;

/** The province a zone is registered in or corrected to: the body's {@code provinceCode}. */
@ApplicationScoped
@Unremovable // looked up by ProvinceScope, not injected
public class RequestedProvince implements ProvinceResolver<ZoneRequest> {
    @Override
    public String provinceOf(ZoneRequest request) {
        return request.provinceCode();
    }
}
