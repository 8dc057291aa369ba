package dev.flagon.session.cookie;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.flagon.session.SessionValueType;
import dev.flagon.session.SessionValues;
import dev.flagon.session.cookie.SessionCookieCodec.Decoded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for the cookies the codecs remember verified ({@code setCacheSize}): a remembered
 * cookie reads back as the full check would read it, and nothing else is found.
 *
 * @author Flagon team
 */
class VerifiedCookieCacheTests {

	private static final String SECRET = "flagon-test-secret-key-of-at-least-32-bytes";

	private static final String OLD_SECRET = "flagon-previous-secret-key-of-at-least-32-bytes";

	private static final Instant ISSUED_AT = Instant.parse("2026-11-21T03:30:00Z");

	private static final Instant NOW = ISSUED_AT.plusSeconds(10);

	private static final Duration MAX_AGE = Duration.ofDays(31);

	enum Format {

		ENCRYPTED(EncryptedSessionCookieCodec::new),

		FLASK(FlaskSessionCookieCodec::new);

		private final CodecFactory factory;

		Format(CodecFactory factory) {
			this.factory = factory;
		}

		SessionCookieCodec codec(String secret, List<String> fallbacks, int cacheSize) {
			return codec(secret, fallbacks, cacheSize, sessionValues());
		}

		SessionCookieCodec codec(String secret, List<String> fallbacks, int cacheSize, SessionValues values) {
			SessionCookieCodec codec = this.factory.apply(secret, fallbacks, values);
			if (codec instanceof EncryptedSessionCookieCodec encrypted) {
				encrypted.setCacheSize(cacheSize);
			}
			else {
				((FlaskSessionCookieCodec) codec).setCacheSize(cacheSize);
			}
			return codec;
		}

		private static SessionValues sessionValues() {
			return new SessionValues(List.of());
		}

	}

	interface CodecFactory {

		SessionCookieCodec apply(String secret, List<String> fallbacks, SessionValues values);

	}

	/**
	 * A mutable value of a registered type.
	 */
	static final class Basket {

		final List<String> items;

		Basket(List<String> items) {
			this.items = items;
		}

	}

	private static Map<String, @Nullable Object> session() {
		Map<String, @Nullable Object> session = new LinkedHashMap<>();
		session.put("user", "alice");
		session.put("cart", new ArrayList<>(List.of(1, 2)));
		session.put("address", new LinkedHashMap<>(Map.of("city", "Ghent")));
		session.put("avatar", new byte[] { 1, 2, 3 });
		session.put("since", ISSUED_AT);
		return session;
	}

	@ParameterizedTest
	@EnumSource(Format.class)
	@SuppressWarnings("unchecked")
	void everyReadOfARememberedCookieGetsItsOwnValues(Format format) {
		SessionCookieCodec codec = format.codec(SECRET, List.of(), 16);
		String cookie = codec.encode(session(), ISSUED_AT);
		// the first read parses, later ones copy what it kept: each must be the request's own
		for (int i = 0; i < 4; i++) {
			Decoded decoded = read(codec, cookie, NOW);
			assertThat(decoded.session()).usingRecursiveComparison().isEqualTo(session());
			assertThat(decoded.issuedAt()).isEqualTo(ISSUED_AT);
			decoded.session().put("user", "mallory");
			((List<Object>) decoded.session().get("cart")).add(3);
			((Map<String, Object>) decoded.session().get("address")).put("city", "Bruges");
			((byte[]) decoded.session().get("avatar"))[0] = 9;
		}
	}

	@ParameterizedTest
	@EnumSource(Format.class)
	@SuppressWarnings("unchecked")
	void aRememberedSessionWithARegisteredTypeIsParsedForEveryRead(Format format) {
		SessionValueType<Basket> basket = SessionValueType.of("basket", Basket.class, (value) -> value.items,
				(json) -> new Basket(new ArrayList<>((List<String>) json)));
		SessionCookieCodec codec = format.codec(SECRET, List.of(), 16, new SessionValues(List.of(basket)));
		Map<String, @Nullable Object> session = new LinkedHashMap<>();
		session.put("basket", new Basket(new ArrayList<>(List.of("tea"))));
		String cookie = codec.encode(session, ISSUED_AT);
		for (int i = 0; i < 3; i++) {
			Basket read = (Basket) read(codec, cookie, NOW).session().get("basket");
			assertThat(read.items).containsExactly("tea");
			read.items.add("scones");
		}
	}

	@ParameterizedTest
	@EnumSource(Format.class)
	void rememberedCookiesReadAsTheFullCheckReadsThem(Format format) {
		SessionCookieCodec remembering = format.codec(SECRET, List.of(), 16);
		SessionCookieCodec checking = format.codec(SECRET, List.of(), 0);
		String cookie = remembering.encode(session(), ISSUED_AT);
		for (int i = 0; i < 2; i++) {
			assertThat(read(remembering, cookie, NOW).session()).usingRecursiveComparison()
				.isEqualTo(read(checking, cookie, NOW).session());
		}
	}

