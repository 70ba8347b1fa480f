package vn.izone.reporting.exports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import vn.izone.reporting.api.RollupResource;
import vn.izone.reporting.kinds.Kinds;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Downloads of the list rollups: CSV (UTF-8 with BOM) or XLSX, with the same figures the API serves, by kind: the
 * province lists have a row per province for all kinds together ({@code ALL}) and one per kind present; XLSX has a
 * sheet for all, then one sheet per kind.
 */
@Path("/api/v1/exports")
public class ExportResource {
    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final Map<String, String> SHEETS = Map.of("ALL", "Tất cả - All kinds", "INDUSTRIAL_PARK", "KCN - Industrial parks",
            "INDUSTRIAL_CLUSTER", "CCN - Industrial clusters", "ECONOMIC_ZONE", "KKT - Economic zones");

    private final RollupResource rollups;

    public ExportResource(RollupResource rollups) {
        this.rollups = rollups;
    }

    @GET
    @Path("{file}")
    @Operation(summary = "provinces.csv|.xlsx, former-provinces.csv|.xlsx: a row per province and kind (ALL, then each kind); ?kind= for one kind")
    public Response list(@PathParam("file") String file, @QueryParam("kind") String kind) {
        String what = base(file);
        String type = switch (what) {
            case "provinces" -> "PROVINCE";
            case "former-provinces" -> "FORMER_PROVINCE";
            default -> throw new NotFoundException("no export named " + file + "; provinces, former-provinces, provinces/{code}/zones (.csv or .xlsx)");
        };
        String title = "PROVINCE".equals(type) ? "Tỉnh - Provinces" : "Tỉnh cũ - Former provinces";
        String only = Kinds.check(kind);
        List<String> kinds = new ArrayList<>();
        if (only == null) {
            kinds.add("ALL");
            kinds.addAll(Kinds.ALL);
        } else {
            kinds.add(only);
        }
        List<Table> sheets = new ArrayList<>();
        List<JsonNode> all = new ArrayList<>();
        List<JsonNode> parents = rollups.list(type, null);
        for (String k : kinds) {
            List<JsonNode> rows = new ArrayList<>();
            for (JsonNode n : "ALL".equals(k) ? parents : rollups.list(type, k)) {
                ObjectNode row = n.deepCopy();
                row.put("exportKind", k);
                row.put("exportCode", "ALL".equals(k) ? n.path("scopeCode").asText() : n.path("parentCode").asText());
                rows.add(row);
            }
            sheets.add(new Table(SHEETS.get(k), Table.scopeColumns(false, true), rows));
            all.addAll(rows);
        }
        // CSV: grouped by province, ALL first and then the kinds in their usual order
        List<JsonNode> sorted = new ArrayList<>(all);
        sorted.sort(java.util.Comparator.comparing((JsonNode n) -> n.path("exportCode").asText())
                .thenComparing(n -> kinds.indexOf(n.path("exportKind").asText())));
        return send(file, new Table(title, Table.scopeColumns(false, true), sorted), sheets);
    }

    @GET
    @Path("provinces/{code}/{file}")
    @Operation(summary = "zones.csv|.xlsx: the zones of one of today's provinces (XLSX: all, then a sheet per kind); ?kind= for one kind")
    public Response provinceZones(@PathParam("code") String code, @PathParam("file") String file, @QueryParam("kind") String kind) {
        return zones(file, "Khu - Zones " + code, rollups.provinceZones(code, kind));
    }

    @GET
    @Path("former-provinces/{code}/{file}")
    @Operation(summary = "zones.csv|.xlsx: the zones of a former province (XLSX: all, then a sheet per kind); ?kind= for one kind")
    public Response formerProvinceZones(@PathParam("code") String code, @PathParam("file") String file, @QueryParam("kind") String kind) {
        return zones(file, "Khu - Zones " + code, rollups.formerProvinceZones(code, kind));
    }

    private Response zones(String file, String title, List<JsonNode> zones) {
        if (!"zones".equals(base(file))) {
            throw new NotFoundException("no export named " + file + "; zones.csv or zones.xlsx");
        }
        List<Table> sheets = new ArrayList<>();
        sheets.add(new Table(title, Table.scopeColumns(true), zones));
        for (String k : Kinds.ALL) {
            sheets.add(new Table(SHEETS.get(k), Table.scopeColumns(true),
                    zones.stream().filter(z -> k.equals(z.path("place").path("kind").asText())).toList()));
        }
        return send(file, new Table(title, Table.scopeColumns(true), zones), sheets);
    }

    private static String base(String file) {
        int dot = file.lastIndexOf('.');
        return dot < 0 ? "" : file.substring(0, dot);
    }

    private static Response send(String file, Table csv, List<Table> sheets) {
        String disposition = "attachment; filename=\"" + file + "\"";
        if (file.endsWith(".csv")) {
            return Response.ok(csv.csv(), "text/csv; charset=UTF-8").header("Content-Disposition", disposition).build();
        }
        if (file.endsWith(".xlsx")) {
            return Response.ok(Table.xlsx(sheets), XLSX).header("Content-Disposition", disposition).build();
        }
        throw new NotFoundException("exports are .csv or .xlsx, not " + file);
    }
}
