package vn.izone.reporting.api;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
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

    static volatile boolean published;

    @BeforeEach
    void publish() {
        if (published) {
            return;
        }
        Instant now = Instant.now();
        Snapshots.publish("province:E37", Snapshots.of("PROVINCE", "E37", "Ninh Bình", now, 87.5, 12325, null));
        Snapshots.publish("former-province:E35", Snapshots.of("FORMER_PROVINCE", "E35", "Hà Nam, \\\"cũ\\\"", now, 98.0, 12325, null));
        Snapshots.publish("zone:" + ZONE, Snapshots.of("ZONE", ZONE, "Khu công nghiệp Đồng Văn I", now, 97.83, 9000,
                "\"provinceCode\":\"E37\",\"formerProvinceCode\":\"E35\""));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            given().get("/api/v1/rollups/provinces/E37/zones").then().statusCode(200).body("scopeCode", hasItem(ZONE));
            given().get("/api/v1/rollups/former-provinces/E35").then().statusCode(200);
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
        assertEquals("established and operating zones with industrial land", row.get(header.indexOf("Cơ sở tỷ lệ lấp đầy / Occupancy basis")));

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
                    assertEquals(5, row.getCell(2).getNumericCellValue(), 1e-9);
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
    void provinceSummaryIsPrintableHtmlWithBasis() {
        given().get("/api/v1/rollups/provinces/E37/summary.html").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("<h1>Ninh Bình</h1>"))
                .body(containsString("@page"))
                .body(containsString("87.5 %"))
                .body(containsString("175 ha ÷ 200 ha"))
                .body(containsString("Khu công nghiệp Đồng Văn I"))
                .body(containsString("zone reports (latest per zone)"));
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
