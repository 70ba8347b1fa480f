package vn.izone.registry.zone;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import vn.izone.registry.events.Topics;
import vn.izone.registry.support.RegistryTestServers;
import vn.izone.registry.support.Rows;
import vn.izone.registry.support.TopicReader;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import javax.sql.DataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@QuarkusTestResource(RegistryTestServers.class)
class ZoneImportTest {
    @Inject
    DataSource db;

    static final String CSV = """
            kind,name,provinceCode,formerProvinceCode,status,plannedAreaHa,establishedAreaHa,industrialLandHa,leasedAreaHa,wastewater.centralised,wastewater.meetsStandard,infrastructureInvestmentVnd.localBudget,validOn,source\r
            INDUSTRIAL_PARK,"Khu công nghiệp Đồng Văn II (import)",37,35,IN_OPERATION,264,264,190,180,true,true,,2025-09-30,"import test, row 2"\r
            INDUSTRIAL_PARK,Khu công nghiệp quá tải (import),37,35,IN_OPERATION,100,100,50,60,,,,2025-09-30,import test\r
            INDUSTRIAL_CLUSTER,Cụm công nghiệp sai tỉnh (import),25,35,PLANNED,30,,,,,,,2025-09-30,import test\r
            INDUSTRIAL_CLUSTER,Cụm công nghiệp diện tích lỗi (import),22,22,PLANNED,ba mươi,,,,,,,2025-09-30,import test\r
            \r
            INDUSTRIAL_CLUSTER,"Cụm công nghiệp ""Quảng Tân"" (import)",22,22,ESTABLISHED,60,60,,,false,false,5000000000,2025-07-15,import test\r
            """;

    @Test
    void eachRowIsItsOwnChangeAndTheAnswerSaysWhichWereRejectedAndWhy() {
        long zonesBefore = Rows.count(db, "zone");
        long eventsBefore = Rows.count(db, "outbox_event");
        var response = given().contentType("text/csv; charset=UTF-8").header("X-Izone-Actor", "dept:37:import").body(CSV)
                .post("/api/v1/zones/import")
                .then().statusCode(200)
                .body("rows", equalTo(5)).body("accepted", equalTo(2)).body("rejected", equalTo(3))
                .body("results[0].line", equalTo(2)).body("results[0].outcome", equalTo("ACCEPTED"))
                .body("results[0].errors", nullValue())
                .body("results[1].outcome", equalTo("REJECTED")).body("results[1].errors.field", hasItem("leasedAreaHa"))
                .body("results[2].errors.field", hasItem("formerProvinceCode"))
                .body("results[3].errors.field", hasItem("plannedAreaHa"))
                .body("results[4].line", equalTo(7)).body("results[4].outcome", equalTo("ACCEPTED"))
                .extract();
        assertEquals(zonesBefore + 2, Rows.count(db, "zone"));
        assertEquals(eventsBefore + 2, Rows.count(db, "outbox_event"));

        String first = response.path("results[0].id");
        String last = response.path("results[4].id");
        given().get("/api/v1/zones/" + first).then().statusCode(200)
                .body("name", equalTo("Khu công nghiệp Đồng Văn II (import)")).body("source", equalTo("import test, row 2"))
                .body("wastewater.meetsStandard", equalTo(true)).body("updatedBy", equalTo("dept:37:import"));
        var zone = given().get("/api/v1/zones/" + last).then().statusCode(200)
                .body("name", equalTo("Cụm công nghiệp \"Quảng Tân\" (import)")).extract().jsonPath();
        assertEquals(0, new java.math.BigDecimal("5000000000").compareTo(new java.math.BigDecimal(zone.getString("infrastructureInvestmentVnd.localBudget"))));
        for (String id : List.of(first, last)) {
            assertEquals(1, TopicReader.read(Topics.ZONES, TopicReader.aggregate(id), 1, Duration.ofSeconds(30)).size());
        }
    }

