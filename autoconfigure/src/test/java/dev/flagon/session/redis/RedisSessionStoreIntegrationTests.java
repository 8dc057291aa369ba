package dev.flagon.session.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.flagon.session.redis.RedisSessionTestApplication.Gate;
import dev.flagon.session.redis.SessionClient.Response;
import dev.flagon.testsupport.RedisTestServer;
import dev.flagon.testsupport.WithRedisServer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.session.SessionRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Integration tests of {@link RedisSessionStore}: a real HTTP client against an application
 * on a random port, and a real Redis server.
 *
 * @author Flagon team
 */
@SpringBootTest(classes = RedisSessionTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "flagon.session.store=redis")
@WithRedisServer
class RedisSessionStoreIntegrationTests {

	private static final String KEY_PREFIX = "flagon:session:sessions:";

	@LocalServerPort
	private int port;

	@Autowired
	private RedisTestServer redisServer;

	@Autowired
	private RedisSessionStore store;

	@Autowired
	private Gate gate;

	@Autowired
	private ApplicationContext context;

	private RedisCommands<String, String> redis;

	private SessionClient client;

	@BeforeEach
	void setUp() {
		this.redis = this.redisServer.commands();
		this.client = new SessionClient(this.port);
		this.gate.reset();
	}

	@Test
	void sessionValuesSurviveAcrossRequests() {
		assertThat(this.client.post("/session/user?value=alice").status()).isEqualTo(200);
		assertThat(this.client.get("/session/user").body()).isEqualTo("alice");
	}

	@Test
	void cookieHoldsOnlyARandomIdOfAtLeast128Bits() {
		Response response = this.client.post("/session/user?value=alice");
		String id = this.client.cookie();
		assertThat(id).matches("[A-Za-z0-9_-]{43}");
		assertThat(Base64.getUrlDecoder().decode(id)).hasSize(32);
		assertThat(response.setCookieHeaders()).singleElement().asString().doesNotContain("alice");
		assertThat(this.redis.hget(KEY_PREFIX + id, "sessionAttr:user")).isEqualTo("\"alice\"");
		SessionClient other = new SessionClient(this.port);
		other.post("/session/user?value=bob");
		assertThat(other.cookie()).isNotEqualTo(id);
	}

	@Test
	void sessionKeyHoldsSpringSessionsLayout() {
		long before = System.currentTimeMillis();
		this.client.post("/session/user?value=alice");
		Map<String, String> hash = this.redis.hgetall(KEY_PREFIX + this.client.cookie());
		assertThat(hash).containsOnlyKeys("creationTime", "lastAccessedTime", "maxInactiveInterval",
				"sessionAttr:user");
		assertThat(Long.parseLong(hash.get("creationTime"))).isBetween(before, System.currentTimeMillis());
		assertThat(hash.get("maxInactiveInterval")).isEqualTo("1800");
	}

	@Test
	void storeHandsOutNoSpringSessionRepository() {
		// RedisSessionRepository changes ids with RENAME, which a cluster refuses across slots
		assertThat(RedisSessionStore.class.getMethods())
			.noneMatch((method) -> SessionRepository.class.isAssignableFrom(method.getReturnType()));
		assertThat(this.context.getBeanProvider(SessionRepository.class).stream()).isEmpty();
	}

	@Test
	void valuesKeepTheirTypes() {
		this.client.post("/typed");
		Map<String, String> types = Map.ofEntries(Map.entry("int", "Integer"), Map.entry("long", "Long"),
				Map.entry("double", "Double"), Map.entry("bool", "Boolean"), Map.entry("null", "null"),
				Map.entry("list", "ArrayList"), Map.entry("map", "LinkedHashMap"), Map.entry("instant", "Instant"),
				Map.entry("uuid", "UUID"), Map.entry("bytes", "byte[]"), Map.entry("text", "String"));
		types.forEach((key, type) -> assertThat(this.client.get("/session/" + key + "/type").body()).as(key)
			.isEqualTo(type));
		assertThat(this.client.get("/session/instant").body()).isEqualTo("2026-01-02T03:04:05.123456789Z");
		assertThat(this.client.get("/session/list").body()).isEqualTo("[a, 1]");
		assertThat(this.client.get("/session/text").body()).isEqualTo("ünïcödé ✓");
		assertThat(this.client.get("/session").body()).contains("\"null\":null");
	}

	@Test
	void requestsThatDoNotTouchTheSessionGetNoCookieAndNoVary() {
		Response response = this.client.get("/hello");
		assertThat(response.setCookieHeaders()).isEmpty();
		assertThat(response.header("Vary")).noneMatch((vary) -> vary.contains("Cookie"));
	}

	@Test
	void readingAnEmptySessionStoresNothing() {
		List<String> before = this.redis.keys(KEY_PREFIX + "*");
		Response response = this.client.get("/session/user");
		assertThat(response.body()).isEqualTo("null");
		assertThat(response.setCookieHeaders()).isEmpty();
		assertThat(this.redis.keys(KEY_PREFIX + "*")).hasSameElementsAs(before);
	}

