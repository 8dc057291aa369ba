package dev.flagon.session.redis;

import java.time.Duration;

import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.flagon.session.redis.SessionClient.Response;
import dev.flagon.testsupport.RedisTestServer;
import dev.flagon.testsupport.WithRedisServer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Redis store under {@code flagon.session.*} properties other than the defaults: cookie
 * attributes, namespace, and timeouts short enough to watch sessions expire.
 *
 * @author Flagon team
 */
@SpringBootTest(classes = RedisSessionTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "flagon.session.store=redis", "flagon.session.cookie.name=sid",
				"flagon.session.cookie.domain=example.test", "flagon.session.cookie.path=/",
				"flagon.session.cookie.http-only=false", "flagon.session.cookie.secure=true",
				"flagon.session.cookie.same-site=strict", "flagon.session.cookie.partitioned=true",
				"flagon.session.redis.namespace=shop:sessions", "flagon.session.redis.idle-timeout=1500ms",
				"flagon.session.redis.absolute-lifetime=3s", "flagon.session.permanent-lifetime=2s" })
@WithRedisServer
class RedisSessionPropertiesIntegrationTests {

	private static final String KEY_PREFIX = "shop:sessions:sessions:";

	@LocalServerPort
	private int port;

	@Autowired
	private RedisTestServer redisServer;

	private RedisCommands<String, String> redis;

	private SessionClient client;

	@BeforeEach
	void setUp() {
		this.redis = this.redisServer.commands();
		this.client = new SessionClient(this.port, "sid");
	}

	@Test
	void sessionCookieHasTheConfiguredAttributes() {
		Response response = this.client.post("/session/user?value=alice");
		assertThat(response.setCookieHeaders()).singleElement()
			.asString()
			.startsWith("sid=" + this.client.cookie() + ";")
			.contains("; Path=/", "; Domain=example.test", "; Secure", "; SameSite=Strict", "; Partitioned")
			.doesNotContain("HttpOnly", "Max-Age", "Expires");
	}

	@Test
	void expiredCookieHasTheConfiguredAttributes() {
		this.client.post("/session/user?value=alice");
		Response response = this.client.post("/logout");
		assertThat(response.setCookieHeaders()).singleElement()
			.asString()
			.startsWith("sid=;")
			.contains("; Path=/", "; Domain=example.test", "; Max-Age=0", "; Secure", "; SameSite=Strict",
					"; Partitioned");
	}

	@Test
	void sessionsAreKeptUnderTheConfiguredNamespace() {
		this.client.post("/session/user?value=alice");
		assertThat(this.redis.exists(KEY_PREFIX + this.client.cookie())).isOne();
		assertThat(this.redis.exists("flagon:session:sessions:" + this.client.cookie())).isZero();
	}

	@Test
	void sessionsExpireAfterTheIdleTimeout() throws Exception {
		this.client.post("/session/user?value=alice");
		String key = KEY_PREFIX + this.client.cookie();
		assertThat(this.redis.pttl(key)).isBetween(500L, 1500L);
		Thread.sleep(1700);
		assertThat(this.redis.exists(key)).isZero();
		assertThat(this.client.get("/session/user").body()).isEqualTo("null");
	}

	@Test
	void readOnlyRequestsKeepASessionAlive() throws Exception {
		this.client.post("/session/user?value=alice");
		for (int i = 0; i < 5; i++) {
			Thread.sleep(400);
			assertThat(this.client.get("/session/user").body()).isEqualTo("alice");
		}
	}

	@Test
	void sessionsEndAtTheirAbsoluteLifetimeHoweverActive() throws Exception {
		long created = System.nanoTime();
		this.client.post("/session/user?value=alice");
		String key = KEY_PREFIX + this.client.cookie();
		while (System.nanoTime() - created < Duration.ofMillis(2500).toNanos()) {
			assertThat(this.client.post("/session/count?value=" + System.nanoTime()).status()).isEqualTo(200);
			assertThat(this.redis.pttl(key)).isLessThanOrEqualTo(1500L);
			Thread.sleep(200);
		}
		// The key's expiry stops at the absolute lifetime, however recent the last write. The
		// expiry is relative to when Redis ran the write: allow for a loaded machine's delay
		long end = Long.parseLong(this.redis.hget(key, "creationTime")) + 3000;
		assertThat(this.redis.pttl(key)).isLessThanOrEqualTo(end - System.currentTimeMillis() + 250);
		Thread.sleep(800);
		assertThat(this.redis.exists(key)).isZero();
		assertThat(this.client.get("/session/user").body()).isEqualTo("null");
	}

	@Test
	void permanentSessionCookieLivesNoLongerThanTheSession() {
		this.client.post("/session/user?value=alice");
		Response response = this.client.post("/permanent?value=true");
		assertThat(response.sessionCookie()).hasValueSatisfying(
				(cookie) -> assertThat(cookie.getMaxAge()).isBetween(1L, 2L));
		assertThat(this.redis.pttl(KEY_PREFIX + this.client.cookie())).isBetween(1000L, 2000L);
	}

}
