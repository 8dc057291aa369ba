package dev.flagon.session.cookie;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.flagon.session.SessionValueType;
import dev.flagon.session.SessionValues;
import dev.flagon.session.UnsupportedSessionValueException;
import dev.flagon.session.cookie.SessionCookieCodec.Decoded;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.flagon.session.SessionValueAssertions.assertSameValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link EncryptedSessionCookieCodec}.
 */
class EncryptedSessionCookieCodecTests {

	private static final String SECRET = "flagon-test-secret-key-of-at-least-32-bytes";

	private static final String OLD_SECRET = "flagon-previous-secret-key-of-at-least-32-bytes";

	private static final Instant ISSUED_AT = Instant.parse("2026-11-21T03:30:00Z");

	private static final Instant NOW = ISSUED_AT.plusSeconds(10);

	private static final Duration MAX_AGE = Duration.ofDays(31);

	private static final SessionValueType<Point> POINT = SessionValueType.of("point", Point.class,
			(point) -> List.of(point.x(), point.y()),
			(json) -> new Point((Integer) ((List<?>) json).get(0), (Integer) ((List<?>) json).get(1)));

	private static final SessionValues VALUES = new SessionValues(List.of(POINT));

	private final EncryptedSessionCookieCodec codec = new EncryptedSessionCookieCodec(SECRET, List.of(), VALUES);

	private final Map<String, @Nullable Object> session = map("user", "alice", "counter", 3, "csrf",
			"5f2b9c1e8a7d4036b1e9f0c2d8a6b4e3");

	@Test
	void roundTripsEveryValueType() {
		Map<String, @Nullable Object> session = map("string", "Zo\u00eb \ud83c\udf76", "int", 1, "long", 1L << 40, "big",
				BigInteger.TEN.pow(30), "double", 0.1, "bool", true, "null", null, "list", list(1, list(), map()), "map",
				map("a", map("b", "c"), " t", 1), "collision", map(" x", map("point", 1)), "bytes",
				new byte[] { 0, -1, 2 }, "uuid", UUID.randomUUID(), "instant", Instant.parse("2026-11-21T03:30:00.123456789Z"),
				"point", new Point(3, 4));
		Decoded decoded = this.codec.decode(this.codec.encode(session, ISSUED_AT), MAX_AGE, NOW);
		assertThat(decoded).isNotNull();
		assertSameValue(decoded.session(), session);
		assertThat(decoded.issuedAt()).isEqualTo(ISSUED_AT);
		assertThat(decoded.signedWithFallbackKey()).isFalse();
	}

	@Test
	void roundTripsAnEmptySession() {
		String cookie = this.codec.encode(Map.of(), ISSUED_AT);
		assertThat(cookie).hasSize(52);
		assertSameValue(this.codec.decode(cookie, MAX_AGE, NOW).session(), map());
	}

	@Test
	void hidesTheSessionFromTheClient() {
		byte[] cookie = Base64.getUrlDecoder().decode(this.codec.encode(this.session, ISSUED_AT));
		String bytes = new String(cookie, StandardCharsets.ISO_8859_1);
		assertThat(bytes).doesNotContain("alice").doesNotContain("csrf").doesNotContain("5f2b9c1e");
	}

	@Test
	void writesTheFormatByteAndTheIssueTimeFirst() {
		byte[] cookie = Base64.getUrlDecoder().decode(this.codec.encode(map("a", 1), ISSUED_AT));
		assertThat(cookie[0]).isEqualTo((byte) 0x01);
		assertThat(Arrays.copyOfRange(cookie, 1, 9))
			.isEqualTo(HexFormat.of().parseHex(String.format("%016x", ISSUED_AT.getEpochSecond())));
		byte[] large = Base64.getUrlDecoder().decode(this.codec.encode(map("pad", "x".repeat(1000)), ISSUED_AT));
		assertThat(large[0]).isEqualTo((byte) 0x81);
		assertThat(large).hasSizeLessThan(100);
	}

	@Test
	void usesAFreshNonceForEveryCookie() {
		byte[] first = Base64.getUrlDecoder().decode(this.codec.encode(this.session, ISSUED_AT));
		byte[] second = Base64.getUrlDecoder().decode(this.codec.encode(this.session, ISSUED_AT));
		assertThat(Arrays.copyOfRange(first, 9, 21)).isNotEqualTo(Arrays.copyOfRange(second, 9, 21));
		assertThat(Arrays.copyOfRange(first, 21, first.length)).isNotEqualTo(Arrays.copyOfRange(second, 21, second.length));
	}

