package dev.flagon.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo's contract with Flask-compatible session cookies
 * ({@code FLAGON_SESSION_COOKIE_FORMAT=flask}).
 *
 * @author Flagon team
 */
@SpringBootTest(classes = DemoApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "flagon.session.cookie.format=flask")
class FlaskCookieDemoIntegrationTests extends AbstractDemoContractTests {

	private static final String DEMO_SECRET_KEY = "flagon-demo-only-secret-key-do-not-use-in-production";

	// Signs a session holding every tag of Flask's TaggedJSONSerializer, or checks that a
	// cookie holds the same values with the same Python types and the counter given
	private static final String FLASK = """
			import datetime, os, sys, uuid
			from flask import Flask
			from flask.sessions import SecureCookieSessionInterface
			from markupsafe import Markup
			app = Flask("peer")
			app.secret_key = os.environ["KEY"]
			serializer = SecureCookieSessionInterface().get_signing_serializer(app)
			tagged = {
			    "tuple": (1, "two", (3.5, None)),
			    "bytes": b"\\x00\\xff",
			    "markup": Markup("<b>bold</b>"),
			    "uuid": uuid.UUID("6f1c3e2a-9d4b-4b7e-8a55-0c2f7e9b1d33"),
			    "datetime": datetime.datetime(2026, 11, 21, 12, 30, 45, tzinfo=datetime.timezone.utc),
			    "tag_key_dict": {" t": "not a tuple"},
			    "_flashes": [("info", Markup("<i>saved</i>"))],
			}
			def same(a, b):
			    if type(a) is not type(b):
			        return False
			    if isinstance(a, (list, tuple)):
			        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
			    if isinstance(a, dict):
			        return a.keys() == b.keys() and all(same(a[key], b[key]) for key in a)
			    return a == b
			if sys.argv[1] == "sign":
			    print(serializer.dumps(dict(tagged, counter=41)))
			else:
			    session = serializer.loads(os.environ["COOKIE"])
			    wrong = [key for key in tagged if not same(session.get(key), tagged[key])]
			    print("counter=%s wrong=%s" % (session.get("counter"), wrong))
			""";

	@LocalServerPort
	private int port;

	@Override
	protected int port() {
		return this.port;
	}

	@Test
	void counterKeepsTheTagOfEveryValueFlaskWrote() throws Exception {
		Programs.require("Python 3 with Flask", "apt-get install python3-flask", "/usr/bin/python3");
		String cookie = flask("sign", "");
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/counter"))
				.header("Cookie", "session=" + cookie)
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.body()).isEqualTo("42");
		String rewritten = response.headers().firstValue("Set-Cookie").orElseThrow();
		assertThat(rewritten).startsWith("session=");
		String value = rewritten.substring("session=".length(), rewritten.indexOf(';'));
		assertThat(value).isNotEqualTo(cookie);
		assertThat(flask("check", value)).isEqualTo("counter=42 wrong=[]");
	}

	private static String flask(String mode, String cookie) throws IOException, InterruptedException {
		ProcessBuilder builder = new ProcessBuilder("/usr/bin/python3", "-c", FLASK, mode).redirectErrorStream(true);
		builder.environment().put("KEY", DEMO_SECRET_KEY);
		builder.environment().put("COOKIE", cookie);
		Process python = builder.start();
		String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
		assertThat(python.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(python.exitValue()).as(output).isZero();
		return output;
	}

}
