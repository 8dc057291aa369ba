package dev.flagon.demo;

import java.net.HttpCookie;
import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo's contract, as a black-box client relies on it, checked over real HTTP against the
 * demo on a random port. A subclass per way of running the demo runs all of it.
 *
 * @author Flagon team
 */
abstract class AbstractDemoContractTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	/**
	 * Return the port the demo listens on, on the loopback interface.
	 * @return the port
	 */
	protected abstract int port();

	/**
	 * Return a new client of the demo, without cookies.
	 * @return the client
	 */
	protected DemoClient client() {
		return new DemoClient(port());
	}

	@Test
	void indexesAreText() {
		DemoClient client = client();
		assertText(client.get("/"), "app01 index");
		assertText(client.get("/app02/"), "app02 index");
		assertText(client.get("/app03/"), "app03 index");
	}

	@Test
	void whoamiNamesTheAppAndNoUser() {
		DemoClient client = client();
		for (String app : new String[] { "app01", "app02", "app03" }) {
			String path = app.equals("app01") ? "/whoami" : "/" + app + "/whoami";
			Map<String, Object> whoami = whoami(client, path);
			assertThat(whoami.keySet()).containsExactly("app", "user");
			assertThat(whoami).containsEntry("app", app).containsEntry("user", null);
		}
	}

	@Test
	void indexRedirectsToLoginWithoutAUser() {
		HttpResponse<String> response = client().get("/index");
		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(response.headers().firstValue("Location")).hasValue("/login");
	}

	@Test
	void loginFormHasAUserField() {
		HttpResponse<String> response = client().get("/login");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("text/html"));
		assertThat(response.body()).contains("<form method=\"post\" action=\"/login\">").contains("name=\"user\"");
	}

	@Test
	void loginShowsTheUserAndPermissionsCountsAndLogsOut() {
		DemoClient client = client();
		HttpResponse<String> login = client.post("/login", "user=alice");
		assertThat(login.statusCode()).isEqualTo(302);
		assertThat(login.headers().firstValue("Location")).hasValue("/index");
		HttpResponse<String> index = client.get("/index");
		assertThat(index.statusCode()).isEqualTo(200);
		assertThat(index.body()).contains("<span id=\"user\">alice</span>")
			.contains("<ul id=\"permissions\"><li>add</li><li>update</li></ul>");
		assertThat(whoami(client, "/whoami")).containsEntry("user", "alice");
		assertText(client.get("/counter"), "1");
		assertText(client.get("/counter"), "2");
		assertText(client.get("/counter"), "3");
		assertThat(whoami(client, "/app02/whoami")).containsEntry("user", null);
		assertThat(whoami(client, "/app03/whoami")).containsEntry("user", null);
		HttpResponse<String> logout = client.post("/logout", "");
		assertThat(logout.statusCode()).isEqualTo(302);
		assertThat(logout.headers().firstValue("Location")).hasValue("/login");
		assertThat(client.get("/index").statusCode()).isEqualTo(302);
		assertThat(whoami(client, "/whoami")).containsEntry("user", null);
	}

	@Test
	void loginRegeneratesTheSession() {
		String cookieName = "session";
		DemoClient client = client();
		assertText(client.get("/counter"), "1");
		String before = cookie(client, cookieName).getValue();
		client.post("/login", "user=bob");
		assertThat(cookie(client, cookieName).getValue()).isNotEqualTo(before);
	}

	@Test
	void appsKeepSessionsApart() {
		DemoClient client = client();
		assertText(client.get("/counter"), "1");
		assertText(client.get("/counter"), "2");
		assertText(client.get("/app02/counter"), "1");
		assertText(client.get("/counter"), "3");
		HttpCookie root = cookie(client, "session");
		HttpCookie app02 = cookie(client, "session_app02");
		assertThat(root.getPath()).isEqualTo("/");
		assertThat(app02.getPath()).isEqualTo("/app02");
		assertThat(root.getValue()).isNotEqualTo(app02.getValue());
	}

	@Test
	void healthIsUp() {
		HttpResponse<String> response = client().get("/actuator/health");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"status\":\"UP\"");
	}

	private static HttpCookie cookie(DemoClient client, String name) {
		return client.cookies()
			.stream()
			.filter((cookie) -> cookie.getName().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No cookie " + name + " in " + client.cookies()));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> whoami(DemoClient client, String path) {
		HttpResponse<String> response = client.get(path);
		assertThat(response.statusCode()).as("status of %s", path).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/json"));
		return json.readValue(response.body(), Map.class);
	}

	private static void assertText(HttpResponse<String> response, String text) {
		assertThat(response.statusCode()).as("status of %s", response.uri()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("text/plain"));
		assertThat(response.body()).isEqualTo(text);
	}

}
