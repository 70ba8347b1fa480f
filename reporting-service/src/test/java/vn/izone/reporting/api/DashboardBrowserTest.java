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
        Snapshots.publish("national:VN", Snapshots.of("NATIONAL", "VN", "Việt Nam", now, 71.5, 111_111, null));
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
            assertTrue(workersCard.getAttribute("title").contains("zone reports (latest per zone)"), "the figure shows its source");
            assertTrue(browser.findElement(By.cssSelector("#national [data-figure=occupancy] .basis")).getText()
                    .contains("established and operating zones with industrial land"), "occupancy shows its basis");
            ((JavascriptExecutor) browser).executeScript("window.izoneSamePage = 'yes';");

            // A new national snapshot on Kafka: the number changes on the open page (SSE), no reload. The live stream
            // may connect a moment after the page, so later snapshots are sent until one shows.
            long changed = 222_222;
            boolean shown = false;
            int attempts = 0;
            for (int attempt = 1; attempt <= 10 && !shown; attempt++) {
                attempts = attempt;
                Snapshots.publish("national:VN", Snapshots.of("NATIONAL", "VN", "Việt Nam", Instant.now(), 72.25, changed, null));
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
            assertEquals("72,25 %", browser.findElement(By.cssSelector("#national [data-figure=occupancy] .value")).getText());

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

    static String tooltip(WebDriver browser, String css) {
        return browser.findElement(By.cssSelector(css)).getAttribute("textContent");
    }

    static String digits(String text) {
        return text.replaceAll("[^0-9]", "");
    }
}
