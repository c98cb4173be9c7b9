package io.imageupdater.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.imageupdater.testing.TestRegistry;
import io.imageupdater.updater.CycleRunner;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The status page in a real browser (Debian's chromium through chromium-driver, headless, started here) against the
 * running updater after a cycle against a real registry and the mock API server: every image's row with its
 * versions and decision, the filter, the automatic refresh after the next cycle keeping the filter, no request
 * leaving the updater's origin, and a screenshot ({@code target/status-page.png}; README's is
 * {@code docs/status-page.png}).
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class StatusPageBrowserTest {
    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    static final Path SCREENSHOT = Path.of("target/status-page.png");

    @Inject
    KubernetesClient client;

    @Inject
    CycleRunner runner;

    @TestHTTPResource("/")
    URL url;

    @Test
    void operatorSeesEveryImageFiltersAndGetsRefreshed() throws Exception {
        assertTrue(
                new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute(),
                "the browser test needs Debian's chromium and chromium-driver (apt-get install -y chromium chromium-driver)");
        String origin = "http://127.0.0.1:" + url.getPort();
        try (TestRegistry registry = TestRegistry.start()) {
            ViewScene.create(client, registry);
            ViewScene.cycle(runner);
            WebDriver browser = browser();
            try {
                browser.get("about:blank");
                browser.manage().logs().get(LogType.PERFORMANCE); // drained: the browser's own start page is not ours
                browser.get(origin + "/");
                new WebDriverWait(browser, Duration.ofSeconds(10))
                        .until(driver ->
                                !driver.findElement(By.id("shown")).getText().isEmpty());

                assertRow(browser, "shop/web|web", "1.0.0", "1.1.0", "updated 1.0.0 → 1.1.0 at ");
                assertRow(browser, "shop/api|api", "2.0.0", "2.0.0", "up to date");
                assertRow(browser, "billing/worker|worker", "1.0.0", "–", "no eligible tag: 2 tags of ");
                assertRow(browser, "billing/ledger|ledger", "1.0.0", "1.1.0", "error: ");
                assertRow(browser, "billing/down|db", "1.0.0", "–", "error: ");
                assertEquals(5, rowCount(browser));
                assertEquals("shop/platform", cell(browser, "shop/api|api", "owner"));
                assertEquals("annotations", cell(browser, "shop/web|web", "owner"));
                assertTrue(browser.findElement(By.id("last-cycle-counts"))
                        .getText()
                        .startsWith("5 applications, 5 images, 1 updated"));
                assertTrue(browser.findElement(By.id("registries")).getText().contains(registry.host()));
                assertFalse(browser.getPageSource().contains(ViewScene.SECRET_IN_URL));
                assertFalse(browser.getPageSource().contains(ViewScene.QUERY_TOKEN));

                Select namespace = new Select(browser.findElement(By.id("filter-namespace")));
                namespace.selectByValue("billing");
                assertEquals(
                        List.of("billing/worker|worker", "billing/ledger|ledger", "billing/down|db"), visible(browser));
                Select state = new Select(browser.findElement(By.id("filter-state")));
                state.selectByValue("error");
                assertEquals(List.of("billing/ledger|ledger", "billing/down|db"), visible(browser));
                namespace.selectByValue("");
                state.selectByValue("");
                WebElement text = browser.findElement(By.id("filter-text"));
                text.sendKeys("worker");
                assertEquals(List.of("billing/worker|worker"), visible(browser));
                text.clear();
                text.sendKeys("acme/web");
                namespace.selectByValue("shop");
                assertEquals(List.of("shop/web|web"), visible(browser));

                browser.findElement(By.cssSelector("#images th[data-sort='0']")).click();
                registry.push("acme/web", "1.2.0");
                ViewScene.cycle(runner);
                new WebDriverWait(browser, Duration.ofSeconds(30))
                        .until(driver -> "1.2.0".equals(cell(driver, "shop/web|web", "newest")));
                assertEquals(
                        "acme/web", browser.findElement(By.id("filter-text")).getDomProperty("value"));
                assertEquals(
                        "shop",
                        new Select(browser.findElement(By.id("filter-namespace")))
                                .getFirstSelectedOption()
                                .getDomProperty("value"));
                assertEquals(List.of("shop/web|web"), visible(browser), "the refresh lost the filter");
                assertEquals(
                        "ascending",
                        browser.findElement(By.cssSelector("#images th[data-sort='0']"))
                                .getDomAttribute("aria-sort"));
                assertTrue(cell(browser, "shop/web|web", "decision").startsWith("updated 1.0.0 → 1.2.0 at "));

                text.clear();
                namespace.selectByValue("");
                assertEquals(5, visible(browser).size());
                Files.createDirectories(SCREENSHOT.getParent());
                Files.write(SCREENSHOT, ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES));

                assertOnlyOwnOrigin(browser, origin);
            } finally {
                browser.quit();
            }
        }
        assertTrue(Files.size(SCREENSHOT) > 10_000, "screenshot written");
    }

    private static WebDriver browser() throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--disable-gpu",
                "--no-first-run",
                "--no-proxy-server",
                "--disable-background-networking",
                "--disable-extensions",
                "--window-size=1600,900",
                "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    private static void assertRow(WebDriver browser, String key, String running, String newest, String decision) {
        assertEquals(running, cell(browser, key, "running"), key + " running");
        assertEquals(newest, cell(browser, key, "newest"), key + " newest");
        String shown = cell(browser, key, "decision");
        assertTrue(shown.startsWith(decision), key + " decision: " + shown);
    }

    /** A cell's text, read in one script so that a refresh replacing the rows cannot interleave. */
    private static String cell(WebDriver browser, String key, String column) {
        Object text = ((JavascriptExecutor) browser)
                .executeScript(
                        "var key = arguments[0], column = arguments[1];"
                                + "var row = Array.prototype.find.call(document.querySelectorAll('#images tbody tr'),"
                                + " function (r) { return r.dataset.key === key; });"
                                + "return row ? row.querySelector('td.' + column).textContent.trim() : null;",
                        key,
                        column);
        return text == null ? null : text.toString();
    }

    private static int rowCount(WebDriver browser) {
        return ((Number) ((JavascriptExecutor) browser)
                        .executeScript("return document.querySelectorAll('#images tbody tr').length;"))
                .intValue();
    }

    /** The keys of the rows shown, in order, read in one script. */
    @SuppressWarnings("unchecked")
    private static List<String> visible(WebDriver browser) {
        return (List<String>) ((JavascriptExecutor) browser)
                .executeScript("return Array.prototype.filter.call(document.querySelectorAll('#images tbody tr'),"
                        + " function (r) { return r.getClientRects().length > 0; })"
                        + ".map(function (r) { return r.dataset.key; });");
    }

    /** Every request the page made (the browser's own network log) went to the updater; nothing broke the CSP. */
    private static void assertOnlyOwnOrigin(WebDriver browser, String origin) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<String> requested = new ArrayList<>();
        for (LogEntry entry : browser.manage().logs().get(LogType.PERFORMANCE)) {
            JsonNode message = json.readTree(entry.getMessage()).path("message");
            if ("Network.requestWillBeSent".equals(message.path("method").asText())) {
                requested.add(message.path("params").path("request").path("url").asText());
            }
        }
        assertTrue(requested.contains(origin + "/ui/status.js"), requested.toString());
        assertTrue(
                requested.stream().filter((origin + "/")::equals).count() >= 2,
                "refreshes fetch the page: " + requested);
        List<String> foreign = requested.stream()
                .filter(request -> !request.startsWith(origin + "/"))
                .toList();
        assertEquals(List.of(), foreign, "requests that left the updater's origin");
        List<String> violations = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage)
                .filter(message -> message.contains("Content Security Policy") || message.contains("Refused"))
                .toList();
        assertEquals(List.of(), violations);
        URI page = URI.create(browser.getCurrentUrl());
        assertEquals(Map.of("host", "127.0.0.1"), Map.of("host", page.getHost()));
    }
}