	@ParameterizedTest
	@EnumSource(Format.class)
	void aRememberedCookieStillExpires(Format format) {
		SessionCookieCodec codec = format.codec(SECRET, List.of(), 16);
		String cookie = codec.encode(session(), ISSUED_AT);
		assertThat(codec.decode(cookie, MAX_AGE, NOW)).isNotNull();
		assertThat(codec.decode(cookie, MAX_AGE, ISSUED_AT.plus(MAX_AGE).plusSeconds(1))).isNull();
		assertThat(codec.decode(cookie, MAX_AGE, ISSUED_AT.minusSeconds(61))).as("issued in the future").isNull();
		assertThat(codec.decode(cookie, MAX_AGE, NOW)).isNotNull();
	}

	@ParameterizedTest
	@EnumSource(Format.class)
	void aChangedCookieIsNeverFoundForARememberedOne(Format format) {
		SessionCookieCodec codec = format.codec(SECRET, List.of(), 16);
		String cookie = codec.encode(session(), ISSUED_AT);
		assertThat(codec.decode(cookie, MAX_AGE, NOW)).isNotNull();
		for (int i = 0; i < cookie.length(); i++) {
			char replacement = (cookie.charAt(i) == 'A') ? 'B' : 'A';
			String changed = cookie.substring(0, i) + replacement + cookie.substring(i + 1);
			Decoded decoded = codec.decode(changed, MAX_AGE, NOW);
			// base64's last character may carry unused bits: then the bytes are the same
			if (decoded != null) {
				assertThat(i).as("only the unused bits of the last character").isEqualTo(cookie.length() - 1);
			}
		}
		assertThat(codec.decode(cookie + "A", MAX_AGE, NOW)).isNull();
		assertThat(codec.decode(cookie.substring(1), MAX_AGE, NOW)).isNull();
		// As many characters, one of them outside ASCII
		assertThat(codec.decode("\u00e9" + cookie.substring(1), MAX_AGE, NOW)).isNull();
		assertThat(codec.decode(cookie, MAX_AGE, NOW)).as("still remembered").isNotNull();
	}

	@ParameterizedTest
	@EnumSource(Format.class)
	void anotherKeysCodecFindsNothingRemembered(Format format) {
		SessionCookieCodec codec = format.codec(SECRET, List.of(), 16);
		SessionCookieCodec other = format.codec(OLD_SECRET, List.of(), 16);
		String cookie = codec.encode(session(), ISSUED_AT);
		assertThat(codec.decode(cookie, MAX_AGE, NOW)).isNotNull();
		assertThat(other.decode(cookie, MAX_AGE, NOW)).isNull();
	}

	@ParameterizedTest
	@EnumSource(Format.class)
	void aRememberedCookieStillSaysAFallbackKeyVerifiedIt(Format format) {
		SessionCookieCodec old = format.codec(OLD_SECRET, List.of(), 16);
		SessionCookieCodec rotated = format.codec(SECRET, List.of(OLD_SECRET), 16);
		String cookie = old.encode(session(), ISSUED_AT);
		for (int i = 0; i < 2; i++) {
			assertThat(read(rotated, cookie, NOW).signedWithFallbackKey()).isTrue();
		}
		String current = rotated.encode(session(), ISSUED_AT);
		assertThat(read(rotated, current, NOW).signedWithFallbackKey()).isFalse();
	}

	@ParameterizedTest
	@EnumSource(Format.class)
	void manyCookiesOnAFewSlotsAllReadBack(Format format) {
		SessionCookieCodec codec = format.codec(SECRET, List.of(), 2);
		List<String> cookies = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			Map<String, @Nullable Object> session = session();
			session.put("n", i);
			cookies.add(codec.encode(session, ISSUED_AT));
		}
		for (int i = 0; i < cookies.size(); i++) {
			assertThat(read(codec, cookies.get(i), NOW).session().get("n")).isEqualTo(i);
		}
	}

	@ParameterizedTest
	@EnumSource(Format.class)
	void refusesANegativeOrHugeSize(Format format) {
		assertThatIllegalArgumentException().isThrownBy(() -> format.codec(SECRET, List.of(), -1));
		assertThatIllegalArgumentException().isThrownBy(() -> format.codec(SECRET, List.of(), (1 << 20) + 1));
	}

	private static Decoded read(SessionCookieCodec codec, String cookie, Instant now) {
		Decoded decoded = codec.decode(cookie, MAX_AGE, now);
		assertThat(decoded).as("decoded").isNotNull();
		return decoded;
	}

}
