package dev.flagon.session.redis;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What requests see while Redis is away: the real server is stopped and started again.
 *
 * @author Flagon team
 */
@SpringBootTest(classes = RedisSessionTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "flagon.session.store=redis", "management.endpoint.health.show-components=always" })
@WithRedisServer
class RedisSessionOutageIntegrationTests {

	// flagon.session.redis.timeout is 2 s; what is left is the request's own work
	private static final Duration FAIL_FAST = Duration.ofMillis(2750);

	private static final Duration RECOVERY = Duration.ofSeconds(30);

	@LocalServerPort
	private int port;

	@Autowired
	private RedisTestServer redisServer;

	@Autowired
	private Gate gate;

	private SessionClient client;

	@BeforeEach
	void setUp() {
		this.gate.reset();
		this.client = new SessionClient(this.port);
		assertThat(this.client.post("/session/user?value=alice").status()).isEqualTo(200);
	}

	@AfterEach
	void restartRedis() {
		this.redisServer.start();
	}

	@Test
	void requestsNeedingTheSessionFailFastWith503WhileRedisIsDownAndRecoverByThemselves() {
		SessionClient monitor = new SessionClient(this.port);
		assertThat(monitor.get("/actuator/health").status()).isEqualTo(200);
		this.redisServer.stop();
		Response read = this.client.get("/session/user");
		Response again = this.client.get("/session/user");
		Response write = new SessionClient(this.port).post("/session/user?value=bob");
		Response health = monitor.get("/actuator/health");
		report("read with Redis down", read);
		report("second read with Redis down", again);
		report("new session with Redis down", write);
		assertThat(read.status()).isEqualTo(503);
		assertThat(read.elapsed()).isLessThan(FAIL_FAST);
		assertThat(again.status()).isEqualTo(503);
		assertThat(again.elapsed()).isLessThan(FAIL_FAST);
		assertThat(write.status()).isEqualTo(503);
		assertThat(write.elapsed()).isLessThan(FAIL_FAST);
		assertThat(read.body()).doesNotContain("Redis", "Exception");
		assertThat(health.status()).isEqualTo(503);
		assertThat(health.body()).contains("\"redis\":{\"status\":\"DOWN\"");
		// Requests that never read the session need no Redis, with a session cookie or without
		assertThat(monitor.get("/hello").status()).isEqualTo(200);
		assertThat(monitor.get("/session/user").status()).isEqualTo(200);
		assertThat(this.client.get("/hello").status()).isEqualTo(200);
		long restarted = System.nanoTime();
		this.redisServer.start();
		Response recovered = awaitRecovery();
		Duration recovery = Duration.ofNanos(System.nanoTime() - restarted);
		report("time to recover after Redis restarted", recovery);
		// Lettuce tries to reconnect at least every second
		assertThat(recovery).isLessThan(Duration.ofSeconds(5));
		assertThat(recovered.body()).isEqualTo("null");
		assertThat(this.client.post("/session/user?value=carol").status()).isEqualTo(200);
		assertThat(this.client.get("/session/user").body()).isEqualTo("carol");
		assertThat(monitor.get("/actuator/health").status()).isEqualTo(200);
	}

	@Test
	void savingASessionWhileRedisIsDownFailsWith503() throws Exception {
		SessionClient slow = new SessionClient(this.port);
		slow.setCookie(this.client.cookie());
		CompletableFuture<Response> request = CompletableFuture
			.supplyAsync(() -> slow.post("/session/cart/gated?value=3"));
		this.gate.awaitArrival();
		this.redisServer.stop();
		this.gate.open();
		Response response = request.get(10, TimeUnit.SECONDS);
		report("save with Redis down", response);
		assertThat(response.status()).isEqualTo(503);
		assertThat(response.elapsed()).isLessThan(FAIL_FAST);
		this.redisServer.start();
		awaitRecovery();
	}

	private Response awaitRecovery() {
		long deadline = System.nanoTime() + RECOVERY.toNanos();
		while (true) {
			Response response = this.client.get("/session/user");
			if (response.status() == 200 || System.nanoTime() > deadline) {
				assertThat(response.status()).as("status once Redis is back").isEqualTo(200);
				return response;
			}
			sleep();
		}
	}

	private static void sleep() {
		try {
			Thread.sleep(50);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static void report(String what, Response response) {
		System.out.println(
				"[outage] " + what + ": " + response.status() + " in " + response.elapsed().toMillis() + " ms");
	}

	private static void report(String what, Duration duration) {
		System.out.println("[outage] " + what + ": " + duration.toMillis() + " ms");
	}

}