    @Test
    void anUnknownColumnRefusesTheWholeFileNamingIt() {
        long before = Rows.count(db, "zone");
        given().contentType("text/csv").body("kind,name,province\nINDUSTRIAL_PARK,X,37\n").post("/api/v1/zones/import")
                .then().statusCode(422).contentType("application/problem+json").body("errors[0].field", equalTo("province"));
        given().contentType("text/csv").body("kind,name,provinceCode,plannedAreaHA\nINDUSTRIAL_PARK,X,37,31\n").post("/api/v1/zones/import")
                .then().statusCode(422).body("errors[0].field", equalTo("plannedAreaHA"))
                .body("errors[0].suggestion", equalTo("plannedAreaHa"));
        given().contentType("text/csv").body("").post("/api/v1/zones/import")
                .then().statusCode(422).body("errors[0].field", equalTo("body"));
        assertEquals(before, Rows.count(db, "zone"));
    }

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    static void assertArea(String zoneId, String field, String expected) {
        String value = given().get("/api/v1/zones/" + zoneId).then().statusCode(200).extract().jsonPath().getString(field);
        assertEquals(0, new BigDecimal(expected).compareTo(new BigDecimal(value)), field + " of " + zoneId + " is " + value);
    }

    /** Issue #15: a CSV as Excel saves it in a Vietnamese locale — ';' between fields, decimal commas, BOM, CRLF. */
    @Test
    void aSemicolonCsvWithDecimalCommasIsReadAsExcelWroteIt() {
        long zonesBefore = Rows.count(db, "zone");
        long eventsBefore = Rows.count(db, "outbox_event");
        String csv = "\uFEFFkind;name;provinceCode;formerProvinceCode;status;plannedAreaHa;establishedAreaHa;industrialLandHa;leasedAreaHa;validOn;source\r\n"
                + "INDUSTRIAL_CLUSTER;Cụm công nghiệp Excel (import);22;22;ESTABLISHED;30,5;30,5;20,25;;2025-07-15;\"excel; vi-VN\"\r\n"
                + "INDUSTRIAL_PARK;Khu công nghiệp Excel nghìn (import);37;35;IN_OPERATION;1.264,5;1.264,5;190;180,75;2025-09-30;excel\r\n"
                + "INDUSTRIAL_PARK;Khu công nghiệp Excel quá tải (import);37;35;IN_OPERATION;100;100;50,25;60,5;2025-09-30;excel\r\n"
                + "INDUSTRIAL_PARK;Khu công nghiệp Excel chữ (import);37;35;IN_OPERATION;ba mươi;;;;2025-09-30;excel\r\n";
        var response = given().contentType("text/csv; charset=UTF-8").body(csv).post("/api/v1/zones/import")
                .then().statusCode(200)
                .body("rows", equalTo(4)).body("accepted", equalTo(2)).body("rejected", equalTo(2))
                .body("results[0].outcome", equalTo("ACCEPTED")).body("results[1].outcome", equalTo("ACCEPTED"))
                .body("results[2].line", equalTo(4)).body("results[2].errors.field", hasItem("leasedAreaHa"))
                .body("results[2].errors[0].message", containsString("60.5"))
                .body("results[3].errors.field", hasItem("plannedAreaHa"))
                .extract();
        String cluster = response.path("results[0].id");
        String park = response.path("results[1].id");
        assertArea(cluster, "plannedAreaHa", "30.5");
        assertArea(cluster, "industrialLandHa", "20.25");
        given().get("/api/v1/zones/" + cluster).then().body("source", equalTo("excel; vi-VN")).body("name", equalTo("Cụm công nghiệp Excel (import)"));
        assertArea(park, "plannedAreaHa", "1264.5");
        assertArea(park, "leasedAreaHa", "180.75");
        assertEquals(zonesBefore + 2, Rows.count(db, "zone"));
        assertEquals(eventsBefore + 2, Rows.count(db, "outbox_event"));
    }

