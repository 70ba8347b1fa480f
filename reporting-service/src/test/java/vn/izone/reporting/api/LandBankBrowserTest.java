package vn.izone.reporting.api;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.izone.reporting.ReportingTestServers;
import vn.izone.reporting.support.Browser;
import vn.izone.reporting.support.RegistryStub;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The land-bank page in a real headless Chromium: the registry's offers (a stub of the registry's REST API; PostgreSQL
 * and Kafka are real) in their order, one map mark per zone with coordinates or an outline, filters sent on, and a
 * page that still works with no coordinates at all. Saves target/land-bank.png and target/land-bank-zone.png.
 */
@QuarkusTest
@QuarkusTestResource(ReportingTestServers.class)
@QuarkusTestResource(RegistryStub.class)
class LandBankBrowserTest {
    @TestHTTPResource("/land-bank.html")
    URL page;

    @AfterEach
    void registryBackToNormal() {
        RegistryStub.resetLandBank();
    }

    @Test
    void showsTheOffersInOrderWithOneMarkPerZoneThatHasCoordinates() throws Exception {
        String vsip = UUID.randomUUID().toString(), dongVan = UUID.randomUUID().toString(), chauSon = UUID.randomUUID().toString(),
                yenPhong = UUID.randomUUID().toString(), thanhLiem = UUID.randomUUID().toString();
        // Đồng Văn IV has an outline (GeoJSON Polygon, lon/lat) as well as its point; Châu Sơn has neither.
        String outline = "{\"type\":\"Polygon\",\"coordinates\":[[[105.905,20.615],[105.965,20.612],[105.972,20.655],[105.93,20.668],[105.905,20.615]]]}";
        String withCoordinates = "[" + String.join(",",
                RegistryStub.offer(vsip, "Khu công nghiệp VSIP III", "INDUSTRIAL_PARK", "79", 210.0, "Công ty TNHH VSIP Bình Dương", true, 11.13, 106.68, null, "điện tử", "cơ khí"),
                RegistryStub.offer(dongVan, "Khu công nghiệp Đồng Văn IV", "INDUSTRIAL_PARK", "37", 120.5, "Công ty CP Đồng Văn", true, 20.64, 105.94, outline, "dệt may"),
                RegistryStub.offer(chauSon, "Khu công nghiệp Châu Sơn", "INDUSTRIAL_PARK", "37", 80.0, "Công ty CP Châu Sơn", false, null, null, null, "cơ khí"),
                RegistryStub.offer(yenPhong, "Cụm công nghiệp Yên Phong", "INDUSTRIAL_CLUSTER", "27", 60.0, "Công ty Yên Phong", null, 21.22, 106.0, null),
                RegistryStub.offer(thanhLiem, "Khu công nghiệp Thanh Liêm", "INDUSTRIAL_PARK", "37", 15.25, "Công ty Thanh Liêm", true, 20.45, 105.91, null, "điện tử")) + "]";
        RegistryStub.landBank = withCoordinates;

        try (Browser chromium = Browser.open()) {
            WebDriver browser = chromium.driver;
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            browser.manage().window().setSize(new Dimension(1366, 1100));
            browser.get(page.toString());
            wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
            wait.until(d -> d.findElements(By.cssSelector("#offers-table tbody tr")).size() == 5);

            // The table keeps the registry's order (largest free area first) and says who to contact.
            List<String> order = browser.findElements(By.cssSelector("#offers-table tbody tr")).stream()
                    .map(r -> r.getAttribute("data-zone")).toList();
            assertEquals(List.of(vsip, dongVan, chauSon, yenPhong, thanhLiem), order);
            assertEquals("Khu công nghiệp VSIP III", browser.findElement(By.cssSelector("#offers-table tr[data-zone='" + vsip + "'] td[data-col=name] strong")).getText());
            assertEquals("CCN · Bắc Ninh", browser.findElement(By.cssSelector("#offers-table tr[data-zone='" + yenPhong + "'] td[data-col=name] small")).getText());
            assertEquals("210", cell(browser, vsip, "freeHa"));
            assertEquals("120,5", cell(browser, dongVan, "freeHa"));
            assertEquals("Công ty CP Đồng Văn", cell(browser, dongVan, "investor"));
            assertEquals("Tập trung, đạt chuẩn", cell(browser, vsip, "wastewater"));
            assertEquals("Không có trạm tập trung", cell(browser, chauSon, "wastewater"));
            assertEquals("điện tử, cơ khí", cell(browser, vsip, "sectors"));

            // The map: Vietnam's outline from the static file, one mark per zone with coordinates; the outline drawn.
            assertFalse(browser.findElements(By.cssSelector("#map svg path.land-vn")).isEmpty(), "Vietnam's outline is drawn");
            List<WebElement> marks = browser.findElements(By.cssSelector("#map svg g.mark"));
            assertEquals(List.of(vsip, dongVan, yenPhong, thanhLiem), marks.stream().map(m -> m.getAttribute("data-zone")).toList(),
                    "one mark per zone with coordinates, the largest drawn first");
            assertEquals(1, browser.findElements(By.cssSelector("#map g.mark[data-zone='" + dongVan + "'] path.outline")).size());
            assertTrue(browser.findElements(By.cssSelector("#map g.mark[data-zone='" + vsip + "'] path.outline")).isEmpty());
            double big = radius(browser, vsip), small = radius(browser, thanhLiem);
            assertTrue(big > small, "marks are sized by free land: " + big + " vs " + small);
            assertTrue(tip(browser, "#map g.mark[data-zone='" + dongVan + "'] > title").contains("Khu công nghiệp Đồng Văn IV"));
            assertTrue(tip(browser, "#map g.mark[data-zone='" + dongVan + "'] > title").contains("120,5 ha trống"));
            assertEquals("some", browser.findElement(By.id("map-note")).getAttribute("data-state"));
            assertTrue(browser.findElement(By.id("map-note")).getText().startsWith("1 khu không có tọa độ"));
            Thread.sleep(300);
            chromium.save("land-bank.png");
            browser.manage().window().setSize(new Dimension(390, 844));
            chromium.save("land-bank-phone.png");
            browser.manage().window().setSize(new Dimension(1366, 1100));

            // Hovering a mark lights its row.
            new org.openqa.selenium.interactions.Actions(browser)
                    .moveToElement(browser.findElement(By.cssSelector("#map g.mark[data-zone='" + vsip + "'] circle"))).perform();
            wait.until(d -> d.findElement(By.cssSelector("#offers-table tr[data-zone='" + vsip + "']")).getAttribute("class").contains("hover"));

            // A click on a mark picks the zone in the table too and zooms the map to it.
            double outlineBefore = outlineWidth(browser, dongVan);
            ((JavascriptExecutor) browser).executeScript("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))",
                    browser.findElement(By.cssSelector("#map g.mark[data-zone='" + dongVan + "']")));
            wait.until(d -> d.findElement(By.cssSelector("#offers-table tr[data-zone='" + dongVan + "']")).getAttribute("class").contains("selected"));
            assertTrue(browser.findElement(By.id("zone-info")).getText().contains("Công ty CP Đồng Văn"));
            assertTrue(browser.findElement(By.cssSelector("#map g.mark[data-zone='" + dongVan + "']")).getAttribute("class").contains("selected"));
            assertTrue(browser.findElement(By.id("map-reset")).isDisplayed());
            double outlineAfter = outlineWidth(browser, dongVan);
            assertTrue(outlineAfter > 10 * outlineBefore, "zoomed to the zone: its outline " + outlineBefore + " → " + outlineAfter + " px");
            chromium.save("land-bank-zone.png");
            browser.findElement(By.id("map-reset")).click();
            wait.until(d -> !d.findElement(By.id("map-reset")).isDisplayed());

            // Filters go to the registry as they are.
            int before = RegistryStub.LAND_BANK_QUERIES.size();
            new Select(browser.findElement(By.id("f-kind"))).selectByValue("INDUSTRIAL_PARK");
            browser.findElement(By.id("f-min-free")).sendKeys("50");
            browser.findElement(By.id("f-wastewater")).click();
            wait.until(d -> RegistryStub.LAND_BANK_QUERIES.size() > before
                    && last().equals("kind=INDUSTRIAL_PARK&minFreeHa=50&wastewater=true"));
            assertTrue(browser.getCurrentUrl().endsWith("land-bank.html?kind=INDUSTRIAL_PARK&minFreeHa=50&wastewater=true"),
                    "the filters are in the address: " + browser.getCurrentUrl());

            // No coordinates at all: the table alone, the map says so.
            RegistryStub.landBank = "[" + RegistryStub.offer(chauSon, "Khu công nghiệp Châu Sơn", "INDUSTRIAL_PARK", "37", 80.0,
                    "Công ty CP Châu Sơn", false, null, null, null, "cơ khí") + "]";
            browser.findElement(By.id("f-wastewater")).click();
            wait.until(d -> d.findElements(By.cssSelector("#offers-table tbody tr")).size() == 1);
            wait.until(d -> "none".equals(d.findElement(By.id("map-note")).getAttribute("data-state")));
            assertEquals("Không có tọa độ: các khu chỉ có trong bảng.", browser.findElement(By.id("map-note")).getText());
            assertTrue(browser.findElements(By.cssSelector("#map g.mark")).isEmpty());
            browser.findElement(By.id("lang")).click();
            wait.until(d -> d.findElement(By.id("map-note")).getText().equals("No coordinates: the zones are in the table only."));
            assertEquals("Free (ha)", browser.findElement(By.cssSelector("#offers-table th:nth-child(3)")).getText());
            chromium.save("land-bank-no-coordinates.png");

            // National scale: 1,700 zones with coordinates (about as many as the country has), each one mark; the time the
            // page took to fetch and draw them is printed, not asserted.
            StringBuilder many = new StringBuilder("[");
            java.util.Random random = new java.util.Random(7);
            for (int i = 0; i < 1_700; i++) {
                double lat = 8.8 + random.nextDouble() * 14.0, lon = 104.0 + (lat > 16 ? random.nextDouble() * 3.5 : 2.5 + random.nextDouble() * 4.5);
                many.append(i == 0 ? "" : ",").append(RegistryStub.offer(UUID.randomUUID().toString(), "Cụm công nghiệp số " + i,
                        "INDUSTRIAL_CLUSTER", "37", 1_700 - i, "Công ty hạ tầng " + i, i % 2 == 0, lat, lon, null, "cơ khí"));
            }
            RegistryStub.landBank = many.append("]").toString();
            long started = System.nanoTime();
            browser.findElement(By.id("f-wastewater")).click();
            wait.until(d -> d.findElements(By.cssSelector("#map g.mark")).size() == 1_700);
            long drawnMs = (System.nanoTime() - started) / 1_000_000;
            assertEquals(1_700, browser.findElements(By.cssSelector("#offers-table tbody tr")).size());
            Object svgChars = ((JavascriptExecutor) browser).executeScript("return document.querySelector('#map').innerHTML.length;");
            System.out.printf("land bank: 1,700 offers (%d KB of JSON) fetched through the proxy and drawn in %d ms (incl. WebDriver polling); map SVG %s chars%n",
                    RegistryStub.landBank.length() / 1024, drawnMs, svgChars);

            // The registry away: the page says so instead of an empty table that looks like "no land".
            RegistryStub.landBankDelayMs = 3_000;
            browser.findElement(By.id("f-min-free")).sendKeys("0");
            wait.until(d -> d.findElement(By.id("lb-error")).isDisplayed());
            assertTrue(browser.findElement(By.id("lb-error")).getText().contains("registry-service"));
        }
    }

    private static String cell(WebDriver browser, String zone, String col) {
        return browser.findElement(By.cssSelector("#offers-table tr[data-zone='" + zone + "'] td[data-col=" + col + "]")).getText();
    }

    private static String tip(WebDriver browser, String css) {
        return browser.findElement(By.cssSelector(css)).getAttribute("textContent");
    }

    private static double radius(WebDriver browser, String zone) {
        return Double.parseDouble(browser.findElement(By.cssSelector("#map g.mark[data-zone='" + zone + "'] circle")).getAttribute("r"));
    }

    private static double outlineWidth(WebDriver browser, String zone) {
        return ((Number) ((JavascriptExecutor) browser).executeScript("return document.querySelector(arguments[0]).getBBox().width;",
                "#map g.mark[data-zone='" + zone + "'] path.outline")).doubleValue();
    }

    private static String last() {
        return RegistryStub.LAND_BANK_QUERIES.get(RegistryStub.LAND_BANK_QUERIES.size() - 1);
    }
}