	@Test
	void encodesAndDecodesFromManyThreadsAtOnceWithTamperedCookiesInBetween() throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(8);
		try {
			List<Future<?>> tasks = new ArrayList<>();
			for (int task = 0; task < 32; task++) {
				int user = task;
				tasks.add(executor.submit(() -> {
					for (int counter = 0; counter < 50; counter++) {
						Map<String, @Nullable Object> session = map("user", user, "counter", counter);
						String cookie = this.codec.encode(session, ISSUED_AT);
						int tag = cookie.length() - 8;
						String tampered = cookie.substring(0, tag) + ((cookie.charAt(tag) != 'A') ? 'A' : 'B')
								+ cookie.substring(tag + 1);
						assertThat(this.codec.decode(tampered, MAX_AGE, NOW)).isNull();
						assertThat(this.codec.decode(cookie, MAX_AGE, NOW).session()).isEqualTo(session);
					}
				}));
			}
			for (Future<?> task : tasks) {
				task.get();
			}
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void rejectsEveryChangedByte() {
		for (Map<String, @Nullable Object> session : List.of(this.session, map("pad", "x".repeat(500)))) {
			byte[] cookie = Base64.getUrlDecoder().decode(this.codec.encode(session, ISSUED_AT));
			for (int i = 0; i < cookie.length; i++) {
				for (int bit = 0; bit < 8; bit++) {
					byte[] tampered = cookie.clone();
					tampered[i] ^= (byte) (1 << bit);
					assertThat(this.codec.decode(encode(tampered), MAX_AGE, NOW)).as("byte %d bit %d", i, bit).isNull();
				}
			}
		}
	}

	@Test
	void rejectsAnotherTextOfTheSameBytes() {
		// 1 + 8 + 12 + 16 bytes around the JSON: sessions of 3n + 1 and 3n + 2 bytes leave 2 and 4
		// unused bits in the last character, which a base64 decoder ignores
		for (String value : List.of("x", "xx")) {
			String cookie = this.codec.encode(map("k", value), ISSUED_AT);
			assertThat(cookie.length() % 4).isNotZero();
			char last = cookie.charAt(cookie.length() - 1);
			String alias = cookie.substring(0, cookie.length() - 1) + (char) (last + 1);
			assertThat(Base64.getUrlDecoder().decode(alias)).isEqualTo(Base64.getUrlDecoder().decode(cookie));
			assertThat(this.codec.decode(cookie, MAX_AGE, NOW)).isNotNull();
			assertThat(this.codec.decode(alias, MAX_AGE, NOW)).as(alias).isNull();
		}
	}

	@Test
	void rejectsEveryTruncationAndExtension() {
		String cookie = this.codec.encode(this.session, ISSUED_AT);
		for (int length = 0; length < cookie.length(); length++) {
			assertThat(this.codec.decode(cookie.substring(0, length), MAX_AGE, NOW)).as("length %d", length).isNull();
		}
		byte[] bytes = Base64.getUrlDecoder().decode(cookie);
		byte[] extended = Arrays.copyOf(bytes, bytes.length + 1);
		assertThat(this.codec.decode(encode(extended), MAX_AGE, NOW)).isNull();
		assertThat(this.codec.decode(cookie + "A", MAX_AGE, NOW)).isNull();
	}

	@Test
	void rejectsACookieEncryptedWithAnotherKey() {
		EncryptedSessionCookieCodec other = new EncryptedSessionCookieCodec(OLD_SECRET, List.of(), VALUES);
		assertThat(this.codec.decode(other.encode(this.session, ISSUED_AT), MAX_AGE, NOW)).isNull();
	}

	@Test
	void acceptsACookieEncryptedWithAFallbackKeyAndSaysSo() {
		EncryptedSessionCookieCodec old = new EncryptedSessionCookieCodec(OLD_SECRET, List.of(), VALUES);
		EncryptedSessionCookieCodec rotated = new EncryptedSessionCookieCodec(SECRET,
				List.of("another-retired-secret-key-of-32-bytes-or-more", OLD_SECRET), VALUES);
		Decoded decoded = rotated.decode(old.encode(this.session, ISSUED_AT), MAX_AGE, NOW);
		assertThat(decoded).isNotNull();
		assertThat(decoded.signedWithFallbackKey()).isTrue();
		assertSameValue(decoded.session(), this.session);
		Decoded current = rotated.decode(this.codec.encode(this.session, ISSUED_AT), MAX_AGE, NOW);
		assertThat(current.signedWithFallbackKey()).isFalse();
	}

	@Test
	void derivesTheSameKeyFromTheSameSecret() {
		EncryptedSessionCookieCodec other = new EncryptedSessionCookieCodec(SECRET, List.of(), new SessionValues(List.of()));
		assertSameValue(other.decode(this.codec.encode(this.session, ISSUED_AT), MAX_AGE, NOW).session(), this.session);
	}

	@Test
	void rejectsACookieOlderThanTheMaximumAge() {
		String cookie = this.codec.encode(this.session, ISSUED_AT);
		assertThat(this.codec.decode(cookie, MAX_AGE, ISSUED_AT.plus(MAX_AGE))).isNotNull();
		assertThat(this.codec.decode(cookie, MAX_AGE, ISSUED_AT.plus(MAX_AGE).plusSeconds(1))).isNull();
		assertThat(this.codec.decode(cookie, Duration.ZERO, ISSUED_AT.plusSeconds(1))).isNull();
	}

	@Test
	void rejectsACookieIssuedMoreThanAMinuteInTheFuture() {
		String cookie = this.codec.encode(this.session, ISSUED_AT);
		assertThat(this.codec.decode(cookie, MAX_AGE, ISSUED_AT.minusSeconds(60))).isNotNull();
		assertThat(this.codec.decode(cookie, MAX_AGE, ISSUED_AT.minusSeconds(61))).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "A", "not-a-cookie", "====", "AQAAAABp_2Vw", "a.b.c", "e30.av2GwA.3Tr9MEnl_b0zj2ZUaMzNosrjrB8",
			"AQAAAABpv/lYAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "AQAAAABpv_lYAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
			"AQAAAABpv_lYAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==", " AQAAAABpv_lYAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" })
	void rejectsGarbage(String cookie) {
		assertThat(this.codec.decode(cookie, MAX_AGE, NOW)).isNull();
	}