    /** A comma in a comma-separated file's number: read where it cannot be a thousands separator, or with decimal=comma. */
    @Test
    void decimalCommasInACommaSeparatedFileAreReadOnlyWhenUnambiguousOrAskedFor() {
        String header = "kind,name,provinceCode,formerProvinceCode,status,plannedAreaHa,validOn\n";
        var auto = given().contentType("text/csv").body(header
                        + "INDUSTRIAL_CLUSTER,Cụm công nghiệp phẩy (import),22,22,PLANNED,\"12,5\",2025-07-15\n"
                        + "INDUSTRIAL_CLUSTER,Cụm công nghiệp nghìn? (import),22,22,PLANNED,\"12,345\",2025-07-15\n")
                .post("/api/v1/zones/import").then().statusCode(200)
                .body("accepted", equalTo(1)).body("results[1].outcome", equalTo("REJECTED"))
                .body("results[1].errors[0].field", equalTo("plannedAreaHa"))
                .body("results[1].errors[0].message", containsString("ambiguous")).extract();
        assertArea(auto.path("results[0].id"), "plannedAreaHa", "12.5");
        long before = Rows.count(db, "zone");
        var comma = given().contentType("text/csv").queryParam("decimal", "comma").body(header
                        + "INDUSTRIAL_CLUSTER,Cụm công nghiệp decimal=comma (import),22,22,PLANNED,\"12,345\",2025-07-15\n")
                .post("/api/v1/zones/import").then().statusCode(200).body("accepted", equalTo(1)).extract();
        assertArea(comma.path("results[0].id"), "plannedAreaHa", "12.345");
        given().contentType("text/csv").queryParam("decimal", "point").body(header
                        + "INDUSTRIAL_CLUSTER,Cụm công nghiệp decimal=point (import),22,22,PLANNED,\"12,5\",2025-07-15\n")
                .post("/api/v1/zones/import").then().statusCode(200).body("rejected", equalTo(1))
                .body("results[0].errors[0].field", equalTo("plannedAreaHa"));
        given().contentType("text/csv").queryParam("decimal", "dot-ish").body(header).post("/api/v1/zones/import")
                .then().statusCode(422).body("errors[0].field", equalTo("decimal"));
        assertEquals(before + 1, Rows.count(db, "zone"));
    }

    /** Issue #15: an XLSX upload, typed cells, the named sheet (or the first), the same per-row answer and rules. */
    @Test
    void anXlsxWorkbookIsImportedFromItsTypedCells() throws IOException {
        byte[] workbook = workbook();
        long zonesBefore = Rows.count(db, "zone");
        long eventsBefore = Rows.count(db, "outbox_event");
        var response = given().contentType(XLSX).queryParam("sheet", "Khu").header("X-Izone-Actor", "dept:37:xlsx").body(workbook)
                .post("/api/v1/zones/import").then().statusCode(200)
                .body("rows", equalTo(3)).body("accepted", equalTo(2)).body("rejected", equalTo(1))
                .body("results[0].line", equalTo(2)).body("results[0].outcome", equalTo("ACCEPTED"))
                .body("results[1].line", equalTo(3)).body("results[1].errors.field", hasItem("leasedAreaHa"))
                .body("results[2].line", equalTo(5)).body("results[2].outcome", equalTo("ACCEPTED"))
                .extract();
        String park = response.path("results[0].id");
        given().get("/api/v1/zones/" + park).then().statusCode(200)
                .body("name", equalTo("Khu công nghiệp XLSX (import)")).body("provinceCode", equalTo("37"))
                .body("validOn", equalTo("2025-09-30")).body("wastewater.centralised", equalTo(true))
                .body("updatedBy", equalTo("dept:37:xlsx"));
        assertArea(park, "plannedAreaHa", "264.5");
        assertArea(park, "infrastructureInvestmentVnd.localBudget", "5000000000");
        assertArea(response.path("results[2].id"), "plannedAreaHa", "30.5"); // a text cell "30,5": the same decimal rule
        assertEquals(zonesBefore + 2, Rows.count(db, "zone"));
        assertEquals(eventsBefore + 2, Rows.count(db, "outbox_event"));

        // the first sheet by default (here the instructions: its header is not a column), an unknown sheet, not a workbook
        given().contentType(XLSX).body(workbook).post("/api/v1/zones/import")
                .then().statusCode(422).contentType("application/problem+json").body("errors[0].field", equalTo("Hướng dẫn"));
        given().contentType(XLSX).queryParam("sheet", "Nope").body(workbook).post("/api/v1/zones/import")
                .then().statusCode(422).body("errors[0].field", equalTo("sheet")).body("errors[0].message", containsString("Khu"));
        given().contentType(XLSX).body("kind,name\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/v1/zones/import")
                .then().statusCode(422).body("errors[0].field", equalTo("body"));
        assertEquals(zonesBefore + 2, Rows.count(db, "zone"));
    }

