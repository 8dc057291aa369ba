package com.example.secured;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser's cookie jar over a real HTTP client: it keeps the cookies the server sets, sends
 * them back, and follows no redirect, so that tests see every step. Its cookies can be read
 * and replaced, to replay an old session cookie.
 */
final class Browser {

	private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	private final HttpClient client = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(5))
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	private final String base;

	private final Map<String, String> cookies = new LinkedHashMap<>();

	Browser(int port) {
		this.base = "http://127.0.0.1:" + port;
	}

	HttpResponse<String> get(String pathOrUrl) {
		return send(request(pathOrUrl).GET());
	}

	HttpResponse<String> post(String path, String... form) {
		StringBuilder body = new StringBuilder();
		for (int i = 0; i < form.length; i += 2) {
			body.append((i > 0) ? "&" : "")
				.append(form[i])
				.append('=')
				.append(URLEncoder.encode(form[i + 1], StandardCharsets.UTF_8));
		}
		return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body.toString())));
	}

	/**
	 * Log in through Spring Security's login page, as a person does.
	 */
	HttpResponse<String> logIn(String username, String password) {
		String token = csrfField(get("/login").body());
		return post("/login", "username", username, "password", password, "_csrf", token);
	}

	Map<String, String> cookies() {
		return Map.copyOf(this.cookies);
	}

	void useCookies(Map<String, String> cookies) {
		this.cookies.clear();
		this.cookies.putAll(cookies);
	}

	static String csrfField(String page) {
		Matcher matcher = CSRF_FIELD.matcher(page);
		if (!matcher.find()) {
			throw new AssertionError("No CSRF field in: " + page);
		}
		return matcher.group(1);
	}

	private HttpRequest.Builder request(String pathOrUrl) {
		URI uri = URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : this.base + pathOrUrl);
		HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header("Accept", "text/html");
		if (!this.cookies.isEmpty()) {
			builder.header("Cookie", this.cookies.entrySet()
				.stream()
				.map((cookie) -> cookie.getKey() + "=" + cookie.getValue())
				.collect(Collectors.joining("; ")));
		}
		return builder;
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		HttpResponse<String> response;
		try {
			response = this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		for (String setCookie : response.headers().allValues("Set-Cookie")) {
			String pair = setCookie.split(";", 2)[0];
			String name = pair.substring(0, pair.indexOf('='));
			String value = pair.substring(pair.indexOf('=') + 1);
			boolean deleted = value.isEmpty() || setCookie.toLowerCase().contains("max-age=0");
			if (deleted) {
				this.cookies.remove(name);
			}
			else {
				this.cookies.put(name, value);
			}
		}
		return response;
	}

}
