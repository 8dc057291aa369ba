package dev.flagon.session.redis;

import java.util.Map;
import java.util.TreeMap;

import io.lettuce.core.api.sync.RedisCommands;

import dev.flagon.testsupport.RedisTestServer;
import dev.flagon.testsupport.WithRedisServer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The Redis commands that requests cost on a single Redis server.
 *
 * @author Flagon team
 */
@SpringBootTest(classes = RedisSessionTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "flagon.session.store=redis")
@WithRedisServer
class RedisSessionCommandsIntegrationTests extends RedisSessionCommandsTests {

	@Autowired
	private RedisTestServer redisServer;

	@Override
	protected RedisCommands<String, String> redis(String key) {
		return this.redisServer.commands();
	}

	@Override
	protected void resetStatistics() {
		this.redisServer.commands().configResetstat();
	}

	@Override
	protected Map<String, Long> commandCalls() {
		Map<String, Long> calls = new TreeMap<>();
		for (String line : this.redisServer.commands().info("commandstats").split("\r?\n")) {
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
