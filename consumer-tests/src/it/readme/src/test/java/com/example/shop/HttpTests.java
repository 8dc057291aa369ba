package com.example.shop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's app over real HTTP: the quick start's hooks and counter, and the tasks that
 * carry the request's contexts to a plain thread pool.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class HttpTests {

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalServerPort
	private int port;

	@Test
	void beforeRequestHookEndsARequestWithoutAUser(CapturedOutput output) {
		HttpResponse<String> counter = send("GET", "/counter", null);
		assertThat(counter.statusCode()).isEqualTo(401);
		assertThat(counter.body()).isEqualTo("log in first");
		assertThat(counter.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
	}

	@Test
	void requestFinishedListenerNamesTheAppOnEveryResponse() {
		assertThat(send("GET", "/counter", null).headers().firstValue("X-Served-By")).hasValue("shop");
		assertThat(send("GET", "/counter", logIn()).headers().firstValue("X-Served-By")).hasValue("shop");
	}

	@Test
	void sessionCountsTheVisitsOfALoggedInUser(CapturedOutput output) {
		HttpResponse<String> first = send("GET", "/counter", logIn());
		assertThat(first.body()).isEqualTo("1 [add, update]");
		HttpResponse<String> second = send("GET", "/counter", cookie(first));
		assertThat(second.body()).isEqualTo("2 [add, update]");
		assertThat(second.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(output).contains("/counter ended normally");
	}

	@Test
	void copiedContextsCarryTheAppSessionAndGToAPlainPool() {
		HttpResponse<String> report = send("GET", "/report", logIn());
		assertThat(report.statusCode()).isEqualTo(200);
		String value = "\"shop dark true\"";
		String work = "\"" + String.join("", Collections.nCopies(6, "shop dark true;")) + "\"";
		assertThat(report.body()).isEqualTo("[" + String.join(",", Collections.nCopies(6, value)) + "," + work + "]");
	}

	private String logIn() {
		HttpResponse<String> login = send("POST", "/login?user=alice", null);
		assertThat(login.body()).isEqualTo("hello alice");
		return cookie(login);
	}

	// The cookie store sends the session anew whenever it changes
	private static String cookie(HttpResponse<String> response) {
		return response.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
	}

	private HttpResponse<String> send(String method, String path, String cookie) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(30))
			.method(method, HttpRequest.BodyPublishers.noBody());
		if (cookie != null) {
			request.header("Cookie", cookie);
		}
		try {
			return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
