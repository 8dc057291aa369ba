package dev.flagon.session.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.flagon.session.redis.SessionClient.Response;
import dev.flagon.testsupport.RedisProcess;
import dev.flagon.testsupport.RedisReplicationTestServer;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Acknowledged writes ({@code flagon.session.redis.replica-acknowledgement.enabled}) on a
 * real master and replica, failed over by hand at a chosen moment: the replica is cut off
 * (frozen with {@code SIGSTOP}, its link dropped), a request changes the session, the
 * master is killed ({@code kill -9}) and the replica promoted. Without the opt-in the
 * response confirmed a change that the new master does not have; with it the request
 * failed with 503, so no confirmed change is lost. With it, each request that changes the
 * session sends one {@code WAIT} more than without.
 *
 * @author Flagon team
 */
@ExtendWith(RedisProcess.AvailableCondition.class)
class RedisReplicaAcknowledgementIntegrationTests {

	private static final String KEY_PREFIX = "flagon:session:sessions:";

	// Long enough that a busy machine's replica answers in time
	private static final Duration WAIT_TIMEOUT = Duration.ofSeconds(1);

	private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(5);

	// What the replica and Redis's own clients send the master, not the application
	private static final Set<String> NOT_SENT_BY_THE_APPLICATION = Set.of("replconf", "psync", "info",
			"config|resetstat", "ping", "hello", "client|setinfo", "client|setname");

	@Test
	void withoutTheOptInAFailoverLosesAChangeTheResponseConfirmed() {
		try (RedisReplicationTestServer redis = RedisReplicationTestServer.start();
				ConfigurableApplicationContext application = application(redis)) {
			SessionClient client = new SessionClient(port(application));
			assertThat(client.post("/session/n?value=1").status()).isEqualTo(200);
			String key = KEY_PREFIX + client.cookie();
			redis.awaitReplicated();
			assertThat(replicated(redis, key)).isEqualTo("\"1\"");
			redis.partitionReplica();
			assertThat(client.post("/session/n?value=2").status()).as("the change is confirmed").isEqualTo(200);
			redis.master().kill();
			redis.promoteReplica();
			assertThat(replicated(redis, key)).as("what the new master holds").isEqualTo("\"1\"");
		}
	}

	@Test
	void withTheOptInEveryChangeWaitsForTheReplicaAndOneNoReplicaAcknowledgedFailsUnconfirmed() {
		try (RedisReplicationTestServer redis = RedisReplicationTestServer.start();
				ConfigurableApplicationContext application = application(redis, optIn())) {
			eachChangeCostsOneWaitMore(redis, port(application));
			SessionClient client = new SessionClient(port(application));
			assertThat(client.post("/session/n?value=1").status()).isEqualTo(200);
			String key = KEY_PREFIX + client.cookie();
			assertThat(replicated(redis, key)).as("on the replica when the response arrives").isEqualTo("\"1\"");
			redis.partitionReplica();
			Response refused = client.post("/session/n?value=2");
			assertThat(refused.status()).as("the change is refused").isEqualTo(503);
			assertThat(refused.elapsed()).isGreaterThanOrEqualTo(WAIT_TIMEOUT).isLessThan(COMMAND_TIMEOUT);
			redis.master().kill();
			redis.promoteReplica();
			assertThat(replicated(redis, key)).as("what the new master holds").isEqualTo("\"1\"");
		}
	}

	private static void eachChangeCostsOneWaitMore(RedisReplicationTestServer redis, int port) {
		SessionClient client = new SessionClient(port);
		// Connect, and load both scripts, so that EVALSHA finds them
		assertThat(client.post("/session/user?value=alice").status()).isEqualTo(200);
		assertThat(client.post("/session/cart?value=1").status()).isEqualTo(200);
		assertThat(sent(redis, () -> client.get("/session/user"))).as("reads")
			.containsExactly(Map.entry("hgetall", 1L));
		assertThat(sent(redis, () -> client.post("/session/cart?value=2"))).as("changes")
			.containsExactly(Map.entry("evalsha", 1L), Map.entry("hgetall", 1L), Map.entry("wait", 1L));
		assertThat(sent(redis, () -> client.post("/login?user=alice"))).as("regenerates the id")
			.containsExactly(Map.entry("del", 1L), Map.entry("evalsha", 1L), Map.entry("hgetall", 1L),
					Map.entry("wait", 1L));
		assertThat(sent(redis, () -> client.post("/logout"))).as("logs out")
			.containsExactly(Map.entry("del", 1L), Map.entry("hgetall", 1L), Map.entry("wait", 1L));
		SessionClient newcomer = new SessionClient(port);
		assertThat(sent(redis, () -> newcomer.post("/session/user?value=bob"))).as("creates a session")
			.containsExactly(Map.entry("evalsha", 1L), Map.entry("wait", 1L));
	}

	private static String[] optIn() {
		return new String[] { "flagon.session.redis.replica-acknowledgement.enabled=true",
				"flagon.session.redis.replica-acknowledgement.timeout=" + WAIT_TIMEOUT.toMillis() + "ms",
				"flagon.session.redis.timeout=" + COMMAND_TIMEOUT.toMillis() + "ms" };
	}

	private static ConfigurableApplicationContext application(RedisReplicationTestServer redis, String... more) {
		List<String> properties = new ArrayList<>(List.of("server.port=0", "flagon.session.store=redis",
				"spring.main.banner-mode=off", "spring.data.redis.host=127.0.0.1",
				"spring.data.redis.port=" + redis.master().port()));
		properties.addAll(List.of(more));
		return new SpringApplicationBuilder(RedisSessionTestApplication.class)
			.properties(properties.toArray(String[]::new))
			.run();
	}

	private static int port(ConfigurableApplicationContext application) {
		return Integer.parseInt(application.getEnvironment().getRequiredProperty("local.server.port"));
	}

	private static String replicated(RedisReplicationTestServer redis, String key) {
		return redis.replica().commands().hget(key, "sessionAttr:n");
	}

	/**
	 * Return the commands the application sent the master for one request, without the
	 * ones a script ran ({@code HSET}, {@code HDEL}, {@code PEXPIRE}): each is one round
	 * trip, as the store waits for each answer before it sends the next.
	 */
	private static Map<String, Long> sent(RedisReplicationTestServer redis, Supplier<Response> request) {
		redis.master().commands().configResetstat();
		assertThat(request.get().status()).isEqualTo(200);
		Map<String, Long> calls = new TreeMap<>();
		for (String line : redis.master().commands().info("commandstats").split("\r?\n")) {
			if (line.startsWith("cmdstat_")) {
				String name = line.substring("cmdstat_".length(), line.indexOf(':'));
				int start = line.indexOf("calls=") + 6;
				long count = Long.parseLong(line.substring(start, line.indexOf(',', start)));
				if (!NOT_SENT_BY_THE_APPLICATION.contains(name) && !Set.of("hset", "hdel", "pexpire").contains(name)) {
					calls.put(name, count);
				}
			}
		}
		return calls;
	}

}
