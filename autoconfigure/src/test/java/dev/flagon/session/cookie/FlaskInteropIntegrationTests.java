package dev.flagon.session.cookie;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.flagon.session.SessionTestApplication;
import dev.flagon.testsupport.HttpTestClient;
import dev.flagon.testsupport.RequiredProgram;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A live Flask app and a Flagon app with the same secret read each other's session cookies.
 *
 * @author Flagon team
 */
@SpringBootTest(classes = SessionTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "flagon.secret-key=" + FlaskInteropIntegrationTests.SECRET, "flagon.session.cookie.format=flask" })
class FlaskInteropIntegrationTests {

	static final String SECRET = "shared-by-flask-and-flagon-32-bytes-at-least";

	private static final String PYTHON = "/usr/bin/python3";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	static Path scripts;

	private static Process flask;

	private static int flaskPort;

	@LocalServerPort
	private int port;

	private HttpTestClient flagonClient;

	private HttpTestClient flaskClient;

	@BeforeAll
	static void startFlask() throws Exception {
		RequiredProgram.assume(flaskInstalled(), "Flask for " + PYTHON + " (Debian package python3-flask)");
		Path script = scripts.resolve("flask_peer.py");
		try (InputStream source = FlaskInteropIntegrationTests.class.getResourceAsStream("/flask/flask_peer.py")) {
			Files.copy(source, script, StandardCopyOption.REPLACE_EXISTING);
		}
		try (ServerSocket socket = new ServerSocket(0)) {
			flaskPort = socket.getLocalPort();
		}
		flask = new ProcessBuilder(PYTHON, script.toString(), Integer.toString(flaskPort), SECRET)
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
			try (Socket socket = new Socket("127.0.0.1", flaskPort)) {
				return true;
			}
			catch (IOException ex) {
				return false;
			}
		});
	}

	private static boolean flaskInstalled() {
		try {
			Process check = new ProcessBuilder(PYTHON, "-c", "import flask").redirectErrorStream(true).start();
			return check.waitFor(30, TimeUnit.SECONDS) && check.exitValue() == 0;
		}
		catch (IOException | InterruptedException ex) {
			return false;
		}
	}

	@AfterAll
	static void stopFlask() throws InterruptedException {
		if (flask != null) {
			flask.destroy();
			flask.waitFor(10, TimeUnit.SECONDS);
		}
	}

	@BeforeEach
	void clients() {
		this.flagonClient = HttpTestClient.withoutCookies(this.port);
		this.flaskClient = HttpTestClient.withoutCookies(flaskPort);
	}

	private static String sessionCookie(HttpResponse<?> response) {
		List<String> cookies = response.headers().allValues("Set-Cookie");
		assertThat(cookies).isNotEmpty();
		String header = cookies.get(0);
		return header.substring(0, header.indexOf(';'));
	}

	@Test
	void flagonReadsEveryValueThatFlaskWrites() {
		String cookie = sessionCookie(this.flaskClient.get("/set"));
		HttpResponse<String> described = this.flagonClient.get("/session/describe", "Cookie", cookie);
		assertThat(described.statusCode()).isEqualTo(200);
		assertThat(described.body()).isEqualTo("""
				counter=Integer:41
				flags=ArrayList:[true, false, null]
				id=UUID:6f1c3e2a-9d4b-4b7e-8a55-0c2f7e9b1d33
				name=String:Zoë 🍶 佐藤
				nested=LinkedHashMap:{ t=not a tag, a=[1, {b=c}]}
				pair=Tuple:[1, two]
				ratio=Double:2.5
				raw=byte[]:00ff666c61676f6e
				user=String:alice
				when=Instant:2026-11-21T12:30:45Z
				""");
	}

	@Test
	void flaskReadsEveryValueThatFlagonWrites() {
		String flaskWritten = this.flaskClient.get("/get", "Cookie", sessionCookie(this.flaskClient.get("/set"))).body();
		String cookie = sessionCookie(this.flagonClient.get("/session/flask-values/put"));
		String flagonWritten = this.flaskClient.get("/get", "Cookie", cookie).body();
		assertThat(flagonWritten).isEqualTo(flaskWritten.replace("('pair', (1, 'two'))", "('pair', [1, 'two'])"));
		assertThat(flagonWritten).contains("('when', datetime.datetime(2026, 11, 21, 12, 30, 45, tzinfo=datetime.timezone.utc))");
	}

	@Test
	void everyTaggedValueGoesBackToFlaskUnchangedWhenFlagonChangesAnotherKey() {
		String cookie = sessionCookie(this.flaskClient.get("/tags/set"));
		String described = this.flagonClient.get("/session/describe", "Cookie", cookie).body();
		assertThat(described).contains("tuple=Tuple:[1, two, [3.5, null]]\n", "markup=Markup:<b>bold</b> &amp; more\n",
				"tag_key_dict=LinkedHashMap:{ t=not a tuple}\n", "_flashes=ArrayList:[[info, <b>Saved</b>]]\n");
		HttpResponse<String> flagon = this.flagonClient.get("/session/counter", "Cookie", cookie);
		assertThat(flagon.body()).isEqualTo("1");
		JsonNode check = JSON.readTree(this.flaskClient.get("/tags/check", "Cookie", sessionCookie(flagon)).body());
		assertThat(check.get("wrong").values()).as(check.toString()).isEmpty();
		assertThat(check.get("counter").asInt()).isEqualTo(1);
	}

	@Test
	void oneSessionCanGoBackAndForthBetweenFlaskAndFlagon() {
		String cookie = sessionCookie(this.flaskClient.get("/counter"));
		for (int i = 2; i <= 6; i += 2) {
			HttpResponse<String> flagon = this.flagonClient.get("/session/counter", "Cookie", cookie);
			assertThat(flagon.body()).isEqualTo(Integer.toString(i));
			cookie = sessionCookie(flagon);
			HttpResponse<String> flaskResponse = this.flaskClient.get("/counter", "Cookie", cookie);
			assertThat(flaskResponse.body()).isEqualTo(Integer.toString(i + 1));
			cookie = sessionCookie(flaskResponse);
		}
	}

	@Test
	void flaskCookieSignedWithAnotherSecretIsNotAccepted() {
		String cookie = sessionCookie(this.flaskClient.get("/set"));
		String forged = cookie.substring(0, cookie.length() - 2) + (cookie.endsWith("AA") ? "BB" : "AA");
		assertThat(this.flagonClient.get("/session/describe", "Cookie", forged).body()).isEmpty();
	}

	@Test
	void cookieHeadersReadAsWerkzeugReadsThem() {
		List<String> headers = List.of("c=1", "a=1; c=2; b=3", "c=1; c=2", "c=1;;c=2", " c = 1 ;", "c=\t1\t; d=2", "c=a b",
				"c=1=2", "c=\"quoted\"", "c=\"with;semicolon\"; d=1", "c=\"esc\\\"aped\\\\back\"",
				"c=\"\\303\\251t\\303\\251\"", "c=\"\\101\\102\\x\\400\"", "c=\"unterminated",
				"c=\"a\"b\"", "c=\"a\" b; d=1", "c=\"trailing\\\"", "c=\"\"", "c=\"", "c", "c=", "=1; c=2",
				"a=c=1", "x c=1", "cc=1; c_=2", "a=\"x; c=1\"");
		for (String header : headers) {
			HttpResponse<String> flask = this.flaskClient.get("/cookies/c", "Cookie", header);
			HttpResponse<String> flagon = this.flagonClient.get("/session/cookie-values?name=c", "Cookie", header);
			assertThat(flagon.statusCode()).as(header).isEqualTo(200);
			assertThat(JSON.readValue(flagon.body(), List.class)).as(header)
				.isEqualTo(JSON.readValue(flask.body(), List.class));
		}
	}

}
