package dev.flagon.dispatch;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.flagon.dispatch.multiapp.MultiAppTestApplication;
import dev.flagon.testsupport.HttpTestClient;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sessions of different applications never collide: each app has its own cookie, scoped
 * to its prefix, and never reads another's, with the cookie store.
 *
 * @author Flagon team
 */
@SpringBootTest(classes = MultiAppTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.config.name=multiapp")
@ActiveProfiles("sessions")
class MountSessionsIntegrationTests {

	@LocalServerPort
	private int port;

	private CookieManager cookies;

	private HttpClient browser;

	@BeforeEach
	void browser() {
		this.cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
		this.browser = HttpClient.newBuilder()
			.cookieHandler(this.cookies)
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
	}

	@Test
	void sessionOfOneAppIsInvisibleToTheOthers() throws Exception {
		assertThat(send("POST", "/session?key=user&value=alice")).isEqualTo("ok");
		assertThat(send("GET", "/session?key=user")).isEqualTo("alice");
		assertThat(send("GET", "/app02/session?key=user")).isEqualTo("null");
		assertThat(send("GET", "/app02/admin/session?key=user")).isEqualTo("null");
		assertThat(send("GET", "/app03/session?key=user")).isEqualTo("null");
		assertThat(send("POST", "/app03/session?key=user&value=bob")).isEqualTo("ok");
		assertThat(send("GET", "/app03/session?key=user")).isEqualTo("bob");
		assertThat(send("GET", "/session?key=user")).isEqualTo("alice");
	}

	@Test
	void eachAppWritesACookieOfItsOwnScopedToItsPrefix() throws Exception {
		for (String prefix : new String[] { "", "/app02", "/app02/admin", "/app03" }) {
			send("POST", prefix + "/session?key=visited&value=yes");
		}
		Map<String, String> paths = this.cookies.getCookieStore()
			.getCookies()
			.stream()
			.collect(Collectors.toMap(HttpCookie::getName, HttpCookie::getPath));
		assertThat(paths).containsOnly(Map.entry("session", "/"), Map.entry("app02cookie", "/app02"),
				Map.entry("session_admin", "/app02/admin"), Map.entry("session_app03", "/app03"));
	}

	@Test
	void rootCookieUnderTheNameOfAnAppWithItsOwnKeyGivesAFreshSession() throws Exception {
		String root = rootSessionOfAlice();
		HttpTestClient http = HttpTestClient.withoutCookies(this.port);
		assertThat(http.get("/app02/session?key=user", "Cookie", "app02cookie=" + root).body()).isEqualTo("null");
	}

	@Test
	void rootCookieUnderTheNameOfAnAppSharingTheRootsKeyIsAccepted() throws Exception {
		// Documented: apps that share a secret key accept each other's cookies if a client
		// copies them under another name; give such apps keys of their own
		String root = rootSessionOfAlice();
		HttpTestClient http = HttpTestClient.withoutCookies(this.port);
		assertThat(http.get("/app03/session?key=user", "Cookie", "session_app03=" + root).body()).isEqualTo("alice");
	}

	@Test
	void flagonEndpointShowsEachAppsCookieAndNoSecret() throws Exception {
		String apps = send("GET", "/actuator/flagon");
		assertThat(apps).contains("\"name\":\"session_app03\",\"path\":\"/app03\"")
			.contains("\"name\":\"app02cookie\",\"path\":\"/app02\"")
			.contains("\"store\":\"cookie\"")
			.contains("\"format\":\"encrypted\"")
			.doesNotContain("secret-key", "0123456789");
	}

	private String rootSessionOfAlice() throws Exception {
		send("POST", "/session?key=user&value=alice");
		return this.cookies.getCookieStore()
			.getCookies()
			.stream()
			.filter((cookie) -> cookie.getName().equals("session"))
			.findFirst()
			.orElseThrow()
			.getValue();
	}

	@Test
	void flashAttributesReachTheNextRequestOfTheirOwnApplication() throws Exception {
		HttpRequest flash = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/app02/flash?message=hi"))
			.build();
		HttpResponse<String> redirect = this.browser.send(flash, HttpResponse.BodyHandlers.ofString());
		assertThat(redirect.statusCode()).isEqualTo(302);
		assertThat(redirect.headers().firstValue("Location")).hasValueSatisfying((location) -> assertThat(location).endsWith("/app02/flashed"));
		assertThat(this.cookies.getCookieStore().getCookies()).filteredOn((cookie) -> cookie.getName().endsWith("_flash"))
			.singleElement()
			.satisfies((cookie) -> {
				assertThat(cookie.getName()).isEqualTo("app02cookie_flash");
				assertThat(cookie.getPath()).isEqualTo("/app02");
			});
		assertThat(send("GET", "/flashed")).isEqualTo("none");
		assertThat(send("GET", "/app02/flashed")).isEqualTo("hi");
		assertThat(send("GET", "/app02/flashed")).isEqualTo("none");
		assertThat(this.cookies.getCookieStore().getCookies()).noneMatch((cookie) -> cookie.getName().endsWith("_flash"));
	}

	private String send(String method, String path) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.method(method, HttpRequest.BodyPublishers.noBody())
			.build();
		HttpResponse<String> response = this.browser.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("status of %s %s", method, path).isEqualTo(200);
		return response.body();
	}

}
