package vn.izone.reporting.api;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.izone.reporting.ReportingTestServers;
import vn.izone.reporting.support.Browser;
import vn.izone.reporting.support.RegistryStub;
import vn.izone.reporting.support.Snapshots;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard in a real headless Chromium: a snapshot published to Kafka changes a number on the open page, with
 * no reload; the drill-down charts a zone's occupancy, employment and capital. Chromium as {@link Browser} says.
 */
@QuarkusTest
@QuarkusTestResource(ReportingTestServers.class)
@QuarkusTestResource(RegistryStub.class)
class DashboardBrowserTest {
    @TestHTTPResource("/")
    URL dashboard;

    @Test
    void aPublishedSnapshotChangesTheNumbersOnTheOpenPage() throws Exception {
        String zone = UUID.randomUUID().toString();
        Instant now = Instant.now();
        Snapshots.publish("national:VN", national(now, 71.5, 111_111));
        Snapshots.publish("province:B37", Snapshots.of("PROVINCE", "B37", "Ninh Bình", now, 87.5, 12_325, null));
        String[] months = {"2025-01-15T03:00:00Z", "2025-02-15T03:00:00Z", "2025-03-15T03:00:00Z", "2025-04-15T03:00:00Z"};
        double[] occupancy = {62.0, 70.5, 81.0, 92.4};
        long[] zoneWorkers = {9000, 9400, 10150, 11020};
        for (int i = 0; i < months.length; i++) {
            Snapshots.publish("zone:" + zone, Snapshots.of("ZONE", zone, "Khu công nghiệp Đồng Văn I", Instant.parse(months[i]),
                    occupancy[i], zoneWorkers[i], "\"provinceCode\":\"B37\",\"formerProvinceCode\":\"35\""));
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            given().get("/api/v1/rollups/national").then().statusCode(200).body("employment.workers", equalTo(111_111));
            given().get("/api/v1/rollups/zones/" + zone).then().statusCode(200).body("occupancy.ratePercent", equalTo(92.4f));
        });

