package dev.flagon.session.cookie;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.flagon.session.SessionDecodingException;
import dev.flagon.session.SessionValues;
import dev.flagon.session.cookie.SessionCookieCodec.Decoded;
import org.jspecify.annotations.Nullable;

import static dev.flagon.session.SessionValueAssertions.assertSameValueInAnyKeyOrder;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzz tests for the cookie codecs and {@link SessionValues}: whatever the input, decoding
 * returns {@code null} or throws {@link SessionDecodingException}, and what decodes can be
 * written again. Without {@code JAZZER_FUZZ} they run the committed seed inputs only.
 */
class SessionCookieCodecFuzzTests {

	private static final String SECRET = "flagon-test-vector-secret-key-32-bytes-long!";

	private static final Instant NOW = Instant.ofEpochSecond(1795000010);

	private static final Duration MAX_AGE = Duration.ofDays(31);

	private static final SessionValues VALUES = new SessionValues(List.of());

	private static final FlaskSessionCookieCodec FLASK = new FlaskSessionCookieCodec(SECRET, List.of(), VALUES);

	private static final EncryptedSessionCookieCodec ENCRYPTED = new EncryptedSessionCookieCodec(SECRET, List.of(),
			VALUES);

	@FuzzTest
	void flaskCodecDecodesAnyCookieOrReturnsNull(byte[] input) {
		decodeAndReencode(FLASK, new String(input, StandardCharsets.ISO_8859_1));
	}

	@FuzzTest
	void encryptedCodecDecodesAnyCookieOrReturnsNull(byte[] input) {
		decodeAndReencode(ENCRYPTED, new String(input, StandardCharsets.ISO_8859_1));
	}

	/**
	 * Signs the input as a Flask payload (a dot first means zlib), so that the fuzzer gets
	 * past the signature to base64, inflation and JSON.
	 */
	@FuzzTest
	void flaskCodecDecodesAnySignedPayloadOrReturnsNull(byte[] input) throws GeneralSecurityException {
		String payload = new String(input, StandardCharsets.ISO_8859_1);
		String signed = payload + ".av2GwA";
		Mac mac = Mac.getInstance("HmacSHA1");
		mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
		mac.init(new SecretKeySpec(mac.doFinal("cookie-session".getBytes(StandardCharsets.US_ASCII)), "HmacSHA1"));
		String signature = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.ISO_8859_1)));
		decodeAndReencode(FLASK, signed + "." + signature);
	}

	/**
	 * Encrypts the input with the codec's key: its first byte is the format byte, the rest
	 * the plaintext, so that the fuzzer gets past authentication to inflation and JSON.
	 */
	@FuzzTest
	void encryptedCodecDecodesAnyEncryptedPlaintextOrReturnsNull(byte[] input) throws GeneralSecurityException {
		if (input.length == 0) {
			return;
		}
		byte[] header = new byte[9];
		header[0] = input[0];
		header[8] = 1;
		byte[] nonce = new byte[12];
		SecretKeySpec key = new SecretKeySpec(EncryptedSessionCookieCodec.hkdfSha256(
				SECRET.getBytes(StandardCharsets.UTF_8), new byte[0],
				"flagon session cookie v1".getBytes(StandardCharsets.US_ASCII), 32), "AES");
		Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
		cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
		cipher.updateAAD(header);
		byte[] ciphertext = cipher.doFinal(input, 1, input.length - 1);
		byte[] cookie = new byte[header.length + nonce.length + ciphertext.length];
		System.arraycopy(header, 0, cookie, 0, header.length);
		System.arraycopy(ciphertext, 0, cookie, header.length + nonce.length, ciphertext.length);
		String value = Base64.getUrlEncoder().withoutPadding().encodeToString(cookie);
		Decoded decoded = decodeAndReencode(ENCRYPTED, value);
		if (decoded != null) {
			assertThat(decoded.issuedAt()).isEqualTo(Instant.ofEpochSecond(1));
		}
	}

	@FuzzTest
	void sessionValuesReadAnyJsonOrRefuseIt(byte[] input) {
		for (SessionValues values : List.of(VALUES, VALUES.withDialect(SessionValues.Dialect.FLASK))) {
			try {
				Map<String, @Nullable Object> session = values.deserialize(input);
				assertSameValueInAnyKeyOrder(values.deserialize(values.serialize(session)), session);
			}
			catch (SessionDecodingException ex) {
				// refused: the stores start a fresh session
			}
			try {
				Object value = values.deserializeValue(input);
				assertSameValueInAnyKeyOrder(values.deserializeValue(values.serializeValue(value)), value);
			}
			catch (SessionDecodingException ex) {
				// refused
			}
		}
	}

	private static @Nullable Decoded decodeAndReencode(SessionCookieCodec codec, String cookie) {
		Decoded decoded = codec.decode(cookie, (codec == ENCRYPTED) ? Duration.ofDays(365 * 100) : MAX_AGE, NOW);
		if (decoded != null) {
			String again = codec.encode(decoded.session(), decoded.issuedAt());
			Decoded redecoded = codec.decode(again, Duration.ofDays(365 * 100), NOW);
			assertThat(redecoded).isNotNull();
			assertSameValueInAnyKeyOrder(redecoded.session(), decoded.session());
		}
		return decoded;
	}

}
