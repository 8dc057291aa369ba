package dev.flagon.session.redis;

import java.io.IOException;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * A browser with one session cookie, over the JDK's {@link HttpClient}: it sends the
 * cookie it was last given, and forgets it when told to.
 *
 * @author Flagon team
 */
final class SessionClient {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String base;

	private final String cookieName;

	private @Nullable String cookie;

	SessionClient(int port) {
		this(port, "session");
	}

	SessionClient(int port, String cookieName) {
		this.base = "http://127.0.0.1:" + port;
		this.cookieName = cookieName;
	}

	Response get(String path) {
		return send("GET", path);
	}

	Response post(String path) {
		return send("POST", path);
	}

	Response delete(String path) {
		return send("DELETE", path);
	}

	Response send(String method, String path) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
			.timeout(Duration.ofSeconds(30))
			.method(method, HttpRequest.BodyPublishers.noBody());
		if (this.cookie != null) {
			request.header("Cookie", this.cookieName + "=" + this.cookie);
		}
		long start = System.nanoTime();
		HttpResponse<String> response;
		try {
			response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(method + " " + path + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		Response result = new Response(response, Duration.ofNanos(System.nanoTime() - start), this.cookieName);
		result.sessionCookie()
			.ifPresent((cookie) -> this.cookie = (cookie.getMaxAge() == 0) ? null : cookie.getValue());
		return result;
	}

	@Nullable String cookie() {
		return this.cookie;
	}

	void setCookie(@Nullable String cookie) {
		this.cookie = cookie;
	}

	/**
	 * A response, with how long it took.
	 */
	record Response(HttpResponse<String> response, Duration elapsed, String cookieName) {

		int status() {
			return this.response.statusCode();
		}

		String body() {
			return this.response.body();
		}

		List<String> setCookieHeaders() {
			return this.response.headers().allValues("Set-Cookie");
		}

		List<String> header(String name) {
			return this.response.headers().allValues(name);
		}

		Optional<HttpCookie> sessionCookie() {
			return setCookieHeaders().stream()
				.flatMap((header) -> HttpCookie.parse(header).stream())
				.filter((cookie) -> cookie.getName().equals(this.cookieName))
				.reduce((first, second) -> second);
		}

	}

}