        try (Browser chromium = Browser.open()) {
            WebDriver browser = chromium.driver;
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            browser.get(dashboard.toString());
            wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
            By workers = By.cssSelector("#national [data-figure=workers] .value");
            wait.until(d -> digits(d.findElement(workers).getText()).equals("111111"));
            WebElement workersCard = browser.findElement(By.cssSelector("#national [data-figure=workers]"));
            assertTrue(workersCard.getAttribute("title").contains("DỰ ÁN: lao động do các dự án thứ cấp đang hoạt động kê khai"),
                    "the figure shows its source, in Vietnamese: " + workersCard.getAttribute("title"));
            assertTrue(browser.findElement(By.cssSelector(PARK + "[data-figure=occupancy] .basis")).getText()
                    .contains("cộng trên các khu đã thành lập (từ khi thành lập trở đi, chưa đưa ra khỏi quy hoạch) có đất công nghiệp cho thuê"),
                    "occupancy shows its basis");
            ((JavascriptExecutor) browser).executeScript("window.izoneSamePage = 'yes';");

            // A new national snapshot on Kafka: the number changes on the open page (SSE), no reload. The live stream
            // may connect a moment after the page, so later snapshots are sent until one shows.
            long changed = 222_222;
            boolean shown = false;
            int attempts = 0;
            for (int attempt = 1; attempt <= 10 && !shown; attempt++) {
                attempts = attempt;
                Snapshots.publish("national:VN", national(Instant.now(), 72.25, changed));
                try {
                    new WebDriverWait(browser, Duration.ofSeconds(5)).until(d -> digits(d.findElement(workers).getText()).equals("222222"));
                    shown = true;
                } catch (org.openqa.selenium.TimeoutException e) {
                    // not yet: the next attempt publishes a newer snapshot
                }
            }
            System.out.printf("dashboard: the live number changed after %d snapshot(s)%n", attempts);
            assertTrue(shown, "the workers figure did not change on the open page; it shows " + browser.findElement(workers).getText());
            assertEquals("yes", ((JavascriptExecutor) browser).executeScript("return window.izoneSamePage;"), "the page was not reloaded");
            assertEquals("72,25 %", browser.findElement(By.cssSelector(PARK + "[data-figure=occupancy] .value")).getText(),
                    "the parks' occupancy moved with the snapshot");
            assertEquals("55 %", browser.findElement(By.cssSelector("#national .group[data-kind=INDUSTRIAL_CLUSTER] [data-figure=occupancy] .value")).getText());
            assertTrue(browser.findElements(By.cssSelector("#national .group[data-kind=ALL] [data-figure=occupancy]")).isEmpty(),
                    "no occupancy over parks and clusters together");

            // The country's trends are charted from the start; the land-bank page is a link away.
            wait.until(d -> !d.findElements(By.cssSelector("#trends[data-scope='national:VN'] [data-indicator=workers] svg circle")).isEmpty());
            assertTrue(browser.findElement(By.id("land-bank-link")).getAttribute("href").endsWith("/land-bank.html"));

            // Drill down: province, its zones, a zone's occupancy, employment and capital over time drawn as inline SVG.
            browser.findElement(By.cssSelector("#provinces-table tr[data-code=B37]")).click();
            wait.until(d -> !d.findElements(By.cssSelector("#zones-table tr[data-zone='" + zone + "']")).isEmpty());
            browser.findElement(By.cssSelector("#zones-table tr[data-zone='" + zone + "']")).click();
            String trends = "#trends[data-scope='zone:" + zone + "'] ";
            for (String indicator : new String[] {"occupancy", "workers", "capitalFdiUsd", "capitalDomesticVnd"}) {
                wait.until(d -> d.findElements(By.cssSelector(trends + "[data-indicator=" + indicator + "] svg circle")).size() == 4);
            }
            assertTrue(tooltip(browser, trends + "[data-indicator=occupancy] svg circle title").startsWith("2025-01: 62 %"));
            assertTrue(tooltip(browser, trends + "[data-indicator=workers] svg circle title").startsWith("2025-01: 9.000 người"),
                    "workers charted with their number");
            assertTrue(tooltip(browser, trends + "[data-indicator=workers] svg circle:nth-of-type(4) title").startsWith("2025-04: 11.020 người"));
            assertTrue(tooltip(browser, trends + "[data-indicator=capitalDomesticVnd] svg circle title").startsWith("2025-01: 1.250.000.000.000 VND"),
                    "DDI capital in VND, never converted");

            browser.findElement(By.id("lang")).click();
            wait.until(d -> d.findElement(By.cssSelector("#national h2")).getText().startsWith("Whole country"));
            assertEquals("222,222", browser.findElement(workers).getText());
            ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0);");
            browser.manage().window().setSize(new Dimension(1366, 2300));
            Thread.sleep(1600);   // let the change highlight fade
            chromium.save("dashboard.png");
            browser.manage().window().setSize(new Dimension(390, 844));
            chromium.save("dashboard-phone.png");
        }
    }

    static final String PARK = "#national .group[data-kind=INDUSTRIAL_PARK] ";

    /** A national snapshot whose byKind has parks (at this occupancy) and clusters (55 %, 1,000 workers). */
    static String national(Instant at, double parkOccupancy, long workers) {
        return Snapshots.of("NATIONAL", "VN", "Việt Nam", at, parkOccupancy, workers, Snapshots.withKinds(
                Snapshots.byKind("INDUSTRIAL_PARK", 4, parkOccupancy, 30, 10, workers - 1000),
                Snapshots.byKind("INDUSTRIAL_CLUSTER", 3, 55.0, 2, 8, 1000)));
    }

    /**
     * Issue #16: the headlines by kind, the province table switched between kinds, a live change of a cluster figure
     * that leaves the parks alone, the drill-down to a former province with the same split, and every basis in the
     * page's language.
     */
    @Test
    void kindsAreSeparateSwitchableAndLiveInThePagesLanguage() throws Exception {
        String zone = UUID.randomUUID().toString();
        Instant now = Instant.now();
        Snapshots.publish(province("K37", now, 2325));
        Snapshots.publish(Snapshots.kindScope("PROVINCE_KIND", "K37", "INDUSTRIAL_PARK", "Ninh Bình", now.plusMillis(1), 3, 91.25, 6, 2, 10_000));
        Snapshots.publish(Snapshots.kindScope("PROVINCE_KIND", "K37", "INDUSTRIAL_CLUSTER", "Ninh Bình", now.plusMillis(1), 2, 40.5, 1, 3, 2325));
        Snapshots.publish(Snapshots.of("FORMER_PROVINCE", "K35", "Hà Nam", now, 80.0, 7000, Snapshots.withKinds(
                Snapshots.byKind("INDUSTRIAL_PARK", 3, 88.0, 5, 1, 6000),
                Snapshots.byKind("INDUSTRIAL_CLUSTER", 2, 33.3, 0, 2, 1000)
                        .replace("summed over zones in operation with industrial land for lease", "summed over a basis nobody has translated yet"))));
        Snapshots.publish(Snapshots.of("ZONE", zone, "Cụm công nghiệp Kim Bình", now, 40.5, 2325,
                "\"provinceCode\":\"K37\",\"formerProvinceCode\":\"K35\",\"kind\":\"INDUSTRIAL_CLUSTER\",\"status\":\"IN_OPERATION\""));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            given().get("/api/v1/rollups/provinces/K37/kinds/INDUSTRIAL_CLUSTER").then().statusCode(200).body("employment.workers", equalTo(2325));
            given().get("/api/v1/rollups/former-provinces/K35").then().statusCode(200);
            given().get("/api/v1/rollups/provinces/K37/zones").then().statusCode(200).body("scopeCode", org.hamcrest.Matchers.hasItem(zone));
        });

        try (Browser chromium = Browser.open()) {
            WebDriver browser = chromium.driver;
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            browser.get(dashboard.toString());
            wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
            String row = "#provinces-table tr[data-code=K37] ";
            wait.until(d -> text(d, row + "td[data-col=occ-INDUSTRIAL_CLUSTER]").equals("40,5 %"));
            assertEquals("91,25 %", text(browser, row + "td[data-col=occ-INDUSTRIAL_PARK]"), "all kinds: occupancy per kind, side by side");
            assertEquals("12.325", text(browser, row + "td[data-col=workers]"), "workers added across kinds");

            // The kind switch: the same row shows the clusters', then the parks' figures
            browser.findElement(By.cssSelector("#kind-switch [data-kind=INDUSTRIAL_CLUSTER]")).click();
            wait.until(d -> text(d, "#provinces-table[data-kind=INDUSTRIAL_CLUSTER] tr[data-code=K37] td[data-col=occupancy]").equals("40,5 %"));
            assertEquals("2.325", text(browser, row + "td[data-col=workers]"));
            assertEquals("50 triệu", text(browser, row + "td[data-col=capitalFdiUsd]"), "capital from the kind's own snapshot");
            browser.findElement(By.cssSelector("#kind-switch [data-kind=INDUSTRIAL_PARK]")).click();
            wait.until(d -> text(d, "#provinces-table[data-kind=INDUSTRIAL_PARK] tr[data-code=K37] td[data-col=occupancy]").equals("91,25 %"));
            assertEquals("10.000", text(browser, row + "td[data-col=workers]"));
            browser.findElement(By.cssSelector("#kind-switch [data-kind=ALL]")).click();

            // Drill down: the province's headline in groups
            browser.findElement(By.cssSelector(row)).click();
            String cluster = "#province[data-code=K37] .group[data-kind=INDUSTRIAL_CLUSTER] ", park = "#province[data-code=K37] .group[data-kind=INDUSTRIAL_PARK] ";
            wait.until(d -> text(d, cluster + "[data-figure=workers] .value").equals("2.325"));
            assertEquals("40,5 %", text(browser, cluster + "[data-figure=occupancy] .value"));
            assertEquals("10.000", text(browser, park + "[data-figure=workers] .value"));
            assertEquals("12.325", text(browser, "#province .group[data-kind=ALL] [data-figure=workers] .value"));
            assertTrue(browser.findElement(By.cssSelector("#province .group[data-kind=ALL] h3")).getText().contains("cộng chung"), "the combined figures say so");
            assertEquals("Không có khu loại này.", text(browser, "#province .group[data-kind=ECONOMIC_ZONE] .empty"));
            wait.until(d -> !d.findElements(By.cssSelector("#zones-table tr[data-zone='" + zone + "']")).isEmpty());
            assertEquals("Đang hoạt động", text(browser, "#zones-table tr[data-zone='" + zone + "'] td[data-col=status]"), "status in Vietnamese");
            String parkBefore = text(browser, park.trim());

            // Live: a new cluster figure (its kind snapshot and the province's byKind) changes the clusters only
            boolean shown = false;
            for (int attempt = 1; attempt <= 10 && !shown; attempt++) {
                Instant at = Instant.now();
                Snapshots.publish(province("K37", at, 2999));
                Snapshots.publish(Snapshots.kindScope("PROVINCE_KIND", "K37", "INDUSTRIAL_CLUSTER", "Ninh Bình", at.plusMillis(1), 2, 47.0, 1, 3, 2999));
                try {
                    new WebDriverWait(browser, Duration.ofSeconds(5)).until(d -> text(d, cluster + "[data-figure=workers] .value").equals("2.999"));
                    shown = true;
                } catch (org.openqa.selenium.TimeoutException e) {
                    // the live stream may connect a moment late: try again with a newer snapshot
                }
            }
            assertTrue(shown, "the cluster workers did not change on the open page");
            wait.until(d -> text(d, cluster + "[data-figure=occupancy] .value").equals("47 %"));
            assertEquals(parkBefore, text(browser, park.trim()), "the park figures are left alone");
            assertEquals("12.999", text(browser, "#province .group[data-kind=ALL] [data-figure=workers] .value"));

            // The former province it was made of: the same split
            browser.findElement(By.cssSelector("#former-links [data-former=K35]")).click();
            String fpark = "#province[data-level=FORMER_PROVINCE][data-code=K35] .group[data-kind=INDUSTRIAL_PARK] ";
            wait.until(d -> !d.findElements(By.cssSelector(fpark + "[data-figure=occupancy] .value")).isEmpty()
                    && text(d, fpark + "[data-figure=occupancy] .value").equals("88 %"));
            assertEquals("33,3 %", text(browser, "#province .group[data-kind=INDUSTRIAL_CLUSTER] [data-figure=occupancy] .value"));
            assertEquals("1.000", text(browser, "#province .group[data-kind=INDUSTRIAL_CLUSTER] [data-figure=workers] .value"));
            assertEquals("FORMER_PROVINCE", browser.findElement(By.id("level")).getAttribute("value"));
            assertTrue(text(browser, "#province-name").startsWith("Tỉnh cũ Hà Nam"));
            wait.until(d -> !d.findElements(By.cssSelector("#zones-table tr[data-zone='" + zone + "']")).isEmpty());
            String untranslated = text(browser, "#province .group[data-kind=INDUSTRIAL_CLUSTER] [data-figure=occupancyOperating] .basis");
            assertTrue(untranslated.contains("diện tích đã cho thuê ÷ đất công nghiệp cho thuê, cộng trên cơ sở tính do metrics-service ghi, chưa có bản tiếng Việt"),
                    "an untranslated basis is a Vietnamese note: " + untranslated);

            // No English basis anywhere on the Vietnamese page: visible text, tooltips, chart tooltips
            String everything = (String) ((JavascriptExecutor) browser).executeScript(
                    "var out = [document.body.innerText];"
                            + "document.querySelectorAll('[title]').forEach(function (e) { out.push(e.getAttribute('title')); });"
                            + "document.querySelectorAll('svg title').forEach(function (e) { out.push(e.textContent); });"
                            + "return out.join('\\n');");
            java.util.regex.Matcher english = java.util.regex.Pattern.compile(
                    "(?i)\\b(leased|summed|industrial land|in operation|established|operating|workers|projects|source|reports?|declared|basis|not removed)\\b")
                    .matcher(everything);
            assertTrue(!english.find(), "English on the Vietnamese page: '" + (english.hitEnd() ? "" : english.group())
                    + "' in …" + around(everything, english));

            // The English page says it in English
            browser.findElement(By.id("lang")).click();
            wait.until(d -> d.findElement(By.cssSelector("#national h2")).getText().startsWith("Whole country"));
            assertTrue(text(browser, "#province .group[data-kind=INDUSTRIAL_PARK] [data-figure=occupancy] .basis")
                    .contains("leased ÷ industrial land for lease, summed over established zones"));
            assertEquals("In operation", text(browser, "#zones-table tr[data-zone='" + zone + "'] td[data-col=status]"));
            assertEquals("Industrial clusters", text(browser, "#province .group[data-kind=INDUSTRIAL_CLUSTER] h3"));
            ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0);");
            browser.manage().window().setSize(new Dimension(1366, 2600));
            Thread.sleep(1600);
            chromium.save("dashboard-kinds.png");
        }
    }

    static String around(String text, java.util.regex.Matcher m) {
        try {
            int at = m.start();
            return text.substring(Math.max(0, at - 80), Math.min(text.length(), at + 80));
        } catch (IllegalStateException e) {
            return "";
        }
    }

    static String province(String code, Instant at, long clusterWorkers) {
        return Snapshots.of("PROVINCE", code, "Ninh Bình", at, 87.5, 10_000 + clusterWorkers, Snapshots.withKinds(
                Snapshots.byKind("INDUSTRIAL_PARK", 3, 91.25, 6, 2, 10_000),
                Snapshots.byKind("INDUSTRIAL_CLUSTER", 2, clusterWorkers == 2325 ? 40.5 : 47.0, 1, 3, clusterWorkers)));
    }

    static String text(WebDriver d, String css) {
        return d.findElement(By.cssSelector(css)).getText();
    }

    /** A chart point's tooltip; the charts are drawn again as their series arrive, so a point read may be replaced. */
    static String tooltip(WebDriver browser, String css) {
        return new WebDriverWait(browser, Duration.ofSeconds(10)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> d.findElement(By.cssSelector(css)).getAttribute("textContent"));
    }

    static String digits(String text) {
        return text.replaceAll("[^0-9]", "");
    }
}
