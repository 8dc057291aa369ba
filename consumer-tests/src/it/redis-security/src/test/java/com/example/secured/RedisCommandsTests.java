package com.example.secured;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a logged-in user's requests cost Redis, counted with Redis' {@code MONITOR}: a
 * {@code permitAll} page that never uses the session nothing, though Spring Security's
 * filters (security context, CSRF token, request cache) all run for it, and a
 * {@code @BeforeRequest} hook is handed the session ({@link CurrencyHook}); a secured page one
 * command, to load the security context.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class RedisCommandsTests {

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.host", () -> RedisServer.HOST);
		registry.add("spring.data.redis.port", () -> RedisServer.get().port());
	}

	@LocalServerPort
	private int port;

	@Test
	void aPermitAllPageSendsNoCommandAndASecuredPageOne() throws IOException {
		Browser browser = new Browser(this.port);
		assertThat(browser.logIn("alice", "wonderland").statusCode()).isEqualTo(302);
		assertThat(browser.cookies()).containsKey("session");
		try (RedisMonitor monitor = new RedisMonitor(RedisServer.get().port())) {
			monitor.commandsSinceLastCall();
			HttpResponse<String> shop = browser.get("/shop");
			List<String> shopCommands = monitor.commandsSinceLastCall();
			HttpResponse<String> me = browser.get("/secured/me");
			List<String> meCommands = monitor.commandsSinceLastCall();
			System.out.println("[monitor] GET /shop (permitAll): " + shopCommands);
			System.out.println("[monitor] GET /secured/me (authenticated): " + meCommands);
			assertThat(shop.statusCode()).isEqualTo(200);
			assertThat(shop.body()).isEqualTo("welcome to the shop");
			assertThat(shop.headers().allValues("Set-Cookie")).isEmpty();
			assertThat(shopCommands).isEmpty();
			assertThat(me.body()).isEqualTo("hello alice");
			assertThat(meCommands).singleElement().satisfies((command) -> assertThat(command).startsWith("\"HGETALL\""));
			// The hook's session opens when the hook uses it
			assertThat(browser.get("/shop?currency=EUR").statusCode()).isEqualTo(200);
			List<String> pickCommands = monitor.commandsSinceLastCall();
			System.out.println("[monitor] GET /shop?currency=EUR (the hook writes): " + pickCommands);
			assertThat(pickCommands).anySatisfy((command) -> assertThat(command).startsWith("\"HGETALL\""))
				.anySatisfy((command) -> assertThat(command).contains("currency").contains("EUR"));
		}
	}

	@Test
	void aPermitAllPageStillSendsWhatProtectionNeeds() throws IOException {
		Browser browser = new Browser(this.port);
		browser.logIn("alice", "wonderland");
		try (RedisMonitor monitor = new RedisMonitor(RedisServer.get().port())) {
			monitor.commandsSinceLastCall();
			// A POST without the CSRF token to a permitAll path is refused after loading the token
			assertThat(browser.post("/cart", "item", "pear").statusCode()).isEqualTo(403);
			assertThat(monitor.commandsSinceLastCall()).anySatisfy((command) -> assertThat(command).startsWith("\"HGETALL\""));
		}
	}

}
