package dev.flagon.session.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.flagon.session.redis.SessionClient.Response;
import dev.flagon.testsupport.RedisClusterTestServer;
import dev.flagon.testsupport.RedisProcess;
import dev.flagon.testsupport.RedisSentinelTestServer;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Crashes the Redis master that holds a logged-in session ({@code kill -9}) under steady
 * traffic over real HTTP, on a Redis Cluster and on Sentinel, with Flagon's defaults:
 * requests fail fast (503 within the command timeout) while a replica is promoted, then
 * succeed again by themselves, without a restart of the application.
 *
 * @author Flagon team
 */
@ExtendWith(RedisProcess.AvailableCondition.class)
class RedisFailoverIntegrationTests {

	private static final String KEY_PREFIX = "flagon:session:sessions:";

	// flagon.session.redis.timeout, and what a busy machine adds to it
	private static final Duration TIMEOUT = Duration.ofSeconds(2);

	private static final Duration SLACK = Duration.ofSeconds(1);

	// 20 requests a second, for at most 30 seconds
	private static final Duration INTERVAL = Duration.ofMillis(50);

	private static final Duration LONGEST = Duration.ofSeconds(30);

	@Test
	void clusterFailoverHealsByItself() {
		try (RedisClusterTestServer cluster = RedisClusterTestServer.start();
				ConfigurableApplicationContext application = application(
						"spring.data.redis.cluster.nodes=" + cluster.nodes())) {
			SessionClient client = new SessionClient(port(application));
			assertThat(client.post("/login?user=alice").status()).isEqualTo(200);
			RedisProcess master = cluster.masterOf(KEY_PREFIX + client.cookie());
			Outcome outcome = crashUnderTraffic(client, master::kill);
			report("Cluster", outcome);
			assertThat(cluster.masterOf(KEY_PREFIX + client.cookie())).isNotSameAs(master);
		}
	}

	@Test
	void sentinelFailoverHealsByItself() {
		try (RedisSentinelTestServer sentinel = RedisSentinelTestServer.start();
				ConfigurableApplicationContext application = application(
						"spring.data.redis.sentinel.master=" + RedisSentinelTestServer.MASTER_NAME,
						"spring.data.redis.sentinel.nodes=" + sentinel.sentinelNodes())) {
			SessionClient client = new SessionClient(port(application));
			assertThat(client.post("/login?user=alice").status()).isEqualTo(200);
			RedisProcess master = sentinel.master();
			Outcome outcome = crashUnderTraffic(client, master::kill);
			report("Sentinel", outcome);
			assertThat(sentinel.master()).isNotSameAs(master);
		}
	}

	private static ConfigurableApplicationContext application(String... redis) {
		List<String> properties = new ArrayList<>(List.of("server.port=0", "flagon.session.store=redis",
				"spring.main.banner-mode=off"));
		properties.addAll(List.of(redis));
		return new SpringApplicationBuilder(RedisSessionTestApplication.class).properties(properties.toArray(String[]::new))
			.run();
	}

	private static int port(ConfigurableApplicationContext application) {
		return Integer.parseInt(application.getEnvironment().getRequiredProperty("local.server.port"));
	}

	/**
	 * Send a request that changes the session every {@link #INTERVAL}, crash the master
	 * after a second, and go on until a run of successes follows the failures, or
	 * {@link #LONGEST} is over.
	 */
	private static Outcome crashUnderTraffic(SessionClient client, Runnable crash) {
		long start = System.nanoTime();
		long deadline = start + LONGEST.toNanos();
		long crashedAt = 0;
		long lastSuccess = System.nanoTime();
		long longestGap = 0;
		int failures = 0;
		int successesSinceFailure = 0;
		Map<Integer, Integer> statuses = new TreeMap<>();
		for (int i = 0; System.nanoTime() < deadline; i++) {
			if (crashedAt == 0 && System.nanoTime() - start > Duration.ofSeconds(1).toNanos()) {
				crash.run();
				crashedAt = System.nanoTime();
			}
			long sent = System.nanoTime();
			Response response = client.post("/session/n?value=" + i);
			statuses.merge(response.status(), 1, Integer::sum);
			if (response.status() == 200) {
				longestGap = Math.max(longestGap, System.nanoTime() - lastSuccess);
				lastSuccess = System.nanoTime();
				if (failures > 0 && ++successesSinceFailure >= 20) {
					break;
				}
			}
			else {
				assertThat(response.status()).as("status while the master is away").isEqualTo(503);
				assertThat(response.elapsed()).as("time to answer 503").isLessThan(TIMEOUT.plus(SLACK));
				failures++;
				successesSinceFailure = 0;
			}
			sleepUntil(sent + INTERVAL.toNanos());
		}
		assertThat(failures).as("requests failed while the master was away").isPositive();
		assertThat(successesSinceFailure).as("successes in a row after the failover, by " + statuses).isEqualTo(20);
		assertThat(client.get("/session/user").body()).isEqualTo("alice");
		return new Outcome(Duration.ofNanos(longestGap), statuses);
	}

	private static void report(String topology, Outcome outcome) {
		System.out.println(topology + " failover: longest gap between successful requests " + outcome.longestGap()
			.toMillis() + " ms; answers " + outcome.statuses());
	}

	private static void sleepUntil(long nanos) {
		long wait = nanos - System.nanoTime();
		if (wait > 0) {
			try {
				TimeUnit.NANOSECONDS.sleep(wait);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
	}

	private record Outcome(Duration longestGap, Map<Integer, Integer> statuses) {

	}

}
