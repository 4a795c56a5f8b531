package io.trainyard.engine.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.trainyard.engine.testing.Cli;
import io.trainyard.engine.testing.Experiments;
import io.trainyard.engine.testing.TrainingProcess;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * {@code trainyard ui}, a real process, driven with Debian's Chromium through its chromedriver: the runs page
 * follows a typed filter, selected runs are compared, a running run's curves grow, edits work from the page alone,
 * recorded text stays text; and over plain HTTP, the rules on hosts and tokens.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String HOSTILE = "<img src=x onerror=alert(1)>'\"&</script>";
    private static final Pattern ADDRESS = Pattern.compile("Trainyard dashboard on http://127\\.0\\.0\\.1:(\\d+)/");

    private Path directory;
    private Cli cli;
    private Path store;
    private final List<Process> servers = new ArrayList<>();
    private String base;
    private WebDriver browser;
    private String hostileRun;

    @BeforeAll
    void recordRunsAndStartTheDashboard(@TempDir Path directory) throws Exception {
        this.directory = directory;
        store = directory.resolve("store");
        cli = new Cli(store, directory.resolve("cache"));
        for (String lr : List.of("0.05", "0.01")) {
            for (String seed : List.of("1", "2")) {
                runId(cli.run("run", Experiments.blobsFile().toString(), "--set", "epochs=2", "--set", "seed=" + seed,
                        "--set", "optimizer.lr=" + lr));
            }
        }
        Path hostile = Files.writeString(directory.resolve("hostile.yaml"), Files.readString(Experiments.blobsFile())
                .replaceFirst("(?m)^name: .*$", "name: '" + HOSTILE.replace("'", "''") + "'"));
        hostileRun = runId(cli.run("run", hostile.toString(), "--set", "epochs=1"));
        assertEquals(0, cli.run("note", hostileRun, HOSTILE).exitCode());
        base = "http://127.0.0.1:" + startDashboard(Map.of(), "--allow-edits") + "/";
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        servers.forEach(Process::destroy);
    }

    @Test
    void theRunsPageFollowsATypedFilterAndComparesTheSelectedRuns() {
        WebDriver browser = browser();
        browser.get(base);
        awaitRows();
        WebElement filter = browser.findElement(By.id("runs-filter"));
        filter.sendKeys("params.seed = 1 and params.epochs = 2 and experiment = 'blobs-mlp'", Keys.ENTER);
        awaitAttribute("data-rows", "2");
        List<WebElement> boxes = browser.findElements(By.cssSelector("#runs-table tbody input[type=checkbox]"));
        boxes.forEach(WebElement::click);
        browser.findElement(By.id("compare-button")).click();
        String headline = new WebDriverWait(browser, Duration.ofSeconds(30)).until(page -> page.findElement(
                By.cssSelector("#verdict .headline"))).getText();
        assertTrue(headline.startsWith("Best: lr=0."), headline);
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(page -> page.findElement(By.tagName("body"))
                .getAttribute("data-charts") != null);
        assertTrue(Integer.parseInt(browser.findElement(By.tagName("body")).getAttribute("data-charts")) >= 4);
        // Hovering a chart names the values under the cursor, configuration by configuration.
        WebElement chart = browser.findElement(By.cssSelector("#curves figure.chart"));
        new org.openqa.selenium.interactions.Actions(browser).moveToElement(chart.findElement(By.cssSelector(
                ".u-over"))).perform();
        String readout = new WebDriverWait(browser, Duration.ofSeconds(10)).until(page -> {
            String text = chart.findElement(By.className("readout")).getText();
            return text.startsWith("epoch ") ? text : null;
        });
        assertTrue(readout.matches("epoch \\d: lr=0\\.0\\d \\S+ +lr=0\\.0\\d \\S+"), readout);
        // A wide runs table scrolls in its own box; the page itself is never wider than the window.
        assertEquals(Boolean.TRUE, ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth <= window.innerWidth;"));
    }

    @Test
    void aMistakeInTheFilterIsOneLineOnThePage() {
        WebDriver browser = browser();
        browser.get(base);
        awaitRows();
        browser.findElement(By.id("runs-filter")).sendKeys("metrics.test_accuracy >=", Keys.ENTER);
        WebElement message = browser.findElement(By.id("runs-message"));
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(page -> "error".equals(message.getAttribute("class")));
        assertTrue(message.getText().startsWith("filter: expected a value"), message.getText());
    }

    @Test
    void aRunningRunsCurvesGrowOnItsPage() throws Exception {
        TrainingProcess training = TrainingProcess.start(directory.resolve("slow.txt"), Map.of("TRAINYARD_CACHE",
                directory.resolve("cache").toString()), "run", Experiments.blobsFile().toString(), "--set", "epochs=5",
                "--set", "callbacks=[{name: slow-down, millis: 300}]", "--store", store.toString());
        String id = awaitRunning();
        WebDriver browser = browser();
        browser.get(base + "runs/" + id);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(90));
        wait.until(page -> epochsDrawn(page) >= 1);
        int first = epochsDrawn(browser);
        assertTrue(first < 5, "the page opened while the run trained: " + first + " epochs drawn");
        // The page is not reloaded: its script asks for what is new and redraws.
        wait.until(page -> epochsDrawn(page) == 5 && page.findElement(By.id("status")).getText().equals("FINISHED"));
        assertTrue(Integer.parseInt(browser.findElement(By.tagName("body")).getAttribute("data-steps")) > 0);
        assertEquals(0, training.process().waitFor());
    }

    @Test
    void recordedTextIsShownAsTextAndNeverRuns() {
        WebDriver browser = browser();
        browser.get(base);
        awaitRows();
        WebElement row = browser.findElement(By.cssSelector("#runs-table tr[data-run='" + hostileRun + "']"));
        assertEquals(HOSTILE, row.findElements(By.tagName("td")).get(2).getText());
        browser.get(base + "runs/" + hostileRun);
        assertEquals(HOSTILE, browser.findElement(By.id("note")).getText());
        assertTrue(browser.findElement(By.cssSelector("p.meta")).getText().startsWith(HOSTILE));
        assertTrue(browser.findElements(By.cssSelector("img[src=x]")).isEmpty(), "no element made of the text");
        assertEquals("Run " + hostileRun + " · Trainyard", browser.getTitle());
    }

    @Test
    void tagsAreEditedFromTheRunPageAloneAndOnlyWhenAllowed() throws Exception {
        WebDriver browser = browser();
        browser.get(base + "runs/" + hostileRun);
        WebElement form = browser.findElement(By.id("tag-form"));
        form.findElement(By.name("key")).sendKeys("reviewed");
        form.findElement(By.name("value")).sendKeys("yes");
        form.findElement(By.tagName("button")).click();
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(page -> page.getPageSource().contains(
                "<th>reviewed</th><td>yes</td>"));
        assertTrue(cli.run("show", hostileRun).out().contains("reviewed=yes"));
        // Another site's page cannot send the dashboard's header: a plain form post is refused.
        String refused = request(port(base), "POST", "/api/runs/" + hostileRun + "/edit", "127.0.0.1:" + port(base),
                Map.of("Content-Type", "application/x-www-form-urlencoded"), "key=owned&value=1");
        assertTrue(refused.startsWith("HTTP/1.1 403"), refused);
        assertFalse(cli.run("show", hostileRun).out().contains("owned"));
    }

    @Test
    void aPageThatNamesAnotherHostIsRefused() throws Exception {
        assertTrue(request(port(base), "GET", "/api/runs", "127.0.0.1:" + port(base), Map.of(), null)
                .startsWith("HTTP/1.1 200"));
        // DNS rebinding: a site's own name pointed at 127.0.0.1.
        assertTrue(request(port(base), "GET", "/api/runs", "attacker.example:" + port(base), Map.of(), null)
                .startsWith("HTTP/1.1 403"));
    }

    @Test
    void anAddressBeyondLoopbackNeedsAToken() {
        Cli.Result refused = cli.run("ui", "--bind", "0.0.0.0", "--port", "0");
        assertEquals(2, refused.exitCode());
        assertEquals("error: --bind 0.0.0.0 serves the store beyond this machine; set TRAINYARD_UI_TOKEN to a secret"
                + " of 16 characters or more to require it, or leave --bind out to serve on 127.0.0.1 alone\n",
                refused.err());
    }

    @Test
    void withATokenEveryRequestCarriesItAndEditsStayOff() throws Exception {
        String token = "a-token-of-some-length-123";
        int port = startDashboard(Map.of(Access.TOKEN_VARIABLE, token));
        String host = "127.0.0.1:" + port;
        assertTrue(request(port, "GET", "/", host, Map.of(), null).startsWith("HTTP/1.1 401"));
        assertTrue(request(port, "GET", "/api/runs", host, Map.of("Authorization", "Bearer wrong-token-of-length"),
                null).startsWith("HTTP/1.1 401"));
        assertTrue(request(port, "GET", "/api/runs", host, Map.of("Authorization", "Bearer " + token), null)
                .startsWith("HTTP/1.1 200"));
        String login = request(port, "POST", "/login", host, Map.of("Content-Type",
                "application/x-www-form-urlencoded"), "token=" + token);
        assertTrue(login.startsWith("HTTP/1.1 303"), login);
        assertTrue(login.contains("Set-cookie: trainyard_ui=" + token + "; Path=/; HttpOnly; SameSite=Strict"), login);
        String edit = request(port, "POST", "/api/runs/" + hostileRun + "/edit", host, Map.of("Authorization",
                "Bearer " + token, Access.EDIT_HEADER, "1"), "key=a&value=b");
        assertTrue(edit.startsWith("HTTP/1.1 403") && edit.contains("read-only"), edit);
        String console = Files.readString(directory.resolve("dashboard-" + port + ".txt"));
        assertFalse(console.contains(token), "the token is never printed: " + console);
    }

    private static int epochsDrawn(WebDriver page) {
        String epochs = page.findElement(By.tagName("body")).getAttribute("data-epochs");
        return epochs == null ? -1 : Integer.parseInt(epochs);
    }

    private String awaitRunning() throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            Matcher running = Pattern.compile("\"run_id\": \"([^\"]+)\", \"experiment\": \"blobs-mlp\", \"status\":"
                    + " \"RUNNING\"").matcher(cli.run("runs", "--format", "json").out());
            if (running.find()) {
                return running.group(1);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the slow run did not start");
    }

    /** Waits until the runs table has been filled once (other tests may have added runs). */
    private void awaitRows() {
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(page -> page.findElement(By.tagName("body"))
                .getAttribute("data-rows") != null);
    }

    private void awaitAttribute(String attribute, String value) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(page -> value.equals(page.findElement(
                By.tagName("body")).getAttribute(attribute)));
    }

    /** Starts {@code trainyard ui --port 0} in a process of its own and returns the port it took. */
    private int startDashboard(Map<String, String> environment, String... options) throws Exception {
        List<String> arguments = new ArrayList<>(List.of("ui", "--port", "0", "--store", store.toString()));
        arguments.addAll(List.of(options));
        Path output = directory.resolve("dashboard-starting.txt");
        TrainingProcess server = TrainingProcess.start(output, environment, arguments.toArray(new String[0]));
        servers.add(server.process());
        for (int i = 0; i < 600; i++) {
            Matcher address = ADDRESS.matcher(server.output());
            if (address.find()) {
                int port = Integer.parseInt(address.group(1));
                Files.move(output, directory.resolve("dashboard-" + port + ".txt"));
                return port;
            }
            assertTrue(server.process().isAlive(), server.output());
            Thread.sleep(100);
        }
        throw new AssertionError("the dashboard did not start: " + server.output());
    }

    private WebDriver browser() {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Chromium and its driver are not installed (.ci/run installs Debian's chromium and chromium-driver)");
        if (browser == null) {
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,900",
                    "--user-data-dir=" + directory.resolve("profile"));
            browser = new ChromeDriver(new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build(), options);
        }
        return browser;
    }

    private static int port(String base) {
        return Integer.parseInt(base.replaceAll(".*:(\\d+)/$", "$1"));
    }

    /** One HTTP/1.1 request on a socket of its own, any Host header included, and the answer's head and body. */
    private static String request(int port, String method, String path, String host, Map<String, String> headers,
            String body) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + host
                    + "\r\nConnection: close\r\n");
            headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
            byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            if (body != null) {
                request.append("Content-Length: ").append(content.length).append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(request.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
            out.write(content);
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String runId(Cli.Result result) {
        assertEquals(0, result.exitCode(), result.err());
        return result.out().lines().filter(line -> line.startsWith("Run ")).findFirst().orElseThrow().split(" ")[1];
    }
}
