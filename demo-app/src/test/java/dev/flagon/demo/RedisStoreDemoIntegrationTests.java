package dev.flagon.demo;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo with its sessions in Redis, started as docker-compose starts it:
 * {@code FLAGON_SESSION_STORE=redis}, {@code SPRING_DATA_REDIS_HOST} and
 * {@code SPRING_DATA_REDIS_PORT}, against a real {@code redis-server}.
 *
 * @author Flagon team
 */
class RedisStoreDemoIntegrationTests extends AbstractDemoContractTests {

	@TempDir
	static Path directory;

	private static RedisServerProcess redis;

	private static DemoProcess demo;

	@BeforeAll
	static void startRedisAndDemo() throws IOException {
		Programs.require("Redis", "apt-get install redis-server", RedisServerProcess.REDIS_SERVER,
				"/usr/bin/redis-cli");
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

	@Override
	protected int port() {
		return demo.port();
	}

	@Test
	void healthReportsRedis() {
		HttpResponse<String> response = client().get("/actuator/health");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"redis\":{\"status\":\"UP\"");
	}

	@Test
	void eachAppKeepsItsSessionsUnderItsOwnNamespace() throws Exception {
		DemoClient client = client();
		client.post("/login", "user=carol");
		client.get("/app02/counter");
		List<String> keys = redisKeys("flagon:session*");
		assertThat(keys).anySatisfy((key) -> assertThat(key).startsWith("flagon:session:sessions:"));
		assertThat(keys).anySatisfy((key) -> assertThat(key).startsWith("flagon:session:app02:"));
	}

	private static List<String> redisKeys(String pattern) throws Exception {
		Process cli = new ProcessBuilder("/usr/bin/redis-cli", "-h", "127.0.0.1", "-p", Integer.toString(redis.port()),
				"--scan", "--pattern", pattern)
			.redirectErrorStream(true)
			.start();
		String output = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(cli.waitFor(20, TimeUnit.SECONDS)).isTrue();
		return Arrays.stream(output.split("\n")).map(String::strip).filter((line) -> !line.isEmpty()).toList();
	}

}
