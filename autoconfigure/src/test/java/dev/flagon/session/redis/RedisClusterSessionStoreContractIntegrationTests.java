package dev.flagon.session.redis;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.flagon.session.SessionStoreContractTests;
import dev.flagon.session.SessionTestApplication;
import dev.flagon.testsupport.RedisClusterTestServer;
import dev.flagon.testsupport.RedisProcess;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The session store contract on the Redis store, against a real Redis Cluster of three
 * masters and three replicas, configured only through {@code spring.data.redis.cluster.nodes}.
 *
 * @author Flagon team
 */
@SpringBootTest(classes = SessionTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "flagon.session.store=redis")
@ExtendWith(RedisProcess.AvailableCondition.class)
class RedisClusterSessionStoreContractIntegrationTests extends SessionStoreContractTests {

	private static final String KEY_PREFIX = "flagon:session:sessions:";

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void redisCluster(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.cluster.nodes", () -> RedisClusterTestServer.shared().nodes());
	}

	@Test
	void regeneratingMovesTheSessionToAnotherSlotAndNodeWithoutCrossslot() {
		RedisClusterTestServer cluster = RedisClusterTestServer.shared();
		cluster.resetStatistics();
		SessionClient browser = new SessionClient(this.port);
		assertThat(browser.get("/session/put?key=user&value=alice").status()).isEqualTo(200);
		List<String> ids = new ArrayList<>();
		ids.add(browser.cookie());
		// Ids are random: regenerate until the session moved to another master, a few times at most
		for (int i = 0; i < 20 && cluster.masterOf(KEY_PREFIX + ids.get(ids.size() - 1)) == cluster
			.masterOf(KEY_PREFIX + ids.get(0)); i++) {
			assertThat(browser.get("/session/regenerate").status()).isEqualTo(200);
			ids.add(browser.cookie());
		}
		String first = KEY_PREFIX + ids.get(0);
		String last = KEY_PREFIX + ids.get(ids.size() - 1);
		assertThat(cluster.slot(last)).isNotEqualTo(cluster.slot(first));
		assertThat(cluster.masterOf(last)).isNotSameAs(cluster.masterOf(first));
		assertThat(browser.get("/session/get?key=user").body()).isEqualTo("{\"user\":\"alice\"}");
		assertThat(cluster.masterOf(first).commands().exists(first)).isZero();
		assertThat(cluster.masterOf(last).commands().hget(last, "sessionAttr:user")).isEqualTo("\"alice\"");
		assertThat(cluster.refusedCalls()).isEmpty();
	}

}