    /** Two sheets: instructions first, then the zones in typed cells (numbers, a date, booleans, text). */
    static byte[] workbook() throws IOException {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            book.createSheet("Hướng dẫn").createRow(0).createCell(0).setCellValue("Hướng dẫn");
            Sheet sheet = book.createSheet("Khu");
            CellStyle date = book.createCellStyle();
            date.setDataFormat(book.getCreationHelper().createDataFormat().getFormat("dd/mm/yyyy"));
            String[] header = {"kind", "name", "provinceCode", "formerProvinceCode", "status", "plannedAreaHa", "establishedAreaHa",
                    "industrialLandHa", "leasedAreaHa", "wastewater.centralised", "wastewater.meetsStandard",
                    "infrastructureInvestmentVnd.localBudget", "validOn", "source"};
            Row head = sheet.createRow(0);
            for (int c = 0; c < header.length; c++) {
                head.createCell(c).setCellValue(header[c]);
            }
            Row park = sheet.createRow(1);
            park.createCell(0).setCellValue("INDUSTRIAL_PARK");
            park.createCell(1).setCellValue("Khu công nghiệp XLSX (import)");
            park.createCell(2).setCellValue(37); // a number cell: read as "37"
            park.createCell(3).setCellValue("35");
            park.createCell(4).setCellValue("IN_OPERATION");
            park.createCell(5).setCellValue(264.5);
            park.createCell(6).setCellValue(264.5);
            park.createCell(7).setCellValue(190);
            park.createCell(8).setCellValue(180);
            park.createCell(9).setCellValue(true);
            park.createCell(10).setCellValue(true);
            park.createCell(11).setCellValue(5_000_000_000d);
            var validOn = park.createCell(12);
            validOn.setCellValue(LocalDate.of(2025, 9, 30));
            validOn.setCellStyle(date);
            park.createCell(13).setCellValue("xlsx test");
            Row overLeased = sheet.createRow(2);
            String[] bad = {"INDUSTRIAL_PARK", "Khu công nghiệp XLSX quá tải (import)", "37", "35", "IN_OPERATION"};
            for (int c = 0; c < bad.length; c++) {
                overLeased.createCell(c).setCellValue(bad[c]);
            }
            overLeased.createCell(5).setCellValue(100);
            overLeased.createCell(6).setCellValue(100);
            overLeased.createCell(7).setCellValue(50);
            overLeased.createCell(8).setCellValue(60);
            overLeased.createCell(12).setCellValue("2025-09-30");
            // row 4 left empty
            Row cluster = sheet.createRow(4);
            String[] text = {"INDUSTRIAL_CLUSTER", "Cụm công nghiệp XLSX (import)", "22", "22", "PLANNED", "30,5"};
            for (int c = 0; c < text.length; c++) {
                cluster.createCell(c).setCellValue(text[c]);
            }
            cluster.createCell(12).setCellValue("2025-07-15");
            cluster.createCell(20).setCellValue(""); // a blank cell beyond the columns
            book.write(out);
            return out.toByteArray();
        }
    }
}
