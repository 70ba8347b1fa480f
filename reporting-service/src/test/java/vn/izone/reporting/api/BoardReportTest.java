package vn.izone.reporting.api;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import vn.izone.reporting.ReportingTestServers;
import vn.izone.reporting.support.RegistryStub;
import vn.izone.reporting.support.Snapshots;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The board report as PDF, read back with PDFBox: A4, figures per kind with their basis, zones, diacritics, page numbers. */
@QuarkusTest
@QuarkusTestResource(ReportingTestServers.class)
@QuarkusTestResource(RegistryStub.class)
class BoardReportTest {
    @Test
    void theReportOfAProvinceIsAnA4PdfWithItsFiguresPerKindInVietnamese() throws Exception {
        Instant now = Instant.now();
        String park = UUID.randomUUID().toString(), cluster = UUID.randomUUID().toString();
        Snapshots.publish(Snapshots.of("PROVINCE", "P37", "Ninh Bình", now, 87.5, 12_325, Snapshots.withKinds(
                Snapshots.byKind("INDUSTRIAL_PARK", 3, 91.25, 6, 2, 10_000), Snapshots.byKind("INDUSTRIAL_CLUSTER", 2, 40.5, 1, 3, 2325))));
        Snapshots.publish(Snapshots.kindScope("PROVINCE_KIND", "P37", "INDUSTRIAL_CLUSTER", "Ninh Bình", now.plusMillis(2), 2, 40.5, 1, 3, 2325));
        Snapshots.publish(Snapshots.of("ZONE", park, "Khu công nghiệp Gián Khẩu", now, 97.83, 9000,
                "\"provinceCode\":\"P37\",\"formerProvinceCode\":\"P36\",\"kind\":\"INDUSTRIAL_PARK\",\"status\":\"IN_OPERATION\""));
        Snapshots.publish(Snapshots.of("ZONE", cluster, "Cụm công nghiệp Gia Phú", now, 40.5, 2325,
                "\"provinceCode\":\"P37\",\"formerProvinceCode\":\"P36\",\"kind\":\"INDUSTRIAL_CLUSTER\",\"status\":\"UNDER_CONSTRUCTION\""));
        Snapshots.publish(Snapshots.of("FORMER_PROVINCE", "P36", "Ninh Bình (cũ)", now, 87.5, 12_325, Snapshots.withKinds(
                Snapshots.byKind("INDUSTRIAL_CLUSTER", 2, 40.5, 1, 3, 2325))));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            given().get("/api/v1/rollups/provinces/P37/zones").then().statusCode(200).body("$", hasSize(2));
            given().get("/api/v1/rollups/provinces/P37/kinds/INDUSTRIAL_CLUSTER").then().statusCode(200);
            given().get("/api/v1/rollups/former-provinces/P36").then().statusCode(200);
        });

        byte[] pdf = given().get("/api/v1/rollups/provinces/P37/report.pdf").then().statusCode(200)
                .contentType("application/pdf").header("Content-Disposition", containsString("province-P37-report.pdf")).extract().asByteArray();
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target", "board-report.pdf"), pdf);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDPage first = doc.getPage(0);
            assertEquals(595.3, first.getMediaBox().getWidth(), 0.5, "A4 wide");
            assertEquals(841.9, first.getMediaBox().getHeight(), 0.5, "A4 high");
            String text = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");   // lines wrap where they like
            for (String expected : new String[] {"Ninh Bình", "Cụm công nghiệp", "Khu công nghiệp", "Khu kinh tế", "Không có khu loại này.",
                    "91,25 %", "40,5 %", "12.325", "2.325", "10.000", "50.000.000", "750.000.000.000",
                    "Khu công nghiệp Gián Khẩu", "Cụm công nghiệp Gia Phú", "Đang hoạt động", "Đang xây dựng hạ tầng",
                    "cộng trên các khu đã thành lập (từ khi thành lập trở đi, chưa đưa ra khỏi quy hoạch)",
                    "DỰ ÁN: lao động do các dự án thứ cấp đang hoạt động kê khai", "Số liệu tính lúc", "Nguồn số liệu",
                    "province-kind:P37:INDUSTRIAL_CLUSTER", "Trang 1 / " + doc.getNumberOfPages()}) {
                assertTrue(text.contains(expected), "the report says '" + expected + "':\n" + text);
            }
            assertTrue(!text.contains("summed over") && !text.contains("workers declared"), "no English basis in the Vietnamese report");
            Set<String> fonts = new HashSet<>();
            for (PDPage page : doc.getPages()) {
                for (var name : page.getResources().getFontNames()) {
                    PDFont font = page.getResources().getFont(name);
                    fonts.add(font.getName() + (font.isEmbedded() ? " (embedded)" : ""));
                }
            }
            assertTrue(fonts.stream().anyMatch(f -> f.contains("DejaVuSans") && f.endsWith("(embedded)")), "DejaVu Sans embedded: " + fonts);
        }

        byte[] former = given().get("/api/v1/rollups/former-provinces/P36/report.pdf").then().statusCode(200).extract().asByteArray();
        try (PDDocument doc = Loader.loadPDF(former)) {
            String text = new PDFTextStripper().getText(doc);
            assertTrue(text.contains("Tỉnh cũ Ninh Bình (cũ)") && text.contains("Cụm công nghiệp Gia Phú") && text.contains("40,5 %"), text);
        }
        given().get("/api/v1/rollups/provinces/NOPE/report.pdf").then().statusCode(404).contentType("application/problem+json");

        // Issue #16: the same report in English, every word, number and basis sentence in English
        byte[] english = given().get("/api/v1/rollups/provinces/P37/report.pdf?lang=en").then().statusCode(200)
                .contentType("application/pdf").header("Content-Language", "en")
                .header("Content-Disposition", containsString("province-P37-report-en.pdf")).extract().asByteArray();
        Files.write(Path.of("target", "board-report-en.pdf"), english);
        try (PDDocument doc = Loader.loadPDF(english)) {
            assertEquals(595.3, doc.getPage(0).getMediaBox().getWidth(), 0.5, "A4 wide");
            String text = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
            for (String expected : new String[] {"Ninh Bình", "All kinds together", "Industrial parks", "Industrial clusters", "Economic zones",
                    "No zone of this kind.", "91.25 %", "40.5 %", "12,325", "2,325", "10,000", "50,000,000", "750,000,000,000",
                    "Khu công nghiệp Gián Khẩu", "Cụm công nghiệp Gia Phú", "In operation", "Under construction", "Zones planned",
                    "summed over established zones (established or later, not removed)", "PROJECTS: workers declared by active secondary projects",
                    "Figures computed at", "Sources", "province-kind:P37:INDUSTRIAL_CLUSTER", "Page 1 / " + doc.getNumberOfPages()}) {
                assertTrue(text.contains(expected), "the English report says '" + expected + "':\n" + text);
            }
            for (String vietnamese : new String[] {"Trang ", "Không có khu loại này", "Đang hoạt động", "cộng trên", "Nguồn số liệu", "Tỷ lệ lấp đầy",
                    "Số liệu tính lúc", "91,25"}) {
                assertTrue(!text.contains(vietnamese), "no Vietnamese words but names in the English report: '" + vietnamese + "'");
            }
        }
        given().get("/api/v1/rollups/provinces/P37/report.pdf?lang=fr").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("lang"));
        byte[] formerEnglish = given().get("/api/v1/rollups/former-provinces/P36/report.pdf?lang=EN").then().statusCode(200).extract().asByteArray();
        try (PDDocument doc = Loader.loadPDF(formerEnglish)) {
            assertTrue(new PDFTextStripper().getText(doc).contains("Former province Ninh Bình (cũ)"));
        }
    }

    @Test
    void aProvinceOf300ZonesRendersOnSeveralNumberedPages() throws Exception {
        Instant now = Instant.now();
        List<String> snapshots = new ArrayList<>();
        snapshots.add(Snapshots.of("PROVINCE", "P300", "Thành phố Hồ Chí Minh", now, 80.0, 300_000, Snapshots.withKinds(
                Snapshots.byKind("INDUSTRIAL_PARK", 150, 85.0, 900, 300, 250_000), Snapshots.byKind("INDUSTRIAL_CLUSTER", 150, 60.0, 100, 400, 50_000))));
        for (int i = 0; i < 300; i++) {
            String kind = i % 2 == 0 ? "INDUSTRIAL_PARK" : "INDUSTRIAL_CLUSTER";
            snapshots.add(Snapshots.of("ZONE", UUID.randomUUID().toString(), (i % 2 == 0 ? "Khu công nghiệp Tân Phú Trung " : "Cụm công nghiệp Bình Chánh ") + i,
                    now, 50 + i % 50, 1000 + i, "\"provinceCode\":\"P300\",\"kind\":\"" + kind + "\",\"status\":\"IN_OPERATION\""));
        }
        Snapshots.publishAll(snapshots);
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() ->
                given().get("/api/v1/rollups/provinces/P300/zones").then().statusCode(200).body("$", hasSize(300)));
        given().get("/api/v1/rollups/provinces/P300/report.pdf").then().statusCode(200);   // warm-up
        long start = System.nanoTime();
        byte[] pdf = given().get("/api/v1/rollups/provinces/P300/report.pdf").then().statusCode(200).extract().asByteArray();
        long ms = (System.nanoTime() - start) / 1_000_000;
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            System.out.printf("BOARD REPORT: 300-zone province rendered in %d ms (second request), %d pages, %d KB%n",
                    ms, doc.getNumberOfPages(), pdf.length / 1024);
            assertTrue(doc.getNumberOfPages() > 2, "300 zones do not fit on two pages");
            String text = new PDFTextStripper().getText(doc);
            assertTrue(text.contains("Trang 2 / " + doc.getNumberOfPages()), "page numbers");
            assertTrue(text.contains("Cụm công nghiệp Bình Chánh 299") && text.contains("Khu công nghiệp Tân Phú Trung 0"), "every zone is there");
            assertTrue(text.contains("Các khu (300)"));
        }
    }
}
