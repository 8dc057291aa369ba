package dev.flagon.session.cookie;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import dev.flagon.session.SessionValueType;
import dev.flagon.session.SessionValues;
import dev.flagon.session.cookie.SessionCookieCodec.Decoded;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static dev.flagon.session.SessionValueAssertions.assertSameValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link FlaskSessionCookieCodec}, against cookies written by a real Flask.
 */
class FlaskSessionCookieCodecTests {

	private static final JsonNode FIXTURE = readFixture();

	private static final String SECRET = FIXTURE.get("secret_key").asString();

	private static final Instant ISSUED_AT = Instant.ofEpochSecond(FIXTURE.get("timestamp").asLong());

	private static final Instant NOW = ISSUED_AT.plusSeconds(10);

	private static final Duration MAX_AGE = Duration.ofSeconds(FIXTURE.get("max_age_seconds").asLong());

	private static final Map<String, Map<String, @Nullable Object>> EXPECTED = expectedSessions();

	private final FlaskSessionCookieCodec codec = new FlaskSessionCookieCodec(SECRET, List.of(),
			new SessionValues(List.of()));

	@ParameterizedTest(name = "{0}")
	@MethodSource("vectors")
	void decodesEveryCookieFlaskWrote(String name, String cookie) {
		Decoded decoded = this.codec.decode(cookie, MAX_AGE, NOW);
		assertThat(decoded).isNotNull();
		assertThat(decoded.issuedAt()).isEqualTo(ISSUED_AT);
		assertThat(decoded.signedWithFallbackKey()).isFalse();
		assertSameValue(decoded.session(), EXPECTED.get(name));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("vectors")
	void encodesTheSameCookieAsFlask(String name, String cookie, String taggedJson) {
		if (name.equals("tuple")) {
			// Java code cannot make a tuple: a list it puts is a list (a tuple read stays one, below)
			assertThat(encodeJson(EXPECTED.get(name))).isEqualTo("{\"t\":[1,2,\"three\"]}");
			return;
		}
		String json = encodeJson(EXPECTED.get(name));
		if (!json.equals(taggedJson)) {
			// The fixtures were signed outside a Flask app, which keeps key order; a Flask app
			// sorts keys (sort_keys=True), and so does Flagon: same bytes, other order
			assertThat(json).hasSameSizeAs(taggedJson);
			assertThat(sortedChars(json)).isEqualTo(sortedChars(taggedJson));
			assertThat(this.codec.decode(this.codec.encode(EXPECTED.get(name), ISSUED_AT), MAX_AGE, NOW).session())
				.isEqualTo(EXPECTED.get(name));
			return;
		}
		assertThat(this.codec.encode(EXPECTED.get(name), ISSUED_AT)).isEqualTo(cookie);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("vectors")
	void rewritesEveryCookieFlaskWroteByteForByte(String name, String cookie) {
		Decoded decoded = this.codec.decode(cookie, MAX_AGE, NOW);
		assertThat(decoded).isNotNull();
		assertThat(this.codec.encode(decoded.session(), ISSUED_AT)).isEqualTo(cookie);
	}

	private static String sortedChars(String text) {
		char[] chars = text.toCharArray();
		java.util.Arrays.sort(chars);
		return new String(chars);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("vectors")
	void compressesExactlyWhenFlaskDoes(String name, String cookie, String taggedJson, boolean compressed) {
		assertThat(cookie.startsWith(".")).isEqualTo(compressed);
	}

	@Test
	void everyVectorHasAnExpectedSession() {
		List<String> names = new ArrayList<>();
		FIXTURE.get("vectors").values().forEach((vector) -> names.add(vector.get("name").asString()));
		assertThat(names).containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("rejected")
	void rejectsEveryCookieThatFlaskWouldReject(String name, String cookie) {
		assertThat(this.codec.decode(cookie, MAX_AGE, NOW)).isNull();
	}

	@Test
	void rejectsACookieOlderThanTheMaximumAge() {
		String cookie = vector("simple");
		assertThat(this.codec.decode(cookie, MAX_AGE, ISSUED_AT.plus(MAX_AGE))).isNotNull();
		assertThat(this.codec.decode(cookie, MAX_AGE, ISSUED_AT.plus(MAX_AGE).plusSeconds(1))).isNull();
	}

	@Test
	void rejectsACookieIssuedMoreThanAMinuteInTheFuture() {
		String cookie = vector("simple");
		assertThat(this.codec.decode(cookie, MAX_AGE, ISSUED_AT.minusSeconds(60))).isNotNull();
		assertThat(this.codec.decode(cookie, MAX_AGE, ISSUED_AT.minusSeconds(61))).isNull();
	}

	@Test
	void acceptsACookieSignedWithAFallbackKeyAndSaysSo() {
		FlaskSessionCookieCodec rotated = new FlaskSessionCookieCodec("a-brand-new-secret-key-of-32-bytes-or-more",
				List.of("an-unrelated-old-secret-key-of-32-bytes-or-more", SECRET), new SessionValues(List.of()));
		Decoded decoded = rotated.decode(vector("simple"), MAX_AGE, NOW);
		assertThat(decoded).isNotNull();
		assertThat(decoded.signedWithFallbackKey()).isTrue();
		assertSameValue(decoded.session(), EXPECTED.get("simple"));
		String rewritten = rotated.encode(decoded.session(), NOW);
		assertThat(this.codec.decode(rewritten, MAX_AGE, NOW)).isNull();
		assertThat(rotated.decode(rewritten, MAX_AGE, NOW).signedWithFallbackKey()).isFalse();
	}

	@Test
	void rejectsASignatureWithTheSameBytesEncodedDifferently() {
		// the last base64 character of a 20-byte signature carries 2 unused bits
		String cookie = vector("simple");
		char last = cookie.charAt(cookie.length() - 1);
		String alias = cookie.substring(0, cookie.length() - 1) + (char) (last + 1);
		assertThat(Base64.getUrlDecoder().decode(alias.substring(alias.lastIndexOf('.') + 1)))
			.isEqualTo(Base64.getUrlDecoder().decode(cookie.substring(cookie.lastIndexOf('.') + 1)));
		assertThat(this.codec.decode(alias, MAX_AGE, NOW)).isNull();
	}

	@Test
	void rejectsEverySingleCharacterChange() {
		String cookie = vector("nested");
		for (int i = 0; i < cookie.length(); i++) {
			for (char replacement : new char[] { 'A', 'z', '0', '-', '_', '.' }) {
				if (cookie.charAt(i) != replacement) {
					String tampered = cookie.substring(0, i) + replacement + cookie.substring(i + 1);
					assertThat(this.codec.decode(tampered, MAX_AGE, NOW)).as(tampered).isNull();
				}
			}
		}
	}

	@Test
	void rejectsCookiesThatAreTooLongOrHaveOtherCharacters() {
		String cookie = vector("simple");
		assertThat(this.codec.decode(cookie + "=", MAX_AGE, NOW)).isNull();
		assertThat(this.codec.decode(" " + cookie, MAX_AGE, NOW)).isNull();
		assertThat(this.codec.decode("\"" + cookie + "\"", MAX_AGE, NOW)).isNull();
		assertThat(this.codec.decode("A".repeat(4097), MAX_AGE, NOW)).isNull();
		assertThat(this.codec.decode("...", MAX_AGE, NOW)).isNull();
		assertThat(this.codec.decode(".", MAX_AGE, NOW)).isNull();
	}

	@Test
	void rejectsASignedZipBomb() {
		Map<String, Object> session = Map.of("pad", "x".repeat(70 * 1024));
		String cookie = this.codec.encode(session, ISSUED_AT);
		assertThat(cookie).startsWith(".").hasSizeLessThan(4096);
		assertThat(this.codec.decode(cookie, MAX_AGE, NOW)).isNull();
	}

	@Test
	void roundTripsRegisteredTypesAndInstantsToTheSecond() {
		SessionValueType<StringBuilder> builder = SessionValueType.of("sb", StringBuilder.class,
				StringBuilder::toString, (json) -> new StringBuilder((String) json));
		FlaskSessionCookieCodec codec = new FlaskSessionCookieCodec(SECRET, List.of(),
				new SessionValues(List.of(builder)));
		Map<String, Object> session = new LinkedHashMap<>();
		session.put("sb", new StringBuilder("hello"));
		session.put("at", Instant.parse("2026-11-21T03:30:00.123456789Z"));
		Decoded decoded = codec.decode(codec.encode(session, ISSUED_AT), MAX_AGE, NOW);
		assertThat(decoded).isNotNull();
		assertThat(decoded.session().get("sb")).hasToString("hello");
		assertThat(decoded.session().get("at")).isEqualTo(Instant.parse("2026-11-21T03:30:00Z"));
	}

	@Test
	void refusesASecretKeyShorterThan32Bytes() {
		SessionValues values = new SessionValues(List.of());
		assertThatIllegalArgumentException().isThrownBy(() -> new FlaskSessionCookieCodec("too-short", List.of(), values))
			.withMessageContaining("9 bytes long but must be at least 32 bytes")
			.withMessageNotContaining("too-short");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new FlaskSessionCookieCodec(SECRET, List.of("short"), values))
			.withMessageContaining("fallback secret key");
		assertThatIllegalArgumentException().isThrownBy(() -> new FlaskSessionCookieCodec("", List.of(), values))
			.withMessageContaining("must be set");
	}

	private String encodeJson(Map<String, @Nullable Object> session) {
		byte[] json = new SessionValues(List.of()).withDialect(SessionValues.Dialect.FLASK).serialize(session);
		return new String(json, StandardCharsets.UTF_8);
	}

	static Stream<Arguments> vectors() {
		List<Arguments> vectors = new ArrayList<>();
		for (JsonNode vector : FIXTURE.get("vectors").values()) {
			vectors.add(Arguments.of(vector.get("name").asString(), vector.get("cookie").asString(),
					vector.get("tagged_json").asString(), vector.get("compressed").asBoolean()));
		}
		return vectors.stream();
	}

	static Stream<Arguments> rejected() {
		return FIXTURE.get("rejected").properties().stream()
			.map((entry) -> Arguments.of(entry.getKey(), entry.getValue().asString()));
	}

	private static String vector(String name) {
		for (JsonNode vector : FIXTURE.get("vectors").values()) {
			if (vector.get("name").asString().equals(name)) {
				return vector.get("cookie").asString();
			}
		}
		throw new IllegalArgumentException(name);
	}

	private static JsonNode readFixture() {
		try (InputStream input = FlaskSessionCookieCodecTests.class.getResourceAsStream("/flask-session-cookies.json")) {
			return JsonMapper.builder().build().readTree(input);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Map<String, Map<String, @Nullable Object>> expectedSessions() {
		Map<String, Map<String, @Nullable Object>> sessions = new LinkedHashMap<>();
		sessions.put("simple", map("counter", 41, "user", "alice"));
		sessions.put("empty", map());
		sessions.put("unicode", map("name", "Zo\u00eb \ud83c\udf76 \u4f50\u85e4"));
		sessions.put("nested", map("cart", map("items", list(1, 2, map("sku", "A-1", "qty", 3)), "total", 12.5), "ok",
				true, "none", null));
		sessions.put("compressed", map("user", "bob", "pad", "x".repeat(400)));
		sessions.put("tuple", map("t", list(1, 2, "three")));
		sessions.put("bytes", map("b", new byte[] { 0x00, (byte) 0xff, 0x10, 'b', 'i', 'n', 'a', 'r', 'y' }));
		sessions.put("uuid", map("u", UUID.fromString("12345678-1234-5678-1234-567812345678")));
		sessions.put("datetime", map("d", Instant.parse("2026-11-21T03:30:00Z")));
		sessions.put("dict_key_collides_with_tag", map("x", map(" t", "not a tuple")));
		sessions.put("flask_login_like",
				map("_fresh", true, "_id", "f".repeat(128), "_user_id", "42", "csrf_token", "abc"));
		return sessions;
	}

	private static Map<String, @Nullable Object> map(@Nullable Object... keysAndValues) {
		Map<String, @Nullable Object> map = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			map.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return map;
	}

	private static List<@Nullable Object> list(@Nullable Object... values) {
		return new ArrayList<>(List.of(values));
	}

}