	@Test
	void varyCookieIsSentWhenTheSessionIsReadOrWritten() {
		assertThat(this.client.post("/session/user?value=alice").header("Vary")).contains("Cookie");
		assertThat(this.client.get("/session/user").header("Vary")).contains("Cookie");
		assertThat(new SessionClient(this.port).get("/session/user").header("Vary")).contains("Cookie");
	}

	@Test
	void readOnlyRequestsSendNoCookie() {
		this.client.post("/session/user?value=alice");
		Response response = this.client.get("/session/user");
		assertThat(response.body()).isEqualTo("alice");
		assertThat(response.setCookieHeaders()).isEmpty();
	}

	@Test
	void garbageCookiesGiveAFreshSession() {
		List<String> cookies = List.of("", "garbage", "../../etc/passwd", "\"quoted\"", "a".repeat(21), "a".repeat(43),
				"a".repeat(4000), "A".repeat(43) + "*", "%00%ff", "flagon:session:sessions:x");
		for (String cookie : cookies) {
			this.client.setCookie(cookie);
			Response response = this.client.get("/session/user");
			assertThat(response.status()).as(cookie).isEqualTo(200);
			assertThat(response.body()).as(cookie).isEqualTo("null");
			this.client.setCookie(cookie);
			response = this.client.post("/session/user?value=alice");
			assertThat(response.status()).as(cookie).isEqualTo(200);
			assertThat(this.client.cookie()).as(cookie).isNotEqualTo(cookie).matches("[A-Za-z0-9_-]{43}");
		}
	}

	@Test
	void unreadableSessionDataGivesAFreshSession() {
		for (String field : List.of("sessionAttr:user", "creationTime", "lastAccessedTime", "maxInactiveInterval")) {
			SessionClient client = new SessionClient(this.port);
			client.post("/session/user?value=alice");
			String id = client.cookie();
			this.redis.hset(KEY_PREFIX + id, field, "{not json");
			Response response = client.get("/session/user");
			assertThat(response.status()).as(field).isEqualTo(200);
			assertThat(response.body()).as(field).isEqualTo("null");
			client.post("/session/user?value=bob");
			assertThat(client.cookie()).as(field).isNotEqualTo(id);
		}
		SessionClient client = new SessionClient(this.port);
		client.post("/session/user?value=alice");
		this.redis.hdel(KEY_PREFIX + client.cookie(), "creationTime");
		assertThat(client.get("/session/user").body()).isEqualTo("null");
	}

	@Test
	void removingAKeyDeletesItsField() {
		this.client.post("/session/user?value=alice");
		this.client.post("/session/cart?value=3");
		this.client.delete("/session/cart");
		assertThat(this.redis.hkeys(KEY_PREFIX + this.client.cookie())).contains("sessionAttr:user")
			.doesNotContain("sessionAttr:cart");
	}

