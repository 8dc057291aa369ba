package dev.flagon.session.redis;

import org.junit.jupiter.api.extension.ExtendWith;

import dev.flagon.session.SessionStoreContractTests;
import dev.flagon.session.SessionTestApplication;
import dev.flagon.testsupport.RedisProcess;
import dev.flagon.testsupport.RedisSentinelTestServer;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The session store contract on the Redis store, against a real Redis Sentinel setup (a
 * master, a replica, three sentinels), configured only through
 * {@code spring.data.redis.sentinel.*}.
 *
 * @author Flagon team
 */
@SpringBootTest(classes = SessionTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "flagon.session.store=redis")
@ExtendWith(RedisProcess.AvailableCondition.class)
class RedisSentinelSessionStoreContractIntegrationTests extends SessionStoreContractTests {

	@DynamicPropertySource
	static void redisSentinel(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.sentinel.master", () -> RedisSentinelTestServer.MASTER_NAME);
		registry.add("spring.data.redis.sentinel.nodes", () -> RedisSentinelTestServer.shared().sentinelNodes());
	}

}
