package vn.izone.reporting.api;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.izone.reporting.ReportingTestServers;
import vn.izone.reporting.support.RegistryStub;
import vn.izone.reporting.support.Snapshots;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(ReportingTestServers.class)
@QuarkusTestResource(RegistryStub.class)
class ExportsTest {
    static final String ZONE = UUID.randomUUID().toString();
    static final String EVIL_ZONE = UUID.randomUUID().toString();
    static final String EVIL_NAME = "=HYPERLINK(\"http://evil.example\",\"bấm\")";

    static volatile boolean published;

    @BeforeEach
    void publish() {
        if (published) {
            return;
        }
        Instant now = Instant.now();
        Snapshots.publish("province:E37", Snapshots.of("PROVINCE", "E37", "Ninh Bình", now, 87.5, 12325, Snapshots.withKinds(
                Snapshots.byKind("INDUSTRIAL_PARK", 3, 91.25, 6, 2, 10000), Snapshots.byKind("INDUSTRIAL_CLUSTER", 2, 40.5, 1, 3, 2325))));
        // The cluster figures also come as a scope of their own (full shape, capital included), computed a moment later
        Snapshots.publish(Snapshots.of("PROVINCE_KIND", "E37:INDUSTRIAL_CLUSTER", "Ninh Bình", now.plusMillis(5), 40.5, 2325, null));
        Snapshots.publish("zone:" + EVIL_ZONE, Snapshots.of("ZONE", EVIL_ZONE, EVIL_NAME.replace("\"", "\\\""), now, 10.0, 3,
                "\"provinceCode\":\"E38\",\"formerProvinceCode\":\"E38\""));
        Snapshots.publish("former-province:E35", Snapshots.of("FORMER_PROVINCE", "E35", "Hà Nam, \\\"cũ\\\"", now, 98.0, 12325, null));
        Snapshots.publish("zone:" + ZONE, Snapshots.of("ZONE", ZONE, "Khu công nghiệp Đồng Văn I", now, 97.83, 9000,
                "\"provinceCode\":\"E37\",\"formerProvinceCode\":\"E35\""));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            given().get("/api/v1/rollups/provinces/E37/zones").then().statusCode(200).body("scopeCode", hasItem(ZONE));
            given().get("/api/v1/rollups/former-provinces/E35").then().statusCode(200);
            given().get("/api/v1/rollups/provinces/E37/kinds/INDUSTRIAL_CLUSTER").then().statusCode(200);
            given().get("/api/v1/rollups/provinces/E38/zones").then().statusCode(200).body("scopeCode", hasItem(EVIL_ZONE));
        });
        published = true;
    }

    @Test
    void provincesCsvHasABomAndParsesBackWithVietnameseNamesAndNumbers() {
        Response r = given().get("/api/v1/exports/provinces.csv");
        r.then().statusCode(200).contentType(containsString("text/csv")).header("Content-Disposition", containsString("provinces.csv"));
        byte[] bytes = r.asByteArray();
        assertArrayEquals(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(bytes, 3), "UTF-8 byte-order mark");
        List<List<String>> rows = csv(new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8));
        List<String> header = rows.get(0);
        List<String> row = rows.stream().filter(x -> x.get(0).equals("E37")).findFirst().orElseThrow();
        assertEquals("Ninh Bình", row.get(header.indexOf("Tên / Name")));
        assertEquals("87.5", row.get(header.indexOf("Tỷ lệ lấp đầy (%) / Occupancy (%)")));
        assertEquals("175", row.get(header.indexOf("Đã cho thuê (ha) / Leased (ha)")));
        assertEquals("12325", row.get(header.indexOf("Lao động / Workers")));
        assertEquals("350000000", row.get(header.indexOf("Vốn FDI (USD) / FDI capital (USD)")));
        assertEquals("1250000000000", row.get(header.indexOf("Vốn DDI (VND) / DDI capital (VND)")));
        assertEquals(Snapshots.OCCUPANCY_BASIS, row.get(header.indexOf("Cơ sở tỷ lệ lấp đầy / Occupancy basis")));

        List<List<String>> former = csv(new String(given().get("/api/v1/exports/former-provinces.csv").then().statusCode(200)
                .extract().asByteArray(), StandardCharsets.UTF_8).substring(1));
        assertTrue(former.stream().anyMatch(x -> x.get(1).equals("Hà Nam, \"cũ\"")), "quoted name survives: " + former);
    }

    @Test
    void provinceZonesXlsxParsesBackWithPoi() throws Exception {
        byte[] bytes = given().get("/api/v1/exports/provinces/E37/zones.xlsx").then().statusCode(200)
                .contentType(containsString("spreadsheetml")).extract().asByteArray();
        try (Workbook book = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            Sheet sheet = book.getSheetAt(0);
            Row header = sheet.getRow(0);
            List<String> headers = new ArrayList<>();
            header.forEach(c -> headers.add(c.getStringCellValue()));
            Row zone = sheet.getRow(1);
            assertNotNull(zone);
            assertEquals(ZONE, zone.getCell(0).getStringCellValue());
            assertEquals("Khu công nghiệp Đồng Văn I", zone.getCell(headers.indexOf("Tên / Name")).getStringCellValue());
            assertEquals("E35", zone.getCell(headers.indexOf("Tỉnh cũ / Former province")).getStringCellValue());
            assertEquals(97.83, zone.getCell(headers.indexOf("Tỷ lệ lấp đầy (%) / Occupancy (%)")).getNumericCellValue(), 1e-9);
            assertEquals(9000, zone.getCell(headers.indexOf("Lao động / Workers")).getNumericCellValue(), 1e-9);
        }
        byte[] provinces = given().get("/api/v1/exports/provinces.xlsx").then().statusCode(200).extract().asByteArray();
        try (Workbook book = new XSSFWorkbook(new ByteArrayInputStream(provinces))) {
            boolean found = false;
            for (Row row : book.getSheetAt(0)) {
                if (row.getRowNum() > 0 && row.getCell(0).getStringCellValue().equals("E37")) {
                    assertEquals("Ninh Bình", row.getCell(1).getStringCellValue());
                    assertEquals("ALL", row.getCell(2).getStringCellValue());
                    assertEquals(5, row.getCell(3).getNumericCellValue(), 1e-9);
                    found = true;
                }
            }
            assertTrue(found);
        }
        given().get("/api/v1/exports/provinces/E37/zones.csv").then().statusCode(200).body(containsString("Khu công nghiệp Đồng Văn I"));
        given().get("/api/v1/exports/galaxies.csv").then().statusCode(404);
        given().get("/api/v1/exports/provinces.pdf").then().statusCode(404);
    }

    @Test
    void csvNeutralisesFormulasInTextAndLeavesNegativeNumbersAlone() throws Exception {
        byte[] bytes = given().get("/api/v1/exports/provinces/E38/zones.csv").then().statusCode(200).extract().asByteArray();
        String text = new String(bytes, StandardCharsets.UTF_8);
        List<List<String>> rows = csv(text.substring(1));
        List<String> header = rows.get(0);
        List<String> evil = rows.stream().filter(x -> x.get(0).equals(EVIL_ZONE)).findFirst().orElseThrow();
        assertEquals("'" + EVIL_NAME, evil.get(header.indexOf("Tên / Name")), "the formula is text in every spreadsheet");
        // numbers are never guarded (a negative one neither: TableTest; metrics publishes none, indicators.v1.json)
        assertEquals("3", evil.get(header.indexOf("Lao động / Workers")), "a number stays a number");
        assertTrue(text.contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"bấm\"\")\""), text);
        assertTrue(!text.contains(",=HYPERLINK") && !text.contains("\"=HYPERLINK"), "no cell begins with =");

        // XLSX keeps text as text: a string cell with the name as it is, and no formula anywhere.
        byte[] xlsx = given().get("/api/v1/exports/provinces/E38/zones.xlsx").then().statusCode(200).extract().asByteArray();
        try (Workbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            for (Sheet sheet : book) {
                for (Row row : sheet) {
                    row.forEach(c -> assertTrue(c.getCellType() != CellType.FORMULA, "formula cell in " + sheet.getSheetName()));
                }
            }
            Row row = book.getSheetAt(0).getRow(1);
            assertEquals(CellType.STRING, row.getCell(1).getCellType());
            assertEquals(EVIL_NAME, row.getCell(1).getStringCellValue());
            assertEquals(CellType.NUMERIC, row.getCell(headerIndex(book.getSheetAt(0), "Lao động / Workers")).getCellType());
            assertEquals(3, row.getCell(headerIndex(book.getSheetAt(0), "Lao động / Workers")).getNumericCellValue(), 1e-9);
        }
    }

    @Test
    void provinceExportsCarryTheKindAndPerKindFigures() throws Exception {
        byte[] bytes = given().get("/api/v1/exports/provinces.csv").then().statusCode(200).extract().asByteArray();
        List<List<String>> rows = csv(new String(bytes, StandardCharsets.UTF_8).substring(1));
        List<String> h = rows.get(0);
        List<List<String>> e37 = rows.stream().filter(x -> x.get(0).equals("E37")).toList();
        assertEquals(List.of("ALL", "INDUSTRIAL_PARK", "INDUSTRIAL_CLUSTER"), e37.stream().map(x -> x.get(h.indexOf("Loại / Kind"))).toList(),
                "a row for all kinds, then one per kind present (no economic zone in E37)");
        List<String> park = e37.get(1), cluster = e37.get(2);
        assertEquals("91.25", park.get(h.indexOf("Tỷ lệ lấp đầy (%) / Occupancy (%)")));
        assertEquals("3", park.get(h.indexOf("Số khu / Zones")));
        assertEquals("10000", park.get(h.indexOf("Lao động / Workers")));
        assertEquals("6", park.get(h.indexOf("Dự án FDI / FDI projects")));
        assertEquals("", park.get(h.indexOf("Vốn FDI (USD) / FDI capital (USD)")), "byKind has no capital: left empty, not made up");
        assertEquals("byKind", park.get(h.indexOf("Số liệu loại lấy từ / Kind figures from")));
        assertEquals("40.5", cluster.get(h.indexOf("Tỷ lệ lấp đầy (%) / Occupancy (%)")));
        assertEquals("2325", cluster.get(h.indexOf("Lao động / Workers")));
        assertEquals("350000000", cluster.get(h.indexOf("Vốn FDI (USD) / FDI capital (USD)")), "the kind's own snapshot carries capital");
        assertEquals("snapshot", cluster.get(h.indexOf("Số liệu loại lấy từ / Kind figures from")));

        List<List<String>> clustersOnly = csv(new String(given().get("/api/v1/exports/provinces.csv?kind=industrial_cluster").then().statusCode(200)
                .extract().asByteArray(), StandardCharsets.UTF_8).substring(1));
        assertTrue(clustersOnly.stream().skip(1).allMatch(x -> x.get(2).equals("INDUSTRIAL_CLUSTER")), clustersOnly.toString());
        given().get("/api/v1/exports/provinces.csv?kind=FARM").then().statusCode(400).body("errors[0].field", org.hamcrest.Matchers.equalTo("kind"));

        byte[] xlsx = given().get("/api/v1/exports/provinces.xlsx").then().statusCode(200).extract().asByteArray();
        try (Workbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            List<String> names = new ArrayList<>();
            book.forEach(s -> names.add(s.getSheetName()));
            assertEquals(List.of("Tất cả - All kinds", "KCN - Industrial parks", "CCN - Industrial clusters", "KKT - Economic zones"), names);
            Sheet clusters = book.getSheet("CCN - Industrial clusters");
            assertEquals(1, clusters.getPaneInformation().getHorizontalSplitTopRow(), "header frozen");
            assertTrue(clusters.getColumnWidth(1) > 8 * 256 && clusters.getColumnWidth(headerIndex(clusters, "Cơ sở tỷ lệ lấp đầy / Occupancy basis")) >= 40 * 256,
                    "widths follow the contents");
            Row row = null;
            for (Row r : clusters) {
                if (r.getRowNum() > 0 && r.getCell(0).getStringCellValue().equals("E37")) {
                    row = r;
                }
            }
            assertNotNull(row, "E37 on the clusters sheet");
            Cell occ = row.getCell(headerIndex(clusters, "Tỷ lệ lấp đầy (%) / Occupancy (%)"));
            assertEquals(CellType.NUMERIC, occ.getCellType());
            assertEquals(40.5, occ.getNumericCellValue(), 1e-9);
            assertEquals("INDUSTRIAL_CLUSTER", row.getCell(2).getStringCellValue());
        }
    }

    static int headerIndex(Sheet sheet, String header) {
        for (Cell c : sheet.getRow(0)) {
            if (c.getStringCellValue().equals(header)) {
                return c.getColumnIndex();
            }
        }
        throw new AssertionError("no column " + header);
    }

    /**
     * Issue #16: the summary shows parks, clusters and economic zones apart (parks from the province's byKind, clusters
     * from their own snapshot), and no occupancy over both (E37's combined 87.5 % is not a figure anyone publishes).
     */
    @Test
    void provinceSummaryIsPrintableHtmlWithBasisAndTheKindsApart() {
        String page = given().get("/api/v1/rollups/provinces/E37/summary.html").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("<h1>Ninh Bình</h1>"))
                .body(containsString("@page"))
                .body(containsString("Khu công nghiệp / Industrial parks"))
                .body(containsString("Cụm công nghiệp / Industrial clusters"))
                .body(containsString("Khu kinh tế / Economic zones"))
                .body(containsString("91.25 %"))
                .body(containsString("182.5 ha ÷ 200 ha, 2 khu / zones"))
                .body(containsString("40.5 %"))
                .body(containsString("81 ha ÷ 200 ha"))
                .body(containsString("không có / none"))
                .body(containsString("Lao động (cộng các loại) / Workers (all kinds)"))
                .body(containsString("12,325"))
                .body(containsString("Khu công nghiệp Đồng Văn I"))
                .body(containsString(Snapshots.WORKERS_SOURCE))
                .extract().asString();
        int kinds = page.indexOf("Theo loại khu / By kind of zone");
        assertTrue(kinds > 0, "a section by kind");
        // the clusters' capital comes from their own snapshot; the parks' byKind has none and says so
        assertTrue(page.contains("chưa có / n/a"), "no capital made up for the parks");
        assertTrue(!page.contains("87.5 %"), "no occupancy over parks and clusters together");
        given().get("/api/v1/rollups/provinces/NOPE/summary.html").then().statusCode(404);
    }

    /** RFC 4180: quoted fields, doubled quotes, CRLF line ends. */
    static List<List<String>> csv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else if (c != '\r') {
                field.append(c);
            }
        }
        return rows;
    }
}
