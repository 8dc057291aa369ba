package com.example.memory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application's own store serves its sessions over real HTTP, in place of Flagon's.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class InMemorySessionStoreTests {

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalServerPort
	private int port;

	@Autowired
	private InMemorySessionStore store;

	@Test
	void sessionTravelsInTheStoresCookieAndLivesInTheStore() {
		int before = this.store.size();
		HttpResponse<String> first = send("GET", "/visits", null);
		assertThat(first.body()).isEqualTo("1");
		String cookie = first.headers().firstValue("Set-Cookie").orElseThrow();
		assertThat(cookie).startsWith("memory-session=").contains("Path=/", "HttpOnly", "SameSite=Lax")
			.doesNotContain("Max-Age");
		assertThat(first.headers().allValues("Vary")).contains("Cookie");
		assertThat(this.store.size()).isEqualTo(before + 1);
		String session = cookie.split(";", 2)[0];

		assertThat(send("GET", "/visits", session).body()).isEqualTo("2");
		assertThat(send("GET", "/visits", session).body()).isEqualTo("3");
		HttpResponse<String> readOnly = send("GET", "/peek", session);
		assertThat(readOnly.body()).isEqualTo("3");
		assertThat(readOnly.headers().firstValue("Set-Cookie")).isEmpty();
		assertThat(send("GET", "/visits", null).body()).isEqualTo("1");
	}

	@Test
	void invalidatingDeletesTheSessionAndItsCookie() {
		String session = send("GET", "/visits", null).headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
		int stored = this.store.size();

		HttpResponse<String> logout = send("POST", "/logout", session);
		assertThat(logout.body()).isEqualTo("bye");
		assertThat(logout.headers().firstValue("Set-Cookie")).hasValueSatisfying((cookie) -> assertThat(cookie).contains("Max-Age=0"));
		assertThat(this.store.size()).isEqualTo(stored - 1);
		assertThat(send("GET", "/peek", session).body()).isEqualTo("null");
	}

	@Test
	void aRequestWithoutTheCookieOpensNoSession() {
		int stored = this.store.size();
		HttpResponse<String> response = send("GET", "/peek", null);
		assertThat(response.body()).isEqualTo("null");
		assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
		assertThat(this.store.size()).isEqualTo(stored);
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
