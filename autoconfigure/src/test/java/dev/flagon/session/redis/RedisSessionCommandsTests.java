package dev.flagon.session.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.flagon.session.redis.SessionClient.Response;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Counts the Redis commands that requests cost, with {@code INFO commandstats}, on every
 * Redis a subclass starts the application with, {@link RedisSessionTestApplication} with
 * {@code flagon.session.store=redis}. Redis counts the commands a script runs as well as
 * the script's {@code EVALSHA}: here {@code HSET}, {@code HDEL} and {@code PEXPIRE} always
 * run inside the one {@code EVALSHA}, and are never sent by the application.
 *
 * @author Flagon team
 */
abstract class RedisSessionCommandsTests {

	protected static final String KEY_PREFIX = "flagon:session:sessions:";

	@LocalServerPort
	private int port;

	private SessionClient client;

	/**
	 * Return commands on the Redis that holds the given key.
	 * @param key the key
	 * @return the commands
	 */
	protected abstract RedisCommands<String, String> redis(String key);

	/**
	 * Forget what the servers counted.
	 */
	protected abstract void resetStatistics();

	/**
	 * Return the calls by command that the servers counted, without the test's own.
	 * @return the calls
	 */
	protected abstract Map<String, Long> commandCalls();

	@BeforeEach
	void setUp() {
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
		redis(KEY_PREFIX + this.client.cookie()).hset(KEY_PREFIX + this.client.cookie(), "lastAccessedTime", lastAccessed);
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

	@Test
	void requestThatNeverReadsTheSessionSendsNothing() {
		assertThat(commandsOf(() -> this.client.get("/hello"))).isEmpty();
	}

	@Test
	void requestThatNeverReadsTheSessionSendsNothingForAnUnknownId() {
		SessionClient stranger = new SessionClient(this.port);
		stranger.setCookie("123e4567-e89b-12d3-a456-426614174000");
		assertThat(commandsOf(() -> stranger.get("/hello"))).isEmpty();
		assertThat(commandsOf(() -> stranger.get("/session/user"))).containsExactly(Map.entry("hgetall", 1L));
	}

	private Map<String, Long> commandsOf(Supplier<Response> request) {
		resetStatistics();
		assertThat(request.get().status()).isEqualTo(200);
		return commandCalls();
	}

}
