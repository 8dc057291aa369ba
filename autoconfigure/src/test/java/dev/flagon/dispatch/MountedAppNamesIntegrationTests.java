package dev.flagon.dispatch;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

import dev.flagon.dispatch.multiapp.MultiAppTestApplication;
import dev.flagon.testsupport.HttpTestClient;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code Flagon.currentApp()} and an injected {@code FlagonApp} name the application serving
 * the request, in the application's own beans and in the root application's singletons.
 *
 * @author Flagon team
 */
@SpringBootTest(classes = MultiAppTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.config.name=multiapp")
class MountedAppNamesIntegrationTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	private HttpTestClient http;

	@BeforeEach
	void client() {
		this.http = HttpTestClient.withoutCookies(this.port);
	}

	@ParameterizedTest
	@CsvSource({ "/whoami, app01, ''", "/app02/whoami, app02, /app02", "/app03/whoami, app03, /app03",
			"/app02/admin/whoami, admin, /app02/admin" })
	void currentAndInjectedAppNameTheApplicationServingTheRequest(String path, String name, String prefix) {
		Map<String, Object> whoami = whoami(path);
		assertThat(whoami).containsEntry("current", name).containsEntry("injected", name).containsEntry("prefix", prefix);
	}

	@ParameterizedTest
	@CsvSource({ "/whoami, app01", "/app02/whoami, app02", "/app03/whoami, app03", "/app02/admin/whoami, admin" })
	void rootSingletonsSeeTheApplicationServingTheRequest(String path, String name) {
		assertThat(whoami(path)).containsEntry("shared", name + " hookedBy=" + name);
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> whoami(String path) {
		HttpResponse<String> response = this.http.get(path);
		assertThat(response.statusCode()).isEqualTo(200);
		return json.readValue(response.body(), Map.class);
	}

}
