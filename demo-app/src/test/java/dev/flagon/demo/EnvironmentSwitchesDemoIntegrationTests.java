package dev.flagon.demo;

import java.io.IOException;
import java.net.HttpCookie;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo started as a user starts it, with environment variables only:
 * {@code FLAGON_SESSION_COOKIE_FORMAT=flask}, {@code FLAGON_SECRET_KEY} and
 * {@code SERVER_PORT}. The whole contract holds, and Flask itself reads the session cookie.
 *
 * @author Flagon team
 */
class EnvironmentSwitchesDemoIntegrationTests extends AbstractDemoContractTests {

	private static final String SECRET_KEY = "test-key-" + UUID.randomUUID() + UUID.randomUUID();

	private static DemoProcess demo;

	@BeforeAll
	static void startDemo() {
		demo = DemoProcess.start(Map.of("FLAGON_SESSION_COOKIE_FORMAT", "flask", "FLAGON_SECRET_KEY", SECRET_KEY));
	}

	@AfterAll
	static void stopDemo() throws IOException {
		if (demo != null) {
			demo.close();
		}
	}

	@Override
	protected int port() {
		return demo.port();
	}

	@Test
	void flaskReadsTheSessionCookieSignedWithTheKeyFromTheEnvironment() throws Exception {
		Programs.require("Python 3 with Flask", "apt-get install python3-flask", "/usr/bin/python3");
		DemoClient client = client();
		client.post("/login", "user=alice");
		HttpCookie cookie = client.cookies()
			.stream()
			.filter((candidate) -> candidate.getName().equals("session"))
			.findFirst()
			.orElseThrow();
		assertThat(flaskLoads(cookie.getValue(), SECRET_KEY)).contains("\"user\": \"alice\"");
		assertThat(flaskLoads(cookie.getValue(), "flagon-demo-only-secret-key-do-not-use-in-production"))
			.isEqualTo("BadSignature");
	}

	@Test
	void flagonEndpointShowsTheFlaskFormatForEveryApp() {
		String apps = client().get("/actuator/flagon").body();
		assertThat(apps).contains("\"format\":\"flask\"").doesNotContain(SECRET_KEY).doesNotContainIgnoringCase("secret");
	}

	private static String flaskLoads(String cookie, String secretKey) throws Exception {
		String script = """
				import json, os
				from flask import Flask
				from flask.sessions import SecureCookieSessionInterface
				from itsdangerous import BadSignature
				app = Flask("check")
				app.secret_key = os.environ["KEY"]
				try:
				    print(json.dumps(dict(SecureCookieSessionInterface().get_signing_serializer(app).loads(os.environ["COOKIE"]))))
				except BadSignature:
				    print("BadSignature")
				""";
		ProcessBuilder builder = new ProcessBuilder("/usr/bin/python3", "-c", script).redirectErrorStream(true);
		builder.environment().put("KEY", secretKey);
		builder.environment().put("COOKIE", cookie);
		Process python = builder.start();
		String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
		assertThat(python.waitFor(30, TimeUnit.SECONDS)).isTrue();
		return output;
	}

}
