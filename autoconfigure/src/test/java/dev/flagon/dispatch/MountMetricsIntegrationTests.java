package dev.flagon.dispatch;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.flagon.dispatch.multiapp.MultiAppTestApplication;
import dev.flagon.testsupport.HttpTestClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The root application's metrics cover every application, and tell their paths apart.
 *
 * @author Flagon team
 */
@SpringBootTest(classes = MultiAppTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.config.name=multiapp")
class MountMetricsIntegrationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private MeterRegistry registry;

	@Test
	void httpServerRequestsOfAMountedAppAreTaggedWithThePrefixedPattern() {
		HttpTestClient http = HttpTestClient.withoutCookies(this.port);
		http.get("/app02/whoami");
		http.get("/app02/admin/whoami");
		http.get("/whoami");
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> timer("/app02/whoami") && timer("/app02/admin/whoami") && timer("/whoami"));
	}

	private boolean timer(String uri) {
		return this.registry.find("http.server.requests").tag("uri", uri).timer() != null;
	}

}
