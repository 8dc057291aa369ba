package dev.flagon.session.redis;

import java.util.Map;

import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.flagon.testsupport.RedisClusterTestServer;
import dev.flagon.testsupport.RedisProcess;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Redis commands that requests cost on a Redis Cluster of three masters and three
 * replicas, summed over its nodes: the same as on a single server, and never refused
 * ({@code CROSSSLOT}, {@code MOVED}: every command and script touches one key).
 *
 * @author Flagon team
 */
@SpringBootTest(classes = RedisSessionTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "flagon.session.store=redis")
@ExtendWith(RedisProcess.AvailableCondition.class)
class RedisClusterSessionCommandsIntegrationTests extends RedisSessionCommandsTests {

	@DynamicPropertySource
	static void redisCluster(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.cluster.nodes", () -> RedisClusterTestServer.shared().nodes());
	}

	@Override
	protected RedisCommands<String, String> redis(String key) {
		return RedisClusterTestServer.shared().masterOf(key).commands();
	}

	@Override
	protected void resetStatistics() {
		RedisClusterTestServer.shared().resetStatistics();
	}

	@Override
	protected Map<String, Long> commandCalls() {
		return RedisClusterTestServer.shared().commandCalls();
	}

	// A node runs EVALSHA only once it has seen the script: load both on every master, as
	// the single server's test loads them with its first two requests
	@BeforeEach
	void loadScripts() {
		for (RedisProcess master : RedisClusterTestServer.shared().masters()) {
			for (String script : new String[] { "CREATE", "UPDATE" }) {
				RedisScript<?> redisScript = (RedisScript<?>) ReflectionTestUtils.getField(SessionHashes.class, script);
				master.commands().scriptLoad(redisScript.getScriptAsString());
			}
		}
	}

	@AfterEach
	void noCommandWasRefused() {
		assertThat(RedisClusterTestServer.shared().refusedCalls()).isEmpty();
	}

}
