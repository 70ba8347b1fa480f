package vn.izone.reporting.exports;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import vn.izone.reporting.api.RollupResource;

import java.util.List;

/** Downloads of the list rollups: CSV (UTF-8 with BOM) or XLSX, with the same figures the API serves. */
@Path("/api/v1/exports")
public class ExportResource {
    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final RollupResource rollups;

    public ExportResource(RollupResource rollups) {
        this.rollups = rollups;
    }

    @GET
    @Path("{file}")
    @Operation(summary = "provinces.csv|.xlsx, former-provinces.csv|.xlsx")
    public Response list(@PathParam("file") String file) {
        String what = base(file);
        return switch (what) {
            case "provinces" -> send(file, new Table("Tỉnh - Provinces", Table.scopeColumns(false), rollups.provinces()));
            case "former-provinces" -> send(file, new Table("Tỉnh cũ - Former provinces", Table.scopeColumns(false), rollups.formerProvinces()));
            default -> throw new NotFoundException("no export named " + file + "; provinces, former-provinces, provinces/{code}/zones (.csv or .xlsx)");
        };
    }

    @GET
    @Path("provinces/{code}/{file}")
    @Operation(summary = "zones.csv|.xlsx: the zones of one of today's provinces")
    public Response provinceZones(@PathParam("code") String code, @PathParam("file") String file) {
        return zones(file, "Khu - Zones " + code, rollups.provinceZones(code));
    }

    @GET
    @Path("former-provinces/{code}/{file}")
    @Operation(summary = "zones.csv|.xlsx: the zones of a former province")
    public Response formerProvinceZones(@PathParam("code") String code, @PathParam("file") String file) {
        return zones(file, "Khu - Zones " + code, rollups.formerProvinceZones(code));
    }

    private Response zones(String file, String title, List<JsonNode> zones) {
        if (!"zones".equals(base(file))) {
            throw new NotFoundException("no export named " + file + "; zones.csv or zones.xlsx");
        }
        return send(file, new Table(title, Table.scopeColumns(true), zones));
    }

    private static String base(String file) {
        int dot = file.lastIndexOf('.');
        return dot < 0 ? "" : file.substring(0, dot);
    }

    private static Response send(String file, Table table) {
        String disposition = "attachment; filename=\"" + file + "\"";
        if (file.endsWith(".csv")) {
            return Response.ok(table.csv(), "text/csv; charset=UTF-8").header("Content-Disposition", disposition).build();
        }
        if (file.endsWith(".xlsx")) {
            return Response.ok(table.xlsx(), XLSX).header("Content-Disposition", disposition).build();
        }
        throw new NotFoundException("exports are .csv or .xlsx, not " + file);
    }
}
