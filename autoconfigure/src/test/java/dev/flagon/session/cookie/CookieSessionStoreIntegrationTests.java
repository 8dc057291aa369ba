package dev.flagon.session.cookie;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.flagon.session.SessionTestApplication;
import dev.flagon.session.SessionValues;
import dev.flagon.testsupport.HttpTestClient;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cookie store's own rules: secrecy, bad cookies, key rotation, expiry, size, attributes.
 *
 * @author Flagon team
 */
@SpringBootTest(classes = SessionTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "flagon.secret-key=" + CookieSessionStoreIntegrationTests.SECRET,
				"flagon.secret-key-fallbacks=" + CookieSessionStoreIntegrationTests.OLD_SECRET,
				"flagon.session.cookie.secure=true", "flagon.session.cookie.partitioned=true",
				"flagon.session.cookie.domain=127.0.0.1", "flagon.session.cookie.same-site=strict" })
@ExtendWith(OutputCaptureExtension.class)
class CookieSessionStoreIntegrationTests {

	static final String SECRET = "cookie-store-test-secret-key-of-32-bytes-or-more";

	static final String OLD_SECRET = "the-previous-secret-key-still-accepted-on-read";

	private final SessionValues values = new SessionValues(List.of());

	@LocalServerPort
	private int port;

	private HttpTestClient http;

	@BeforeEach
	void newClient() {
		this.http = HttpTestClient.withoutCookies(this.port);
	}

	private static List<String> sessionCookies(HttpResponse<?> response) {
		return response.headers().allValues("Set-Cookie").stream().filter((h) -> h.startsWith("session=")).toList();
	}

	private static boolean variesOnCookie(HttpResponse<?> response) {
		return response.headers().allValues("Vary").stream().anyMatch((vary) -> vary.contains("Cookie"));
	}

	private String cookieValue(HttpResponse<?> response) {
		String header = sessionCookies(response).get(0);
		return header.substring(header.indexOf('=') + 1, header.indexOf(';'));
	}

	private HttpResponse<String> getWithCookie(String path, String value) {
		return this.http.get(path, "Cookie", "session=" + value);
	}

