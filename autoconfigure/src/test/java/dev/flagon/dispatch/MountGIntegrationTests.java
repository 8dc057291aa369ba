package dev.flagon.dispatch;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.flagon.dispatch.multiapp.MultiAppTestApplication;
import dev.flagon.testsupport.HttpTestClient;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each request of each application has a {@code g} of its own.
 *
 * @author Flagon team
 */
@SpringBootTest(classes = MultiAppTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.config.name=multiapp")
class MountGIntegrationTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final List<String> APPS = List.of("app01:/whoami", "app02:/app02/whoami", "app03:/app03/whoami",
			"admin:/app02/admin/whoami");

	@LocalServerPort
	private int port;

	private HttpTestClient http;

	@BeforeEach
	void client() {
		this.http = HttpTestClient.withoutCookies(this.port);
	}

	@Test
	void gHoldsWhatTheServingAppsHooksSetOnly() {
		Map<?, ?> whoami = json.readValue(this.http.get("/app03/whoami").body(), Map.class);
		assertThat(whoami.get("g")).isEqualTo(List.of("hookedBy"));
		assertThat(whoami.get("hookedBy")).isEqualTo("app03");
	}

	@Test
	void concurrentRequestsToDifferentAppsNeverSeeEachOthersG() throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(16);
		try {
			List<Future<String>> results = new ArrayList<>();
			List<String> expected = new ArrayList<>();
			for (int i = 0; i < 200; i++) {
				String[] app = APPS.get(i % APPS.size()).split(":");
				expected.add(app[0]);
				results.add(executor.submit((Callable<String>) () -> {
					HttpResponse<String> response = this.http.get(app[1]);
					return (String) json.readValue(response.body(), Map.class).get("hookedBy");
				}));
			}
			for (int i = 0; i < results.size(); i++) {
				assertThat(results.get(i).get()).isEqualTo(expected.get(i));
			}
		}
		finally {
			executor.shutdownNow();
		}
	}

}
