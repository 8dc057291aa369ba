package dev.flagon.session.redis;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.flagon.testsupport.RedisClusterTestServer;
import dev.flagon.testsupport.RedisProcess;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Acknowledged writes on a Redis Cluster: {@code WAIT} counts the writes of the connection
 * it is sent on, so it must go to the connection that wrote the session's key, on the
 * key's own master; sent anywhere else it would answer at once that a replica has writes
 * it never saw. Freezing that master's replica ({@code SIGSTOP}) makes a change fail with
 * 503, and thawing it lets changes through again.
 *
 * @author Flagon team
 */
@SpringBootTest(classes = RedisSessionTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "flagon.session.store=redis", "flagon.session.redis.replica-acknowledgement.enabled=true",
				"flagon.session.redis.replica-acknowledgement.timeout=1s", "flagon.session.redis.timeout=5s" })
@ExtendWith(RedisProcess.AvailableCondition.class)
class RedisClusterReplicaAcknowledgementIntegrationTests {

	private static final String KEY_PREFIX = "flagon:session:sessions:";

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void redisCluster(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.cluster.nodes", () -> RedisClusterTestServer.shared().nodes());
	}

	@Test
	void changeWaitsForTheReplicaOfTheKeysOwnMaster() {
		RedisClusterTestServer cluster = RedisClusterTestServer.shared();
		SessionClient client = new SessionClient(this.port);
		assertThat(client.post("/session/n?value=1").status()).isEqualTo(200);
		RedisProcess master = cluster.masterOf(KEY_PREFIX + client.cookie());
		cluster.resetStatistics();
		assertThat(client.post("/session/n?value=2").status()).isEqualTo(200);
		assertThat(cluster.commandCalls()).containsEntry("wait", 1L).containsEntry("evalsha", 1L);
		assertThat(master.commands().info("commandstats")).contains("cmdstat_wait:calls=1,");
	}

	@Test
	void changeThatTheKeysReplicaCannotAcknowledgeFails() {
		RedisClusterTestServer cluster = RedisClusterTestServer.shared();
		SessionClient client = new SessionClient(this.port);
		assertThat(client.post("/session/n?value=1").status()).isEqualTo(200);
		RedisProcess replica = cluster.replicaOf(cluster.masterOf(KEY_PREFIX + client.cookie()));
		// Shorter than the cluster's node timeout: the cluster does not fail the replica
		replica.pause();
		try {
			assertThat(client.post("/session/n?value=2").status()).isEqualTo(503);
		}
		finally {
			replica.resume();
		}
		assertThat(client.post("/session/n?value=3").status()).isEqualTo(200);
		assertThat(client.get("/session/n").body()).isEqualTo("3");
	}

}
