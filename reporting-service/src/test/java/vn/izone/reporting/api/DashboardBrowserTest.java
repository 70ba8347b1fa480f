package vn.izone.reporting.api;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.izone.reporting.ReportingTestServers;
import vn.izone.reporting.support.RegistryStub;
import vn.izone.reporting.support.Snapshots;

import java.io.File;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The dashboard in a real headless Chromium: a snapshot published to Kafka changes a number on the open page, with
 * no reload. Needs /usr/bin/chromium and /usr/bin/chromedriver (Debian: apt-get install -y chromium chromium-driver);
 * without them it fails, unless run with -Dizone.browser-tests=false.
 */
@QuarkusTest
@QuarkusTestResource(ReportingTestServers.class)
@QuarkusTestResource(RegistryStub.class)
class DashboardBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @TestHTTPResource("/")
    URL dashboard;

    @Test
    void aPublishedSnapshotChangesTheNumbersOnTheOpenPage() throws Exception {
        Assumptions.assumeFalse("false".equalsIgnoreCase(System.getProperty("izone.browser-tests")),
                "browser tests switched off with -Dizone.browser-tests=false");
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("The dashboard test needs Chromium at " + CHROMIUM + " and its driver at " + CHROMEDRIVER
                    + " (apt-get install -y chromium chromium-driver); run with -Dizone.browser-tests=false to leave it out.");
        }
        String zone = UUID.randomUUID().toString();
        Instant now = Instant.now();
        Snapshots.publish("national:VN", Snapshots.of("NATIONAL", "VN", "Việt Nam", now, 71.5, 111_111, null));
        Snapshots.publish("province:B37", Snapshots.of("PROVINCE", "B37", "Ninh Bình", now, 87.5, 12_325, null));
        String[] months = {"2025-01-15T03:00:00Z", "2025-02-15T03:00:00Z", "2025-03-15T03:00:00Z", "2025-04-15T03:00:00Z"};
        double[] occupancy = {62.0, 70.5, 81.0, 92.4};
        for (int i = 0; i < months.length; i++) {
            Snapshots.publish("zone:" + zone, Snapshots.of("ZONE", zone, "Khu công nghiệp Đồng Văn I", Instant.parse(months[i]),
                    occupancy[i], 9000, "\"provinceCode\":\"B37\",\"formerProvinceCode\":\"35\""));
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            given().get("/api/v1/rollups/national").then().statusCode(200).body("employment.workers", equalTo(111_111));
            given().get("/api/v1/rollups/zones/" + zone).then().statusCode(200).body("occupancy.ratePercent", equalTo(92.4f));
        });

        Path profile = Files.createTempDirectory("izone-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=1366,1000", "--lang=vi");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        WebDriver browser = new ChromeDriver(service, options);
        try {
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

            // Drill down: province, its zones, a zone's occupancy history drawn as inline SVG.
            browser.findElement(By.cssSelector("#provinces-table tr[data-code=B37]")).click();
            wait.until(d -> !d.findElements(By.cssSelector("#zones-table tr[data-zone='" + zone + "']")).isEmpty());
            browser.findElement(By.cssSelector("#zones-table tr[data-zone='" + zone + "']")).click();
            wait.until(d -> d.findElements(By.cssSelector("#chart svg circle")).size() == 4);
            assertTrue(browser.findElement(By.cssSelector("#chart svg circle title")).getAttribute("textContent").contains("2025-01"));

            browser.findElement(By.id("lang")).click();
            wait.until(d -> d.findElement(By.cssSelector("#national h2")).getText().startsWith("Whole country"));
            assertEquals("222,222", browser.findElement(workers).getText());
            ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0);");
            browser.manage().window().setSize(new Dimension(1366, 2300));
            Thread.sleep(1600);   // let the change highlight fade
            save(browser, "dashboard.png");
            browser.manage().window().setSize(new Dimension(390, 844));
            save(browser, "dashboard-phone.png");
        } finally {
            browser.quit();
            service.stop();
        }
    }

    static String digits(String text) {
        return text.replaceAll("[^0-9]", "");
    }

    static void save(WebDriver browser, String name) throws Exception {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Path target = Path.of("target", name);
        Files.createDirectories(target.getParent());
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    }
}
