package dev.flagon.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A real HTTP client for tests, against a server on the loopback interface. Keeps cookies
 * between requests, as a browser would, unless created without.
 *
 * @author Flagon team
 */
public final class HttpTestClient {

	private final String base;

	private final HttpClient client;

	private HttpTestClient(int port, boolean cookies) {
		this.base = "http://127.0.0.1:" + port;
		HttpClient.Builder builder = HttpClient.newBuilder()
			.connectTimeout(Duration.ofSeconds(5))
			.followRedirects(HttpClient.Redirect.NEVER);
		if (cookies) {
			builder.cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL));
		}
		this.client = builder.build();
	}

	/**
	 * Create a client that keeps cookies.
	 * @param port the server's port
	 * @return the client
	 */
	public static HttpTestClient withCookies(int port) {
		return new HttpTestClient(port, true);
	}

	/**
	 * Create a client that keeps no cookies.
	 * @param port the server's port
	 * @return the client
	 */
	public static HttpTestClient withoutCookies(int port) {
		return new HttpTestClient(port, false);
	}

	/**
	 * Encode a form body.
	 * @param pairs names and values, alternately
	 * @return the {@code application/x-www-form-urlencoded} body
	 */
	public static String form(String... pairs) {
		StringBuilder form = new StringBuilder();
		for (int i = 0; i < pairs.length; i += 2) {
			form.append((i > 0) ? "&" : "")
				.append(pairs[i])
				.append('=')
				.append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
		}
		return form.toString();
	}

	public HttpResponse<String> get(String path, String... headers) {
		return send(request(path, headers).GET().build());
	}

	public HttpResponse<String> post(String path, String form, String... headers) {
		return send(request(path, headers).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build());
	}

	public HttpRequest.Builder request(String path, String... headers) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(this.base + path)).timeout(Duration.ofSeconds(30));
		for (int i = 0; i < headers.length; i += 2) {
			builder.header(headers[i], headers[i + 1]);
		}
		return builder;
	}

	public HttpResponse<String> send(HttpRequest request) {
		try {
			return this.client.send(request, HttpResponse.BodyHandlers.ofString());
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
