package dev.flagon.dispatch;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.flagon.dispatch.multiapp.MultiAppTestApplication;
import dev.flagon.testsupport.HttpTestClient;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code flagon} actuator endpoint lists every application, its hooks and its session
 * store.
 *
 * @author Flagon team
 */
@SpringBootTest(classes = MultiAppTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.config.name=multiapp")
class FlagonEndpointIntegrationTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	@Test
	void endpointListsTheRootAppThenTheMountedAppsByPrefix() {
		JsonNode apps = apps();
		assertThat(apps.valueStream().map((app) -> app.get("name").asString()))
			.containsExactly("app01", "app02", "admin", "app03");
		assertThat(apps.valueStream().map((app) -> app.get("prefix").asString()))
			.containsExactly("", "/app02", "/app02/admin", "/app03");
	}

	@Test
	void endpointListsEachAppsOwnHooksInTheOrderTheyRun() {
		JsonNode admin = apps().get(2);
		@SuppressWarnings("unchecked")
		Map<String, Object> hooks = json.convertValue(admin.get("hooks"), Map.class);
		assertThat(hooks).containsOnlyKeys("app");
		assertThat(hooks.get("app")).isEqualTo(Map.of("@BeforeRequest",
				List.of("dev.flagon.dispatch.multiapp.ProbeHooks.before"), "@AfterRequest",
				List.of("dev.flagon.dispatch.multiapp.ProbeHooks.after"), "@TeardownRequest",
				List.of("dev.flagon.dispatch.multiapp.ProbeHooks.teardown")));
	}

	@Test
	void endpointDescribesEachAppsSessionStore() {
		JsonNode app02 = apps().get(1);
		assertThat(app02.get("session").get("store").asString()).isEqualTo("none");
		assertThat(app02.get("session").get("type").asString()).isEqualTo("dev.flagon.session.internal.DisabledSessionStore");
	}

	private JsonNode apps() {
		HttpResponse<String> response = HttpTestClient.withoutCookies(this.port).get("/actuator/flagon");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).doesNotContainIgnoringCase("secret");
		return json.readTree(response.body()).get("apps");
	}

}