	@Test
	void concurrentRequestsChangingDifferentKeysKeepBothChanges() throws Exception {
		this.client.post("/session/a?value=0");
		SessionClient slow = new SessionClient(this.port);
		slow.setCookie(this.client.cookie());
		CompletableFuture<Response> slowRequest = CompletableFuture
			.supplyAsync(() -> slow.post("/session/a/gated?value=1"));
		this.gate.awaitArrival();
		assertThat(this.client.post("/session/b?value=2").status()).isEqualTo(200);
		this.gate.open();
		assertThat(slowRequest.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
		assertThat(this.client.get("/session").body()).isEqualTo("{\"a\":\"1\",\"b\":\"2\"}");
	}

	@Test
	void logoutIsNotUndoneByASlowerRequestStillInFlight() throws Exception {
		this.client.post("/session/user?value=alice");
		String id = this.client.cookie();
		SessionClient slow = new SessionClient(this.port);
		slow.setCookie(id);
		CompletableFuture<Response> slowRequest = CompletableFuture
			.supplyAsync(() -> slow.post("/session/cart/gated?value=3"));
		this.gate.awaitArrival();
		Response logout = this.client.post("/logout");
		assertThat(logout.sessionCookie()).hasValueSatisfying((cookie) -> assertThat(cookie.getMaxAge()).isZero());
		this.gate.open();
		Response late = slowRequest.get(10, TimeUnit.SECONDS);
		assertThat(late.status()).isEqualTo(200);
		assertThat(this.redis.exists(KEY_PREFIX + id)).isZero();
		this.client.setCookie(id);
		assertThat(this.client.get("/session").body()).isEqualTo("{}");
	}

	@Test
	void regenerateGivesANewIdAndTheOldOneNoLongerResolves() {
		this.client.post("/session/cart?value=3");
		String oldId = this.client.cookie();
		Response login = this.client.post("/login?user=alice");
		String newId = this.client.cookie();
		assertThat(login.sessionCookie()).isPresent();
		assertThat(newId).isNotEqualTo(oldId).matches("[A-Za-z0-9_-]{43}");
		assertThat(this.client.get("/session").body()).isEqualTo("{\"cart\":\"3\",\"user\":\"alice\"}");
		assertThat(this.redis.exists(KEY_PREFIX + oldId)).isZero();
		SessionClient attacker = new SessionClient(this.port);
		attacker.setCookie(oldId);
		assertThat(attacker.get("/session").body()).isEqualTo("{}");
	}

	@Test
	void regeneratingANewSessionStoresItOnce() {
		this.client.post("/login?user=alice");
		assertThat(this.client.get("/session/user").body()).isEqualTo("alice");
	}

	@Test
	void invalidateDeletesTheSessionAndItsCookie() {
		this.client.post("/session/user?value=alice");
		String id = this.client.cookie();
		Response logout = this.client.post("/logout");
		assertThat(logout.setCookieHeaders()).singleElement()
			.asString()
			.startsWith("session=;")
			.contains("Max-Age=0")
			.contains("Path=/");
		assertThat(this.redis.exists(KEY_PREFIX + id)).isZero();
	}

	@Test
	void clearingASessionDeletesIt() {
		this.client.post("/session/user?value=alice");
		String id = this.client.cookie();
		this.client.post("/clear");
		assertThat(this.client.cookie()).isNull();
		assertThat(this.redis.exists(KEY_PREFIX + id)).isZero();
	}

	@Test
	void clearingAndRefillingASessionDropsTheOldValues() {
		this.client.post("/session/user?value=alice");
		this.client.post("/session/cart?value=3");
		// A value that another request added, unseen by the clearing one
		this.redis.hset(KEY_PREFIX + this.client.cookie(), "sessionAttr:other", "1");
		this.client.post("/clear?keep=flash");
		assertThat(this.client.get("/session").body()).isEqualTo("{\"flash\":\"kept\"}");
	}

	@Test
	void sessionsExpireInRedisAfterTheIdleTimeout() {
		this.client.post("/session/user?value=alice");
		long ttl = this.redis.pttl(KEY_PREFIX + this.client.cookie());
		assertThat(ttl).isBetween(Duration.ofMinutes(29).toMillis(), Duration.ofMinutes(30).toMillis());
	}

	@Test
	void permanentSessionsLiveThePermanentLifetimeAndTheirCookieToo() {
		this.client.post("/session/user?value=alice");
		Response response = this.client.post("/permanent?value=true");
		long permanentLifetime = Duration.ofDays(31).toSeconds();
		assertThat(response.sessionCookie()).hasValueSatisfying(
				(cookie) -> assertThat(cookie.getMaxAge()).isBetween(permanentLifetime - 5, permanentLifetime));
		String key = KEY_PREFIX + this.client.cookie();
		assertThat(this.redis.pttl(key)).isGreaterThan(Duration.ofDays(30).toMillis());
		assertThat(this.redis.hget(key, "maxInactiveInterval")).isEqualTo(Long.toString(permanentLifetime));
		response = this.client.post("/permanent?value=false");
		assertThat(response.sessionCookie())
			.hasValueSatisfying((cookie) -> assertThat(cookie.getMaxAge()).isEqualTo(-1));
		assertThat(this.redis.pttl(key)).isLessThanOrEqualTo(Duration.ofMinutes(30).toMillis());
	}

	@Test
	void readOnlyRequestsRenewTheExpiryOnlyOnceATenthOfTheIdleTimeoutHasPassed() {
		this.client.post("/session/user?value=alice");
		String key = KEY_PREFIX + this.client.cookie();
		this.redis.pexpire(key, Duration.ofMinutes(20).toMillis());
		this.client.get("/session/user");
		assertThat(this.redis.pttl(key)).isLessThanOrEqualTo(Duration.ofMinutes(20).toMillis());
		long lastAccessed = Instant.now().minus(Duration.ofMinutes(4)).toEpochMilli();
		this.redis.hset(key, "lastAccessedTime", Long.toString(lastAccessed));
		Response response = this.client.get("/session/user");
		assertThat(response.setCookieHeaders()).isEmpty();
		assertThat(this.redis.pttl(key)).isGreaterThan(Duration.ofMinutes(29).toMillis());
		assertThat(Long.parseLong(this.redis.hget(key, "lastAccessedTime"))).isGreaterThan(lastAccessed);
	}

	@Test
	void sessionsPastTheirIdleTimeoutAreNotLoaded() {
		this.client.post("/session/user?value=alice");
		String key = KEY_PREFIX + this.client.cookie();
		long lastAccessed = Instant.now().minus(Duration.ofMinutes(31)).toEpochMilli();
		this.redis.hset(key, "lastAccessedTime", Long.toString(lastAccessed));
		assertThat(this.client.get("/session/user").body()).isEqualTo("null");
	}

	@Test
	void sessionsPastTheirAbsoluteLifetimeAreNotLoaded() {
		this.client.post("/session/user?value=alice");
		String key = KEY_PREFIX + this.client.cookie();
		this.redis.hset(key, "creationTime", Long.toString(Instant.now().minus(Duration.ofDays(32)).toEpochMilli()));
		assertThat(this.client.get("/session/user").body()).isEqualTo("null");
	}

}