	@Test
	void rejectsExtremeIssueTimesWithoutOverflowing() {
		byte[] cookie = Base64.getUrlDecoder().decode(this.codec.encode(this.session, ISSUED_AT));
		for (long issuedAt : new long[] { Long.MIN_VALUE, Long.MIN_VALUE + 1, -1, Long.MAX_VALUE }) {
			byte[] tampered = cookie.clone();
			for (int i = 0; i < 8; i++) {
				tampered[1 + i] = (byte) (issuedAt >>> (56 - 8 * i));
			}
			assertThat(this.codec.decode(encode(tampered), Duration.ofSeconds(Long.MAX_VALUE), NOW)).isNull();
		}
	}

	@Test
	void rejectsAHugeCookieQuickly() {
		String cookie = this.codec.encode(this.session, ISSUED_AT);
		assertThat(this.codec.decode(cookie + "A".repeat(4096), MAX_AGE, NOW)).isNull();
		assertThat(this.codec.decode("A".repeat(10_000_000), MAX_AGE, NOW)).isNull();
	}

	@Test
	void rejectsAnEncryptedZipBomb() {
		String cookie = this.codec.encode(map("pad", "x".repeat(70 * 1024)), ISSUED_AT);
		assertThat(cookie).hasSizeLessThan(4096);
		assertThat(this.codec.decode(cookie, MAX_AGE, NOW)).isNull();
		String justFits = this.codec.encode(map("pad", "x".repeat(60 * 1024)), ISSUED_AT);
		assertThat(this.codec.decode(justFits, MAX_AGE, NOW)).isNotNull();
	}

	@Test
	void refusesToEncodeAnUnsupportedValue() {
		assertThatExceptionOfType(UnsupportedSessionValueException.class)
			.isThrownBy(() -> this.codec.encode(map("thread", Thread.currentThread()), ISSUED_AT))
			.withMessageContaining("Session value 'thread' of type java.lang.Thread cannot be stored");
	}

	@Test
	void refusesASecretKeyShorterThan32Bytes() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new EncryptedSessionCookieCodec("x".repeat(31), List.of(), VALUES))
			.withMessageContaining("31 bytes long but must be at least 32 bytes");
		// 11 characters, 33 bytes
		new EncryptedSessionCookieCodec("\u4f50".repeat(11), List.of(), VALUES);
	}

	@Test
	void derivesKeysWithHkdfSha256AsRfc5869Specifies() {
		HexFormat hex = HexFormat.of();
		byte[] inputKey = hex.parseHex("0b".repeat(22));
		assertThat(hex.formatHex(EncryptedSessionCookieCodec.hkdfSha256(inputKey, hex.parseHex("000102030405060708090a0b0c"),
				hex.parseHex("f0f1f2f3f4f5f6f7f8f9"), 42)))
			.isEqualTo("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
		assertThat(hex.formatHex(EncryptedSessionCookieCodec.hkdfSha256(inputKey, new byte[0], new byte[0], 42)))
			.isEqualTo("8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8");
	}

	private static String encode(byte[] cookie) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(cookie);
	}

	private static Map<String, @Nullable Object> map(@Nullable Object... keysAndValues) {
		Map<String, @Nullable Object> map = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			map.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return map;
	}

	private static List<@Nullable Object> list(@Nullable Object... values) {
		return new ArrayList<>(Arrays.asList(values));
	}

	record Point(int x, int y) {

	}

}