	@Test
	void encryptedCookieDoesNotRevealTheSession() {
		HttpResponse<String> response = this.http.get("/session/put?key=user&value=alice-the-secret-user");
		String value = cookieValue(response);
		String decoded = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.ISO_8859_1);
		assertThat(decoded).doesNotContain("alice").doesNotContain("user");
	}

	@Test
	void cookieHasTheConfiguredAttributes() {
		HttpResponse<String> response = this.http.get("/session/put?key=user&value=alice");
		assertThat(sessionCookies(response)).singleElement()
			.satisfies((cookie) -> assertThat(cookie).contains("Path=/")
				.contains("Domain=127.0.0.1")
				.contains("HttpOnly")
				.contains("Secure")
				.contains("SameSite=Strict")
				.contains("Partitioned"));
	}

	@Test
	void tamperedOrTruncatedCookiesGiveAFreshSession() {
		String value = cookieValue(this.http.get("/session/put?key=user&value=alice"));
		assertThat(getWithCookie("/session/get?key=user", value).body()).isEqualTo("{\"user\":\"alice\"}");
		for (int i = 0; i < value.length(); i += 7) {
			char flipped = (value.charAt(i) == 'A') ? 'B' : 'A';
			String tampered = value.substring(0, i) + flipped + value.substring(i + 1);
			HttpResponse<String> response = getWithCookie("/session/get?key=user", tampered);
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).isEqualTo("{\"user\":null}");
		}
		for (int length : new int[] { 0, 1, 10, value.length() / 2, value.length() - 1 }) {
			HttpResponse<String> response = getWithCookie("/session/get?key=user", value.substring(0, length));
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).isEqualTo("{\"user\":null}");
		}
	}

	@Test
	void cookieOfAnotherKeyGivesAFreshSession() {
		EncryptedSessionCookieCodec foreign = new EncryptedSessionCookieCodec("some-other-application-secret-32-bytes!!",
				List.of(), this.values);
		String value = foreign.encode(Map.of("user", "mallory"), Instant.now());
		assertThat(getWithCookie("/session/get?key=user", value).body()).isEqualTo("{\"user\":null}");
	}

	@Test
	void cookieOfAFallbackKeyIsReadAndRewrittenWithTheCurrentKey() {
		EncryptedSessionCookieCodec old = new EncryptedSessionCookieCodec(OLD_SECRET, List.of(), this.values);
		String value = old.encode(Map.of("user", "carol"), Instant.now());
		HttpResponse<String> response = getWithCookie("/session/get?key=user", value);
		assertThat(response.body()).isEqualTo("{\"user\":\"carol\"}");
		String rewritten = cookieValue(response);
		EncryptedSessionCookieCodec current = new EncryptedSessionCookieCodec(SECRET, List.of(), this.values);
		SessionCookieCodec.Decoded decoded = current.decode(rewritten, Duration.ofDays(31), Instant.now());
		assertThat(decoded).isNotNull();
		assertThat(decoded.signedWithFallbackKey()).isFalse();
		assertThat(decoded.session()).containsEntry("user", "carol");
	}

	@Test
	void expiredOrFutureCookiesGiveAFreshSession() {
		EncryptedSessionCookieCodec codec = new EncryptedSessionCookieCodec(SECRET, List.of(), this.values);
		String expired = codec.encode(Map.of("user", "dave"), Instant.now().minus(Duration.ofDays(32)));
		assertThat(getWithCookie("/session/get?key=user", expired).body()).isEqualTo("{\"user\":null}");
		String future = codec.encode(Map.of("user", "dave"), Instant.now().plus(Duration.ofDays(1)));
		assertThat(getWithCookie("/session/get?key=user", future).body()).isEqualTo("{\"user\":null}");
		String fresh = codec.encode(Map.of("user", "dave"), Instant.now().minus(Duration.ofDays(30)));
		assertThat(getWithCookie("/session/get?key=user", fresh).body()).isEqualTo("{\"user\":\"dave\"}");
	}

	@Test
	void emptiedSessionDeletesTheCookie() {
		String value = cookieValue(this.http.get("/session/put?key=user&value=alice"));
		HttpResponse<String> response = getWithCookie("/session/clear", value);
		assertThat(sessionCookies(response)).singleElement()
			.satisfies((cookie) -> assertThat(cookie).startsWith("session=;").contains("Max-Age=0"));
		assertThat(variesOnCookie(response)).isTrue();
	}

	@Test
	void permanentSessionIsRefreshedOnEachRequestThatUsesItAndVariesOnCookie() {
		String value = cookieValue(this.http.get("/session/permanent"));
		HttpResponse<String> read = getWithCookie("/session/get?key=user", value);
		assertThat(sessionCookies(read)).hasSize(1);
		assertThat(variesOnCookie(read)).isTrue();
	}

	@Test
	void sessionTooLargeForACookieFailsTheRequestBeforeAnythingIsSent(CapturedOutput output) {
		HttpResponse<String> small = this.http.get("/session/large?size=1000");
		assertThat(small.statusCode()).isEqualTo(200);
		String value = cookieValue(small);
		HttpResponse<String> large = this.http.get("/session/large?size=9000", "Accept", "application/json", "Cookie",
				"session=" + value);
		assertThat(large.statusCode()).isEqualTo(500);
		assertThat(large.body()).doesNotContain("SessionTooLarge").doesNotContain("Exception");
		assertThat(sessionCookies(large)).isEmpty();
		assertThat(output).contains("over the 4093-byte limit");
		assertThat(getWithCookie("/session/get?key=large", value).body()).hasSize(1000 + "{\"large\":\"\"}".length());
	}

}
