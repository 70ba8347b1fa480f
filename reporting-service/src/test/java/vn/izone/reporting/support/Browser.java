package vn.izone.reporting.support;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A real headless Chromium for the dashboard's browser tests. Needs /usr/bin/chromium and /usr/bin/chromedriver
 * (Debian: apt-get install -y chromium chromium-driver); without them a test fails, unless run with
 * -Dizone.browser-tests=false (then it is skipped).
 */
public final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    public final WebDriver driver;
    private final ChromeDriverService service;

    private Browser(WebDriver driver, ChromeDriverService service) {
        this.driver = driver;
        this.service = service;
    }

    public static Browser open() throws Exception {
        Assumptions.assumeFalse("false".equalsIgnoreCase(System.getProperty("izone.browser-tests")),
                "browser tests switched off with -Dizone.browser-tests=false");
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("The dashboard tests need Chromium at " + CHROMIUM + " and its driver at " + CHROMEDRIVER
                    + " (apt-get install -y chromium chromium-driver); run with -Dizone.browser-tests=false to leave them out.");
        }
        Path profile = Files.createTempDirectory("izone-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=1366,1000", "--lang=vi");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        return new Browser(new ChromeDriver(service, options), service);
    }

    /** A screenshot of the window, as reporting-service/target/{name}. */
    public void save(String name) throws Exception {
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Path target = Path.of("target", name);
        Files.createDirectories(target.getParent());
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
        }
    }
}
