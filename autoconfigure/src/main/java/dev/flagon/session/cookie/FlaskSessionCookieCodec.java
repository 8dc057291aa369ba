package dev.flagon.session.cookie;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.flagon.session.SessionDecodingException;
import dev.flagon.session.SessionValues;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * A {@link SessionCookieCodec} that reads and writes the cookies of Flask's
 * {@code SecureCookieSessionInterface}, so that a Flask app and a Flagon app can share a
 * session: itsdangerous' {@code URLSafeTimedSerializer} with the salt
 * {@code cookie-session}, HMAC key derivation and SHA-1, over the
 * {@linkplain SessionValues.Dialect#FLASK Flask dialect} of tagged JSON, zlib-compressed when
 * that is shorter.
 * <p>
 * The cookie is signed, not encrypted: the client can read the session. Prefer
 * {@link EncryptedSessionCookieCodec} unless a Flask app must read the cookie.
 *
 * @since 0.1.0
 */
final class FlaskSessionCookieCodec implements SessionCookieCodec {

	private static final byte[] SALT = "cookie-session".getBytes(StandardCharsets.US_ASCII);

	private static final String HMAC_SHA1 = "HmacSHA1";

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

	private final List<SecretKeySpec> keys;

	// One queue of used Macs per key: Mac.getInstance looks the provider up and init sets the
	// key up again, which costs as much as signing a small session; a reused Mac keeps its key
	private final List<Queue<Mac>> macs;

	private final SessionValues values;

	private final CookieCodecSupport.Zlib zlib = new CookieCodecSupport.Zlib(false);

	private volatile CookieCodecSupport.VerifiedCookies verified = new CookieCodecSupport.VerifiedCookies(
			EncryptedSessionCookieCodec.DEFAULT_CACHE_SIZE);

	/**
	 * Create a codec.
	 * @param secretKey the secret key that signs new cookies, at least 32 bytes in UTF-8
	 * (Flask's {@code SECRET_KEY})
	 * @param fallbackKeys older secret keys whose cookies are still accepted (Flask's
	 * {@code SECRET_KEY_FALLBACKS}), each at least 32 bytes in UTF-8
	 * @param values the values sessions may hold; this codec writes them in the Flask dialect
	 * @throws IllegalArgumentException if a key is missing or shorter than 32 bytes
	 */
	FlaskSessionCookieCodec(String secretKey, List<String> fallbackKeys, SessionValues values) {
		Assert.notNull(values, "'values' must not be null");
		List<SecretKeySpec> keys = new ArrayList<>();
		for (byte[] secret : CookieCodecSupport.secrets(secretKey, fallbackKeys)) {
			// itsdangerous' "hmac" key derivation: the signing key is HMAC(secret, salt)
			keys.add(new SecretKeySpec(hmac(new SecretKeySpec(secret, HMAC_SHA1), SALT), HMAC_SHA1));
		}
		this.keys = List.copyOf(keys);
		this.macs = this.keys.stream().<Queue<Mac>>map((key) -> new ConcurrentLinkedQueue<>()).toList();
		this.values = values.withDialect(SessionValues.Dialect.FLASK);
	}

	@Override
	public String encode(Map<String, ? extends @Nullable Object> session, Instant issuedAt) {
		Assert.notNull(session, "'session' must not be null");
		Assert.notNull(issuedAt, "'issuedAt' must not be null");
		Assert.isTrue(issuedAt.getEpochSecond() >= 0, "'issuedAt' must not be before 1970");
		byte[] json = this.values.serialize(session);
		byte[] compressed = this.zlib.deflate(json);
		// itsdangerous compresses only when that saves more than the "." marking it
		String payload = (compressed.length < json.length - 1) ? "." + ENCODER.encodeToString(compressed)
				: ENCODER.encodeToString(json);
		String signed = payload + "." + ENCODER.encodeToString(timestampBytes(issuedAt.getEpochSecond()));
		String value = signed + "." + signature(0, signed);
		// The browser sends it back with its next request
		this.verified.put(value, issuedAt.getEpochSecond(), json, false);
		return value;
	}

	/**
	 * Set how many recently verified or written cookies to remember, so that a cookie sent
	 * again is not verified and inflated again; 0 remembers none. Default
	 * {@value EncryptedSessionCookieCodec#DEFAULT_CACHE_SIZE}.
	 * @param cacheSize the number of cookies, rounded up to a power of two
	 */
	@Override
	public void setCacheSize(int cacheSize) {
		this.verified = new CookieCodecSupport.VerifiedCookies(cacheSize);
	}

	@Override
	public @Nullable Decoded decode(String cookieValue, Duration maxAge, Instant now) {
		Assert.notNull(maxAge, "'maxAge' must not be null");
		Assert.notNull(now, "'now' must not be null");
		CookieCodecSupport.VerifiedCookies verified = this.verified;
		CookieCodecSupport.VerifiedCookies.Entry known = verified.get(cookieValue);
		if (known != null) {
			return known.read(this.values, maxAge, now);
		}
		if (!CookieCodecSupport.isWellFormed(cookieValue, true)) {
			return null;
		}
		int signatureDot = cookieValue.lastIndexOf('.');
		int timestampDot = (signatureDot > 0) ? cookieValue.lastIndexOf('.', signatureDot - 1) : -1;
		if (timestampDot < 1) {
			return null;
		}
		String signed = cookieValue.substring(0, signatureDot);
		byte[] signature = cookieValue.substring(signatureDot + 1).getBytes(StandardCharsets.US_ASCII);
		int keyIndex = verify(signed, signature);
		if (keyIndex < 0) {
			return null;
		}
		long issuedAt = timestamp(cookieValue.substring(timestampDot + 1, signatureDot));
		if (issuedAt < 0 || !CookieCodecSupport.isFresh(issuedAt, maxAge, now)) {
			return null;
		}
		byte[] json = payload(cookieValue.substring(0, timestampDot));
		Decoded decoded = (json != null) ? CookieCodecSupport.parse(this.values, json, issuedAt, keyIndex > 0) : null;
		if (decoded != null) {
			verified.put(cookieValue, issuedAt, json, keyIndex > 0);
		}
		return decoded;
	}

	private int verify(String signed, byte[] signature) {
		for (int i = 0; i < this.keys.size(); i++) {
			// comparing the encoded text also refuses other encodings of the same bytes
			byte[] expected = signature(i, signed).getBytes(StandardCharsets.US_ASCII);
			if (MessageDigest.isEqual(expected, signature)) {
				return i;
			}
		}
		return -1;
	}

	private byte @Nullable [] payload(String payload) {
		boolean compressed = payload.startsWith(".");
		try {
			byte[] json = DECODER.decode(compressed ? payload.substring(1) : payload);
			return compressed ? this.zlib.inflate(json, 0, json.length) : json;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/**
	 * The big-endian bytes of the timestamp without leading zeros, as itsdangerous'
	 * {@code int_to_bytes} writes them.
	 */
	private static byte[] timestampBytes(long timestamp) {
		int length = (64 - Long.numberOfLeadingZeros(timestamp) + 7) / 8;
		byte[] bytes = new byte[length];
		for (int i = length - 1; i >= 0; i--, timestamp >>>= 8) {
			bytes[i] = (byte) timestamp;
		}
		return bytes;
	}

	/**
	 * Read a timestamp, or return -1 if it is not base64url of at most 8 bytes.
	 */
	private static long timestamp(String encoded) {
		byte[] bytes;
		try {
			bytes = DECODER.decode(encoded);
		}
		catch (IllegalArgumentException ex) {
			return -1;
		}
		if (bytes.length > 8) {
			return -1;
		}
		long timestamp = 0;
		for (byte b : bytes) {
			timestamp = (timestamp << 8) | (b & 0xff);
		}
		return timestamp;
	}

	private String signature(int keyIndex, String signed) {
		Queue<Mac> macs = this.macs.get(keyIndex);
		Mac mac = macs.poll();
		if (mac == null) {
			mac = mac(this.keys.get(keyIndex));
		}
		byte[] signature = mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII));
		macs.offer(mac);
		return ENCODER.encodeToString(signature);
	}

	private static byte[] hmac(SecretKeySpec key, byte[] data) {
		return mac(key).doFinal(data);
	}

	private static Mac mac(SecretKeySpec key) {
		try {
			Mac mac = Mac.getInstance(HMAC_SHA1);
			mac.init(key);
			return mac;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA1 is not available", ex);
		}
	}

}
