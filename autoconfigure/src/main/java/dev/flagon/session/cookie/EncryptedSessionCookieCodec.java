package dev.flagon.session.cookie;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import dev.flagon.session.SessionDecodingException;
import dev.flagon.session.SessionValues;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * A {@link SessionCookieCodec} that encrypts the session with AES-256-GCM, so that the client
 * can neither read nor change it.
 * <p>
 * The cookie value is the unpadded base64url form of
 * {@code [format: 1 byte][issued at: 8 bytes, epoch seconds, big-endian][nonce: 12 random bytes][ciphertext and 16-byte tag]},
 * with the unused low bits of its last character zero: another text of the same bytes is
 * refused. The format byte is {@code 0x01}, or {@code 0x81} when the plaintext is deflated; it and the
 * issue time are authenticated as associated data. The plaintext is the
 * {@linkplain SessionValues.Dialect#NATIVE native dialect} of tagged JSON, raw-deflated
 * when it has 256 bytes or more and deflating makes it shorter. Each secret key gives an AES key through HKDF-SHA256 with the info
 * {@code "flagon session cookie v1"}.
 *
 * @since 0.1.0
 */
final class EncryptedSessionCookieCodec implements SessionCookieCodec {

	private static final byte VERSION_1 = 0x01;

	private static final byte VERSION_1_DEFLATED = (byte) 0x81;

	private static final int HEADER_LENGTH = 1 + 8;

	// Deflating costs a few microseconds whatever the size, more than encrypting a small
	// session, and saves little below this
	private static final int COMPRESSION_THRESHOLD = 256;

	private static final int NONCE_LENGTH = 12;

	private static final int TAG_LENGTH = 16;

	private static final int MIN_LENGTH = HEADER_LENGTH + NONCE_LENGTH + TAG_LENGTH;

	private static final byte[] HKDF_INFO = "flagon session cookie v1".getBytes(StandardCharsets.US_ASCII);

	private static final String AES_GCM = "AES/GCM/NoPadding";

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

	/**
	 * How many verified cookies a codec remembers by default.
	 */
	static final int DEFAULT_CACHE_SIZE = 1024;

	/**
	 * The most verified cookies a codec may remember.
	 */
	static final int MAX_CACHE_SIZE = 1 << 20;

	private final List<SecretKeySpec> keys;

	private final SessionValues values;

	private final RandomBytes nonces = new RandomBytes(NONCE_LENGTH);

	// Cipher.getInstance looks the provider up and init expands the AES key again, which costs
	// more than encrypting a small session; a reused Cipher keeps the expanded key. The queue
	// holds at most as many as there were concurrent requests.
	private final Queue<Cipher> ciphers = new ConcurrentLinkedQueue<>();

	private final CookieCodecSupport.Zlib zlib = new CookieCodecSupport.Zlib(true);

	private volatile CookieCodecSupport.VerifiedCookies verified = new CookieCodecSupport.VerifiedCookies(
			DEFAULT_CACHE_SIZE);

	/**
	 * Create a codec.
	 * @param secretKey the secret key that encrypts new cookies, at least 32 bytes in UTF-8
	 * @param fallbackKeys older secret keys whose cookies are still accepted, each at least
	 * 32 bytes in UTF-8
	 * @param values the values sessions may hold; this codec writes them in the native dialect
	 * @throws IllegalArgumentException if a key is missing or shorter than 32 bytes
	 */
	EncryptedSessionCookieCodec(String secretKey, List<String> fallbackKeys, SessionValues values) {
		Assert.notNull(values, "'values' must not be null");
		List<SecretKeySpec> keys = new ArrayList<>();
		for (byte[] secret : CookieCodecSupport.secrets(secretKey, fallbackKeys)) {
			keys.add(new SecretKeySpec(hkdfSha256(secret, new byte[0], HKDF_INFO, 32), "AES"));
		}
		this.keys = List.copyOf(keys);
		this.values = values.withDialect(SessionValues.Dialect.NATIVE);
	}

	@Override
	public String encode(Map<String, ? extends @Nullable Object> session, Instant issuedAt) {
		Assert.notNull(session, "'session' must not be null");
		Assert.notNull(issuedAt, "'issuedAt' must not be null");
		byte[] json = this.values.serialize(session);
		byte[] plaintext = json;
		byte format = VERSION_1;
		if (plaintext.length >= COMPRESSION_THRESHOLD) {
			byte[] deflated = this.zlib.deflate(plaintext);
			if (deflated.length < plaintext.length) {
				plaintext = deflated;
				format = VERSION_1_DEFLATED;
			}
		}
		byte[] cookie = new byte[MIN_LENGTH + plaintext.length];
		ByteBuffer.wrap(cookie).put(format).putLong(issuedAt.getEpochSecond());
		this.nonces.next(cookie, HEADER_LENGTH);
		try {
			Cipher cipher = cipher();
			cipher.init(Cipher.ENCRYPT_MODE, this.keys.get(0),
					new GCMParameterSpec(TAG_LENGTH * 8, cookie, HEADER_LENGTH, NONCE_LENGTH));
			cipher.updateAAD(cookie, 0, HEADER_LENGTH);
			cipher.doFinal(plaintext, 0, plaintext.length, cookie, HEADER_LENGTH + NONCE_LENGTH);
			this.ciphers.offer(cipher);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM encryption failed", ex);
		}
		byte[] ascii = ENCODER.encode(cookie);
		String value = new String(ascii, StandardCharsets.US_ASCII);
		// The browser sends it back with its next request
		this.verified.put(value, ascii, issuedAt.getEpochSecond(), json, false);
		return value;
	}

	/**
	 * Set how many recently verified or written cookies to remember, so that a cookie sent
	 * again is not decrypted again; 0 remembers none. Default {@value #DEFAULT_CACHE_SIZE}.
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
		// One text per cookie: the tag covers the bytes, not the text that carries them
		if (!CookieCodecSupport.isWellFormed(cookieValue, false) || !CookieCodecSupport.isCanonicalBase64(cookieValue)) {
			return null;
		}
		byte[] cookie;
		try {
			cookie = DECODER.decode(cookieValue);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
		if (cookie.length < MIN_LENGTH || (cookie[0] != VERSION_1 && cookie[0] != VERSION_1_DEFLATED)) {
			return null;
		}
		long issuedAt = ByteBuffer.wrap(cookie, 1, 8).getLong();
		// before decrypting, so that expired cookies cost nothing; the tag still covers the time
		if (!CookieCodecSupport.isFresh(issuedAt, maxAge, now)) {
			return null;
		}
		for (int i = 0; i < this.keys.size(); i++) {
			byte[] plaintext = decrypt(this.keys.get(i), cookie);
			if (plaintext != null) {
				byte[] json = (cookie[0] == VERSION_1_DEFLATED) ? this.zlib.inflate(plaintext, 0, plaintext.length)
						: plaintext;
				Decoded decoded = (json != null) ? CookieCodecSupport.parse(this.values, json, issuedAt, i > 0) : null;
				if (decoded != null) {
					verified.put(cookieValue, issuedAt, json, i > 0);
				}
				return decoded;
			}
		}
		return null;
	}

	private byte @Nullable [] decrypt(SecretKeySpec key, byte[] cookie) {
		try {
			Cipher cipher = cipher();
			cipher.init(Cipher.DECRYPT_MODE, key,
					new GCMParameterSpec(TAG_LENGTH * 8, cookie, HEADER_LENGTH, NONCE_LENGTH));
			cipher.updateAAD(cookie, 0, HEADER_LENGTH);
			int offset = HEADER_LENGTH + NONCE_LENGTH;
			byte[] plaintext;
			try {
				plaintext = cipher.doFinal(cookie, offset, cookie.length - offset);
			}
			catch (AEADBadTagException ex) {
				plaintext = null;
			}
			// doFinal leaves the cipher ready for the next init, whether the tag matched or not
			this.ciphers.offer(cipher);
			return plaintext;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM decryption failed", ex);
		}
	}

	private Cipher cipher() throws GeneralSecurityException {
		Cipher cipher = this.ciphers.poll();
		return (cipher != null) ? cipher : Cipher.getInstance(AES_GCM);
	}

	/**
	 * HKDF (RFC 5869) with HMAC-SHA256.
	 */
	static byte[] hkdfSha256(byte[] inputKey, byte[] salt, byte[] info, int length) {
		Assert.isTrue(length > 0 && length <= 255 * 32, "'length' must be from 1 to 8160");
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec((salt.length > 0) ? salt : new byte[32], "HmacSHA256"));
			byte[] pseudoRandomKey = mac.doFinal(inputKey);
			mac.init(new SecretKeySpec(pseudoRandomKey, "HmacSHA256"));
			byte[] result = new byte[length];
			byte[] block = new byte[0];
			for (int offset = 0, counter = 1; offset < length; offset += block.length, counter++) {
				mac.update(block);
				mac.update(info);
				mac.update((byte) counter);
				block = mac.doFinal();
				System.arraycopy(block, 0, result, offset, Math.min(block.length, length - offset));
			}
			return result;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA256 is not available", ex);
		}
	}

}
