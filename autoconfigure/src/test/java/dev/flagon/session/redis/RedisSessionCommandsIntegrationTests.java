package dev.flagon.session.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

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
 * Counts the Redis commands that requests cost, with {@code INFO commandstats}. Redis counts
 * the commands a script runs as well as the script's {@code EVALSHA}: here {@code HSET},
 * {@code HDEL} and {@code PEXPIRE} always run inside the one {@code EVALSHA}, and are never
 * sent by the application.
 *
 * @author Flagon team
 */
@SpringBootTest(classes = RedisSessionTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "flagon.session.store=redis")
@WithRedisServer
class RedisSessionCommandsIntegrationTests {

	private static final String KEY_PREFIX = "flagon:session:sessions:";

	@LocalServerPort
	private int port;

	@Autowired
	private RedisTestServer redisServer;

	private RedisCommands<String, String> redis;

	private SessionClient client;

	@BeforeEach
	void setUp() {
		this.redis = this.redisServer.commands();
		this.client = new SessionClient(this.port);
		// Load both scripts, so that EVALSHA finds them
		this.client.post("/session/user?value=alice");
		this.client.post("/session/cart?value=1");
	}

	@Test
	void readOnlyRequestSendsOneHgetall() {
		assertThat(commandsOf(() -> this.client.get("/session/user"))).containsExactly(Map.entry("hgetall", 1L));
	}

	@Test
	void readOnlyRequestWhoseExpiryIsDueSendsHgetallAndOneScript() {
		String lastAccessed = Long.toString(Instant.now().minus(Duration.ofMinutes(4)).toEpochMilli());
		this.redis.hset(KEY_PREFIX + this.client.cookie(), "lastAccessedTime", lastAccessed);
		assertThat(commandsOf(() -> this.client.get("/session/user"))).containsExactly(Map.entry("evalsha", 1L),
				Map.entry("hgetall", 1L), Map.entry("hset", 1L), Map.entry("pexpire", 1L));
	}

	@Test
	void modifyingRequestSendsHgetallAndOneScript() {
		assertThat(commandsOf(() -> this.client.post("/session/cart?value=2"))).containsExactly(
				Map.entry("evalsha", 1L), Map.entry("hgetall", 1L), Map.entry("hset", 1L), Map.entry("pexpire", 1L));
	}

	@Test
	void removingAKeySendsHgetallAndOneScript() {
		assertThat(commandsOf(() -> this.client.delete("/session/cart"))).containsExactly(Map.entry("evalsha", 1L),
				Map.entry("hdel", 1L), Map.entry("hgetall", 1L), Map.entry("hset", 1L), Map.entry("pexpire", 1L));
	}

	@Test
	void newSessionSendsOneScript() {
		SessionClient newcomer = new SessionClient(this.port);
		assertThat(commandsOf(() -> newcomer.post("/session/user?value=bob"))).containsExactly(
				Map.entry("evalsha", 1L), Map.entry("hset", 1L), Map.entry("pexpire", 1L));
	}

	@Test
	void logoutSendsHgetallAndDel() {
		assertThat(commandsOf(() -> this.client.post("/logout"))).containsExactly(Map.entry("del", 1L),
				Map.entry("hgetall", 1L));
	}

	@Test
	void loginSendsHgetallDelAndOneScript() {
		assertThat(commandsOf(() -> this.client.post("/login?user=alice"))).containsExactly(Map.entry("del", 1L),
				Map.entry("evalsha", 1L), Map.entry("hgetall", 1L), Map.entry("hset", 1L), Map.entry("pexpire", 1L));
	}

	@Test
	void requestWithoutSessionCookieSendsNothing() {
		SessionClient newcomer = new SessionClient(this.port);
		assertThat(commandsOf(() -> newcomer.get("/session/user"))).isEmpty();
	}

	@Test
	void requestWithAGarbageCookieSendsNothing() {
		SessionClient forger = new SessionClient(this.port);
		forger.setCookie("not-an-id");
		assertThat(commandsOf(() -> forger.get("/session/user"))).isEmpty();
	}

	private Map<String, Long> commandsOf(Supplier<Response> request) {
		this.redis.configResetstat();
		assertThat(request.get().status()).isEqualTo(200);
		Map<String, Long> calls = new TreeMap<>();
		for (String line : this.redis.info("commandstats").split("\r?\n")) {
			if (line.startsWith("cmdstat_")) {
				String name = line.substring("cmdstat_".length(), line.indexOf(':'));
				String count = line.substring(line.indexOf("calls=") + 6, line.indexOf(',', line.indexOf("calls=")));
				if (!name.equals("config|resetstat")) {
					calls.put(name, Long.parseLong(count));
				}
			}
		}
		return calls;
	}

}
