package vn.izone.reporting.api;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.izone.reporting.ReportingTestServers;
import vn.izone.reporting.support.Browser;
import vn.izone.reporting.support.MetricsStub;
import vn.izone.reporting.support.RegistryStub;
import vn.izone.reporting.support.Snapshots;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #16 in real headless Chromium: the province's cluster headline "in operation" (47 in the register) is marked
 * with Ninh Bình's declaration of 43 and its source; the discrepancy page lists every declaration beside the
 * register's figure, in Vietnamese, then in English. Registry and metrics are the stub servers of DiscrepanciesTest.
 */
@QuarkusTest
@QuarkusTestResource(ReportingTestServers.class)
@QuarkusTestResource(RegistryStub.class)
class DiscrepanciesBrowserTest {
    @TestHTTPResource("/")
    URL dashboard;

    @Test
    void theDashboardMarksAConflictingFigureAndThePageShowsEveryDeclaration() throws Exception {
        DiscrepanciesTest.declareAndCount();
        MetricsStub.reset();
        RegistryStub.figuresStatus = 200;
        CircuitBreakerMaintenance.get().resetAll();
        Snapshots.publish(Snapshots.of("PROVINCE", "D37", "Ninh Bình", Instant.now(), 80.0, 12_325, Snapshots.withKinds(
                Snapshots.byKind("INDUSTRIAL_PARK", 3, 91.25, 6, 2, 10_000), Snapshots.byKind("INDUSTRIAL_CLUSTER", 49, 40.5, 1, 3, 2325))));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().get("/api/v1/rollups/provinces/D37").then().statusCode(200).body("byKind.INDUSTRIAL_CLUSTER.zones.operating",
                        org.hamcrest.Matchers.equalTo(47)));
        await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/api/v1/discrepancies?province=D37").path("conflicting").equals(2));

        try (Browser chromium = Browser.open()) {
            WebDriver browser = chromium.driver;
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            browser.get(dashboard.toString());
            wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
            wait.until(d -> !d.findElements(By.cssSelector("#provinces-table tr[data-code=D37]")).isEmpty());
            browser.findElement(By.cssSelector("#provinces-table tr[data-code=D37]")).click();

            String clusters = "#province .group[data-kind=INDUSTRIAL_CLUSTER] ";
            wait.until(d -> !d.findElements(By.cssSelector(clusters + "[data-figure=operating].conflict")).isEmpty());
            WebElement operating = browser.findElement(By.cssSelector(clusters + "[data-figure=operating]"));
            assertEquals("47", operating.findElement(By.cssSelector(".value")).getText(), "the register's figure stays the headline");
            String mark = operating.findElement(By.cssSelector(".declared")).getText();
            assertTrue(mark.contains("Khai báo 43 ngày 31/12/2025") && mark.contains(DiscrepanciesTest.SOURCE)
                    && mark.contains("sổ đăng ký khi đó: 47, chênh lệch −4"), mark);
            assertTrue(operating.getAttribute("title").contains("Khai báo 43"), "the mark is in the tooltip too");
            // the parks' declared occupancy agrees with the register: nothing marked there
            assertEquals(List.of(), browser.findElements(By.cssSelector("#province .group[data-kind=INDUSTRIAL_PARK] .card.conflict")));
            assertEquals(1, browser.findElements(By.cssSelector("#province .card.conflict")).size());
            assertTrue(browser.findElement(By.id("province-discrepancies")).getAttribute("href").endsWith("discrepancies.html?province=D37"));
            browser.manage().window().setSize(new Dimension(1366, 1400));
            ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("document.getElementById('province').scrollIntoView();");
            chromium.save("dashboard-declared.png");

            browser.findElement(By.id("province-discrepancies")).click();
            wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
            wait.until(d -> d.findElements(By.cssSelector("#d-table tbody tr")).size() == 4);
            List<WebElement> rows = browser.findElements(By.cssSelector("#d-table tbody tr"));
            assertEquals("national:VN", rows.get(0).getAttribute("data-scope"));
            String cluster = rows.get(1).getText();
            for (String expected : new String[] {"Tỉnh Ninh Bình", "CCN", "Số khu đang hoạt động", "31/12/2025", "43", DiscrepanciesTest.SOURCE,
                    "47", "−4", "Chênh lệch"}) {
                assertTrue(cluster.contains(expected), "the cluster row says '" + expected + "': " + cluster);
            }
            assertTrue(rows.get(1).getAttribute("class").contains("s-DIFFERS"));
            assertTrue(rows.get(2).getText().contains("Khớp") && rows.get(2).getText().contains("91,25 %"), rows.get(2).getText());
            assertTrue(rows.get(3).getText().contains("Sổ đăng ký không tính số này"), rows.get(3).getText());
            assertTrue(browser.findElement(By.id("d-summary")).getText().contains("4 số khai báo, 2 số lệch"));
            assertEquals("D37", browser.findElement(By.id("d-province")).getAttribute("value"), "the province from the address");

            browser.findElement(By.id("d-conflicting")).click();
            wait.until(d -> d.findElements(By.cssSelector("#d-table tbody tr")).size() == 2);
            assertTrue(browser.getCurrentUrl().contains("conflicting=true"), browser.getCurrentUrl());

            browser.findElement(By.id("lang")).click();
            wait.until(d -> d.findElement(By.cssSelector("#d-table thead")).getText().contains("Declared"));
            String english = browser.findElement(By.cssSelector("#d-table tbody tr:nth-child(2)")).getText();
            for (String expected : new String[] {"Province Ninh Bình", "Industrial cluster", "Zones in operation", "43", "47", "−4", "Differs"}) {
                assertTrue(english.contains(expected), "the English row says '" + expected + "': " + english);
            }
            assertTrue(!english.contains("Chênh lệch") && !english.contains("Số khu"), english);
            browser.manage().window().setSize(new Dimension(1366, 900));
            chromium.save("discrepancies.png");
        }
    }
}
