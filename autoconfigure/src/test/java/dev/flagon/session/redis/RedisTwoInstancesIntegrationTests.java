package dev.flagon.session.redis;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.flagon.session.SessionTestApplication;
import dev.flagon.session.redis.mounted.MountedSessionApp;
import dev.flagon.testsupport.HttpTestClient;
import dev.flagon.testsupport.RedisProcess;
import dev.flagon.testsupport.RedisTestServer;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of one application on one Redis, as behind a load balancer: each sees the
 * sessions the other writes, and concurrent changes of different keys of one session, one on
 * each instance, both survive. Each instance mounts an application at {@code /mounted},
 * whose sessions stay apart from the root application's on both.
 *
 * @author Flagon team
 */
@ExtendWith(RedisProcess.AvailableCondition.class)
class RedisTwoInstancesIntegrationTests {

	private static final String KEY_PREFIX = "flagon:session:sessions:";

	private static final String MOUNTED_COOKIE = "session_mounted";

	private static RedisTestServer redis;

	private static ConfigurableApplicationContext first;

	private static ConfigurableApplicationContext second;

	@BeforeAll
	static void startInstances() {
		redis = RedisTestServer.startProcess();
		first = instance();
		second = instance();
	}

	@AfterAll
	static void stopInstances() {
		for (AutoCloseable closeable : new AutoCloseable[] { second, first, redis }) {
			try {
				if (closeable != null) {
					closeable.close();
				}
			}
			catch (Exception ex) {
				// Go on closing the others
			}
		}
	}

	private static ConfigurableApplicationContext instance() {
		return new SpringApplicationBuilder(SessionTestApplication.class)
			.properties("server.port=0", "flagon.session.store=redis", "spring.main.banner-mode=off",
					"spring.data.redis.host=" + redis.host(), "spring.data.redis.port=" + redis.port(),
					"flagon.mounts[0].name=mounted", "flagon.mounts[0].prefix=/mounted",
					"flagon.mounts[0].sources=" + MountedSessionApp.class.getName())
			.run();
	}

	private static int port(ConfigurableApplicationContext instance) {
		return Integer.parseInt(instance.getEnvironment().getRequiredProperty("local.server.port"));
	}

	@Test
	void bothInstancesShareTheSessionItsCounterAndItsEnd() {
		SessionClient onFirst = new SessionClient(port(first));
		SessionClient onSecond = new SessionClient(port(second));
		assertThat(onFirst.get("/session/put?key=user&value=alice").status()).isEqualTo(200);
		onSecond.setCookie(onFirst.cookie());
		assertThat(onSecond.get("/session/get?key=user").body()).isEqualTo("{\"user\":\"alice\"}");
		for (int i = 1; i <= 6; i++) {
			SessionClient client = (i % 2 == 0) ? onSecond : onFirst;
			assertThat(client.get("/session/counter").body()).isEqualTo(Integer.toString(i));
		}
		assertThat(onSecond.get("/session/invalidate").status()).isEqualTo(200);
		assertThat(onFirst.get("/session/get?key=user").body()).isEqualTo("{\"user\":null}");
	}

	@Test
	void aMountedAppsSessionsStayApartFromTheRootAppsOnBothInstances() {
		SessionClient rootOnFirst = new SessionClient(port(first));
		assertThat(rootOnFirst.get("/session/put?key=user&value=alice").status()).isEqualTo(200);
		SessionClient rootOnSecond = new SessionClient(port(second));
		rootOnSecond.setCookie(rootOnFirst.cookie());
		String rootId = rootOnFirst.cookie();
		for (ConfigurableApplicationContext instance : List.of(first, second)) {
			HttpTestClient browser = HttpTestClient.withoutCookies(port(instance));
			// A browser sends the root app's cookie (path /) to the mounted app as well
			assertThat(browser.get("/mounted/user", "Cookie", "session=" + rootId).body())
				.as("logged in to the root app only").isEqualTo("null");
			assertThat(browser.get("/mounted/user", "Cookie", MOUNTED_COOKIE + "=" + rootId).body())
				.as("the root app's id as the mounted app's").isEqualTo("null");
		}
		SessionClient mountedOnSecond = new SessionClient(port(second), MOUNTED_COOKIE);
		assertThat(mountedOnSecond.get("/mounted/login?user=bob").status()).isEqualTo(200);
		SessionClient mountedOnFirst = new SessionClient(port(first), MOUNTED_COOKIE);
		mountedOnFirst.setCookie(mountedOnSecond.cookie());
		assertThat(mountedOnFirst.get("/mounted/user").body()).isEqualTo("bob");
		assertThat(redis.commands().exists("flagon:session:mounted:sessions:" + mountedOnSecond.cookie())).isOne();
		for (SessionClient root : List.of(rootOnFirst, rootOnSecond)) {
			assertThat(root.get("/session/get?key=user").body()).isEqualTo("{\"user\":\"alice\"}");
		}
		assertThat(mountedOnFirst.get("/mounted/logout").status()).isEqualTo(200);
		assertThat(mountedOnSecond.get("/mounted/user").body()).as("logged out of the mounted app on both")
			.isEqualTo("null");
		assertThat(rootOnSecond.get("/session/get?key=user").body()).as("still logged in to the root app")
			.isEqualTo("{\"user\":\"alice\"}");
		assertThat(rootOnSecond.get("/session/invalidate").status()).isEqualTo(200);
		assertThat(rootOnFirst.get("/session/get?key=user").body()).as("logged out of the root app on both")
			.isEqualTo("{\"user\":null}");
	}

	@Test
	void concurrentChangesOfDifferentKeysOnBothInstancesBothSurviveAThousandTimes() throws Exception {
		SessionClient onFirst = new SessionClient(port(first));
		assertThat(onFirst.get("/session/put?key=a&value=start").status()).isEqualTo(200);
		SessionClient onSecond = new SessionClient(port(second));
		onSecond.setCookie(onFirst.cookie());
		String key = KEY_PREFIX + onFirst.cookie();
		ExecutorService executor = Executors.newFixedThreadPool(2);
		try {
			for (int i = 0; i < 1000; i++) {
				String value = Integer.toString(i);
				List<Future<Integer>> writes = List.of(
						executor.submit(() -> onFirst.get("/session/put?key=a&value=" + value).status()),
						executor.submit(() -> onSecond.get("/session/put?key=b&value=" + value).status()));
				for (Future<Integer> write : writes) {
					assertThat(write.get(30, TimeUnit.SECONDS)).isEqualTo(200);
				}
				assertThat(redis.commands().hmget(key, "sessionAttr:a", "sessionAttr:b"))
					.extracting((entry) -> entry.getValue())
					.as("iteration %d", i)
					.containsExactly("\"" + value + "\"", "\"" + value + "\"");
			}
		}
		finally {
			executor.shutdownNow();
		}
	}

}
