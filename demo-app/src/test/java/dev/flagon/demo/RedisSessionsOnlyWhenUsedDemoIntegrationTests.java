package dev.flagon.demo;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo on the Redis store asks Redis only for what a page uses, counted with Redis'
 * {@code MONITOR}: a logged-in user's index costs nothing, {@code /whoami} one command,
 * {@code /counter} at most three. So pages that never use the session keep working while
 * Redis is away (killed with {@code kill -9}), and everything recovers by itself once it is
 * back on the same port.
 *
 * @author Flagon team
 */
class RedisSessionsOnlyWhenUsedDemoIntegrationTests {

	// flagon.session.redis.timeout is 2 s; what is left is the request's own work, with the
	// error page, in a process of its own on a busy machine
	private static final Duration FAIL_FAST = Duration.ofSeconds(3);

	private static final Duration RECOVERY = Duration.ofSeconds(30);

	@TempDir
	static Path directory;

	private static RedisServerProcess redis;

	private static DemoProcess demo;

	@BeforeAll
	static void startRedisAndDemo() throws IOException {
		Programs.require("Redis", "apt-get install redis-server", RedisServerProcess.REDIS_SERVER);
		redis = RedisServerProcess.start(directory);
		demo = DemoProcess.start(Map.of("FLAGON_SESSION_STORE", "redis", "SPRING_DATA_REDIS_HOST", "127.0.0.1",
				"SPRING_DATA_REDIS_PORT", Integer.toString(redis.port())));
	}

	@AfterAll
	static void stopDemoAndRedis() throws IOException {
		if (demo != null) {
			demo.close();
		}
		if (redis != null) {
			redis.close();
		}
	}

	@Test
	void aLoggedInUserCostsRedisOnlyWhatThePageUses() throws IOException {
		DemoClient alice = loggedIn("alice");
		assertThat(alice.get("/app02/counter").statusCode()).isEqualTo(200);
		try (RedisMonitor monitor = new RedisMonitor(redis.port())) {
			monitor.commandsSinceLastCall();
			assertThat(alice.get("/").statusCode()).isEqualTo(200);
			assertThat(alice.get("/app02/").statusCode()).isEqualTo(200);
			List<String> index = monitor.commandsSinceLastCall();
			HttpResponse<String> whoami = alice.get("/whoami");
			List<String> whoamiCommands = monitor.commandsSinceLastCall();
			// The first write with a script this Redis has not seen sends it once (EVALSHA, then EVAL)
			HttpResponse<String> counter = alice.get("/counter");
			List<String> counterCommands = monitor.commandsSinceLastCall();
			HttpResponse<String> again = alice.get("/counter");
			List<String> againCommands = monitor.commandsSinceLastCall();
			report("GET / and /app02/", index);
			report("GET /whoami", whoamiCommands);
			report("GET /counter", counterCommands);
			report("GET /counter again", againCommands);
			assertThat(index).isEmpty();
			assertThat(whoami.body()).contains("\"user\":\"alice\"");
			assertThat(whoamiCommands).singleElement().satisfies((command) -> assertThat(command).startsWith("\"HGETALL\""));
			assertThat(counter.body()).isEqualTo("1");
			assertThat(counterCommands).hasSizeBetween(1, 3);
			assertThat(again.body()).isEqualTo("2");
			assertThat(againCommands).hasSizeBetween(1, 3);
		}
	}

	@Test
	void pagesThatNeverUseTheSessionAnswerWhileRedisIsKilledAndAllRecoverByThemselves() throws IOException {
		DemoClient bob = loggedIn("bob");
		assertThat(bob.get("/counter").body()).isEqualTo("1");
		redis.kill();
		try {
			HttpResponse<String> index = bob.get("/");
			long started = System.nanoTime();
			HttpResponse<String> counter = bob.get("/counter");
			Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
			System.out.println("[outage] GET / with Redis killed: " + index.statusCode() + "; GET /counter: "
					+ counter.statusCode() + " in " + elapsed.toMillis() + " ms");
			assertThat(index.statusCode()).isEqualTo(200);
			assertThat(index.body()).isEqualTo("app01 index");
			assertThat(counter.statusCode()).isEqualTo(503);
			assertThat(elapsed).isLessThan(FAIL_FAST);
			assertThat(bob.get("/app02/").statusCode()).isEqualTo(200);
		}
		finally {
			redis = RedisServerProcess.start(directory, redis.port());
		}
		long restarted = System.nanoTime();
		HttpResponse<String> recovered = awaitRecovery(bob);
		System.out.println("[outage] /counter answered 200 again "
				+ Duration.ofNanos(System.nanoTime() - restarted).toMillis() + " ms after Redis restarted");
		// The restarted Redis kept nothing: a new session counts from 1
		assertThat(recovered.body()).isEqualTo("1");
		assertThat(bob.get("/counter").body()).isEqualTo("2");
		assertThat(bob.get("/").statusCode()).isEqualTo(200);
	}

	private static DemoClient loggedIn(String user) {
		DemoClient client = new DemoClient(demo.port());
		assertThat(client.post("/login", "user=" + user).statusCode()).isEqualTo(302);
		return client;
	}

	private static HttpResponse<String> awaitRecovery(DemoClient client) {
		long deadline = System.nanoTime() + RECOVERY.toNanos();
		while (true) {
			HttpResponse<String> response = client.get("/counter");
			if (response.statusCode() == 200 || System.nanoTime() > deadline) {
				assertThat(response.statusCode()).as("status of /counter once Redis is back").isEqualTo(200);
				return response;
			}
			DemoProcess.sleep(100);
		}
	}

	private static void report(String what, List<String> commands) {
		System.out.println("[monitor] " + what + ": " + commands.size() + " command(s) " + commands);
	}

}
