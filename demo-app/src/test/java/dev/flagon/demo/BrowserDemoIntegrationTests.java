package dev.flagon.demo;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The demo in a real headless Chromium: log in through the form, see the user and the
 * permissions, count visits by reloading, find app02 logged out, log out.
 * <p>
 * Needs Debian's {@code chromium} and {@code chromedriver} (or the paths in the system
 * properties {@code flagon.test.chromium} and {@code webdriver.chrome.driver}). Without them
 * the test is skipped, except where the environment variable {@code CI} is set: there it
 * fails. Selenium Manager never downloads anything: the driver is given explicitly.
 *
 * @author Flagon team
 */
@SpringBootTest(classes = DemoApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class BrowserDemoIntegrationTests {

	private static final String CHROMIUM = System.getProperty("flagon.test.chromium", "/usr/bin/chromium");

	private static final String CHROMEDRIVER = System.getProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");

	@TempDir
	static Path userDataDir;

	private static WebDriver browser;

	@LocalServerPort
	private int port;

	@BeforeAll
	static void startBrowser() {
		boolean installed = Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(CHROMEDRIVER));
		if (!installed) {
			String message = "Chromium (" + CHROMIUM + ") and chromedriver (" + CHROMEDRIVER + ") are needed: "
					+ "apt-get install chromium chromium-driver";
			if (System.getenv("CI") != null) {
				fail(message);
			}
			assumeTrue(false, message);
		}
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM);
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
				"--disable-component-update", "--disable-dev-shm-usage", "--user-data-dir=" + userDataDir);
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(new File(CHROMEDRIVER))
			.usingAnyFreePort()
			.build();
		browser = new ChromeDriver(service, options);
		browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
	}

	@AfterAll
	static void stopBrowser() {
		if (browser != null) {
			browser.quit();
		}
	}

	@Test
	void userLogsInCountsVisitsStaysLoggedOutOfApp02AndLogsOut() {
		open("/index");
		assertThat(browser.getCurrentUrl()).endsWith("/login");
		browser.findElement(By.id("user")).sendKeys("alice");
		browser.findElement(By.id("login")).click();
		awaitPath("/index");
		assertThat(browser.findElement(By.id("user")).getText()).isEqualTo("alice");
		List<String> permissions = browser.findElements(By.cssSelector("#permissions li"))
			.stream()
			.map(WebElement::getText)
			.toList();
		assertThat(permissions).containsExactly("add", "update");

		open("/counter");
		assertThat(body()).isEqualTo("1");
		browser.navigate().refresh();
		assertThat(body()).isEqualTo("2");
		browser.navigate().refresh();
		assertThat(body()).isEqualTo("3");

		open("/app02/whoami");
		assertThat(body()).isEqualTo("{\"app\":\"app02\",\"user\":null}");
		open("/whoami");
		assertThat(body()).isEqualTo("{\"app\":\"app01\",\"user\":\"alice\"}");

		open("/index");
		browser.findElement(By.id("logout")).click();
		awaitPath("/login");
		open("/index");
		assertThat(browser.getCurrentUrl()).endsWith("/login");
	}

	private void awaitPath(String path) {
		// A click submits the form; the browser follows the redirect after click() returns
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlMatches(".*" + path + "$"));
		assertThat(browser.getCurrentUrl()).endsWith(path);
	}

	private void open(String path) {
		browser.get("http://127.0.0.1:" + this.port + path);
	}

	private static String body() {
		return browser.findElement(By.tagName("body")).getText().strip();
	}

}
