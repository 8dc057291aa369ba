package dev.flagon.dispatch;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.flagon.dispatch.multiapp.MultiAppTestApplication;
import dev.flagon.internal.AppRouter;
import dev.flagon.session.redis.RedisSessionStore;
import dev.flagon.testsupport.HttpTestClient;
import dev.flagon.testsupport.RedisTestServer;
import dev.flagon.testsupport.WithRedisServer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sessions of different applications never collide with the Redis store: each app has a
 * store of its own, with its own cookie and its own key namespace.
 *
 * @author Flagon team
 */
@SpringBootTest(classes = MultiAppTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=multiapp", "flagon.session.store=redis" })
@WithRedisServer
class MountRedisSessionsIntegrationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private RedisTestServer redis;

	@Autowired
	private AppRouter router;

	private CookieManager cookies;

	private HttpClient browser;

	@BeforeEach
	void browser() {
		this.redis.commands().flushall();
		this.cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
		this.browser = HttpClient.newBuilder()
			.cookieHandler(this.cookies)
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
	}

	@Test
	void everyAppHasARedisStoreOfItsOwn() {
		assertThat(this.router.getRoot().getSessionStore()).isInstanceOf(RedisSessionStore.class);
		assertThat(this.router.getMounts()).allSatisfy((app) -> assertThat(app.getSessionStore())
			.isInstanceOf(RedisSessionStore.class)
			.isNotSameAs(this.router.getRoot().getSessionStore()));
	}

	@Test
	void sessionOfOneAppIsInvisibleToTheOthers() throws Exception {
		assertThat(send("POST", "/session?key=user&value=alice")).isEqualTo("ok");
		assertThat(send("GET", "/app02/session?key=user")).isEqualTo("null");
		assertThat(send("GET", "/app03/session?key=user")).isEqualTo("null");
		assertThat(send("POST", "/app03/session?key=user&value=bob")).isEqualTo("ok");
		assertThat(send("GET", "/app03/session?key=user")).isEqualTo("bob");
		assertThat(send("GET", "/session?key=user")).isEqualTo("alice");
	}

	@Test
	void eachAppKeepsItsSessionsUnderItsOwnNamespace() throws Exception {
		send("POST", "/session?key=user&value=alice");
		send("POST", "/app03/session?key=user&value=bob");
		List<String> keys = this.redis.commands().keys("flagon:session*");
		assertThat(keys).hasSize(2)
			.anySatisfy((key) -> assertThat(key).startsWith("flagon:session:sessions:"))
			.anySatisfy((key) -> assertThat(key).startsWith("flagon:session:app03:sessions:"));
	}

	@Test
	void rootSessionIdUnderAMountedAppsCookieNameGivesAFreshSession() throws Exception {
		send("POST", "/session?key=user&value=alice");
		String id = this.cookies.getCookieStore()
			.getCookies()
			.stream()
			.filter((cookie) -> cookie.getName().equals("session"))
			.findFirst()
			.orElseThrow()
			.getValue();
		HttpTestClient http = HttpTestClient.withoutCookies(this.port);
		assertThat(http.get("/app03/session?key=user", "Cookie", "session_app03=" + id).body()).isEqualTo("null");
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
