package vn.izone.registry.province;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.LocalDate;
import java.util.List;

@Path("/api/v1/provinces")
@Produces(MediaType.APPLICATION_JSON)
public class ProvinceResource {

    public record FormerProvinceView(String code, String name, String nameEn, LocalDate mergedOn) {
    }

    public record ProvinceView(String code, String name, String nameEn, String kind, List<FormerProvinceView> formerProvinces) {
    }

    @GET
    @Operation(summary = "Today's provinces, each with the former provinces merged into it")
    public List<ProvinceView> list() {
        List<FormerProvince> formers = FormerProvince.listAll();
        return Province.<Province>listAll().stream()
                .sorted(java.util.Comparator.comparing(p -> p.code))
                .map(p -> new ProvinceView(p.code, p.name, p.nameEn, p.kind, formers.stream()
                        .filter(f -> f.provinceCode.equals(p.code))
                        .sorted(java.util.Comparator.comparing(f -> f.code))
                        .map(f -> new FormerProvinceView(f.code, f.name, f.nameEn, f.mergedOn))
                        .toList()))
                .toList();
    }
}
