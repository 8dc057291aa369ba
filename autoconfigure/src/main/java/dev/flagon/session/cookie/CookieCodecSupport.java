package dev.flagon.session.cookie;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import org.jspecify.annotations.Nullable;

import dev.flagon.session.SessionDecodingException;
import dev.flagon.session.SessionValues;
import dev.flagon.session.cookie.SessionCookieCodec.Decoded;

import org.springframework.util.Assert;

/**
 * Helpers shared by the cookie codecs.
 */
final class CookieCodecSupport {

	/**
	 * The longest cookie value a codec reads; browsers keep about 4096 bytes per cookie.
	 */
	static final int MAX_COOKIE_LENGTH = 4096;

	/**
	 * How far in the future an issue time may be, for clocks that differ a little.
	 */
	static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

	/**
	 * How large compressed session data may grow when inflated: a cookie of 4 KiB deflates
	 * to far less from any real session, so more is a zip bomb.
	 */
	static final int MAX_INFLATED_LENGTH = 64 * 1024;

	static final int MIN_SECRET_LENGTH = CookieSessionStore.MIN_SECRET_KEY_BYTES;

	private CookieCodecSupport() {
	}

	static List<byte[]> secrets(String secretKey, List<String> fallbackKeys) {
		Assert.notNull(fallbackKeys, "'fallbackKeys' must not be null");
		List<byte[]> secrets = new ArrayList<>(fallbackKeys.size() + 1);
		secrets.add(secret(secretKey, "secret key"));
		for (String fallbackKey : fallbackKeys) {
			secrets.add(secret(fallbackKey, "fallback secret key"));
		}
		return secrets;
	}

	private static byte[] secret(@Nullable String secret, String what) {
		Assert.isTrue(secret != null && !secret.isEmpty(),
				() -> "The session " + what + " must be set: use a random value of at least " + MIN_SECRET_LENGTH
						+ " bytes, e.g. the output of '" + CookieSessionStore.MAKE_A_SECRET_KEY + "'");
		byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
		Assert.isTrue(bytes.length >= MIN_SECRET_LENGTH,
				() -> "The session " + what + " is " + bytes.length + " bytes long but must be at least "
						+ MIN_SECRET_LENGTH + " bytes (UTF-8): use a random value, e.g. the output of '"
						+ CookieSessionStore.MAKE_A_SECRET_KEY + "'");
		return bytes;
	}

	/**
	 * Whether a cookie value has the length and characters of unpadded base64url text,
	 * plus {@code .} if allowed.
	 */
	static boolean isWellFormed(@Nullable String value, boolean dotAllowed) {
		if (value == null || value.isEmpty() || value.length() > MAX_COOKIE_LENGTH) {
			return false;
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
					|| (c == '.' && dotAllowed))) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Whether unpadded base64url text, well-formed and of a valid length, is the one text
	 * that encodes its bytes: the low bits of its last character that no byte uses are zero,
	 * as every encoder writes them. A decoder ignores those bits, so otherwise up to 16 texts
	 * decode to the same bytes.
	 */
	static boolean isCanonicalBase64(String value) {
		int unusedBits = switch (value.length() % 4) {
			case 2 -> 4;
			case 3 -> 2;
			default -> 0;
		};
		return unusedBits == 0 || (base64Digit(value.charAt(value.length() - 1)) & ((1 << unusedBits) - 1)) == 0;
	}

	private static int base64Digit(char c) {
		if (c >= 'A' && c <= 'Z') {
			return c - 'A';
		}
		if (c >= 'a' && c <= 'z') {
			return c - 'a' + 26;
		}
		if (c >= '0' && c <= '9') {
			return c - '0' + 52;
		}
		return (c == '-') ? 62 : 63;
	}

	/**
	 * Whether a cookie issued at the given second is neither older than {@code maxAge} nor
	 * more than the allowed skew in the future.
	 */
	static boolean isFresh(long issuedAt, Duration maxAge, Instant now) {
		try {
			long age = Math.subtractExact(now.getEpochSecond(), issuedAt);
			return age <= maxAge.getSeconds() && age >= -CLOCK_SKEW.getSeconds();
		}
		catch (ArithmeticException ex) {
			return false;
		}
	}

	/**
	 * Parse a verified cookie's JSON, or return {@code null} if it is not a session.
	 */
	static @Nullable Decoded parse(SessionValues values, byte[] json, long issuedAt, boolean fallbackKey) {
		try {
			return new Decoded(values.deserialize(json), Instant.ofEpochSecond(issuedAt), fallbackKey);
		}
		catch (SessionDecodingException ex) {
			return null;
		}
	}

	/**
	 * Cookies a codec verified lately, with what they hold: a browser sends the same cookie
	 * with every request until the session changes, and checking it again (base64, AES-GCM
	 * or HMAC-SHA1, zlib) costs more than the rest of reading it. The codec also remembers the
	 * cookies it writes, which browsers send back next.
	 * <p>
	 * A direct-mapped table indexed by the cookie's hash: a lookup is a hash and one
	 * comparison, a newer cookie replaces an older one on the same slot, and the table never
	 * grows. A hit needs the whole cookie to be equal, compared in constant time, so only a
	 * cookie that this codec verified with its current keys, or wrote, is found. What is kept
	 * is the verified JSON and, once read, its values, of which every request gets a copy of
	 * its own, so that no two requests share a value that can change; the issue time is
	 * checked again on every request. Sessions of more than {@link #MAX_JSON_LENGTH} bytes of
	 * JSON are not kept.
	 */
	static final class VerifiedCookies {

		/**
		 * The largest session JSON kept.
		 */
		static final int MAX_JSON_LENGTH = 4096;

		private static final int HASHED_CHARACTERS = 12;

		private final @Nullable Entry[] entries;

		private final int mask;

		/**
		 * Create a table.
		 * @param size the number of slots, rounded up to a power of two; 0 keeps nothing
		 */
		VerifiedCookies(int size) {
			Assert.isTrue(size >= 0 && size <= EncryptedSessionCookieCodec.MAX_CACHE_SIZE,
					() -> "'size' must be from 0 to " + EncryptedSessionCookieCodec.MAX_CACHE_SIZE);
			int slots = (size <= 1) ? size : Integer.highestOneBit(size - 1) << 1;
			this.entries = new Entry[slots];
			this.mask = slots - 1;
		}

		@Nullable Entry get(String cookie) {
			if (this.entries.length == 0) {
				return null;
			}
			// Entries are immutable: a racing read sees a whole one or another
			Entry entry = this.entries[slot(cookie)];
			return (entry != null && entry.isFor(cookie)) ? entry : null;
		}

		/**
		 * Remember a cookie; its JSON array is kept as it is and must not change.
		 */
		void put(String cookie, long issuedAt, byte[] json, boolean fallbackKey) {
			put(cookie, null, issuedAt, json, fallbackKey);
		}

		/**
		 * Remember a cookie whose UTF-8 the caller has already; both arrays are kept as they
		 * are and must not change.
		 */
		void put(String cookie, byte @Nullable [] utf8, long issuedAt, byte[] json, boolean fallbackKey) {
			if (this.entries.length != 0 && json.length <= MAX_JSON_LENGTH) {
				byte[] bytes = (utf8 != null) ? utf8 : cookie.getBytes(StandardCharsets.UTF_8);
				this.entries[slot(cookie)] = new Entry(bytes, issuedAt, json, fallbackKey);
			}
		}

		private int slot(String cookie) {
			// Both formats end in a MAC (the GCM tag, the HMAC): its last characters are
			// as good a hash as the whole cookie's, which would cost a pass over it
			int hash = 0;
			for (int i = Math.max(0, cookie.length() - HASHED_CHARACTERS); i < cookie.length(); i++) {
				hash = 31 * hash + cookie.charAt(i);
			}
			return (hash ^ (hash >>> 16)) & this.mask;
		}

		/**
		 * A verified cookie: when it was issued, its session as JSON, and whether a fallback
		 * key verified it. Once read, it also keeps the session's values, which no request
		 * ever sees: each read gets a copy of them (maps, lists and byte arrays copied), which
		 * costs a fraction of parsing the JSON again. A session holding a value of a
		 * registered type, which may be mutable and has no copy, is parsed on every read.
		 */
		static final class Entry {

			private static final Object NOT_COPYABLE = new Object();

			// As UTF-8, in which no two strings have the same bytes: equal bytes, equal cookies
			private final byte[] cookie;

			private final Instant issuedAt;

			private final byte[] json;

			private final boolean fallbackKey;

			// null until first read, then the values or NOT_COPYABLE; a racing read may parse
			// again, and either result is right
			private volatile @Nullable Object values;

			Entry(byte[] cookie, long issuedAt, byte[] json, boolean fallbackKey) {
				this.cookie = cookie;
				this.issuedAt = Instant.ofEpochSecond(issuedAt);
				this.json = json;
				this.fallbackKey = fallbackKey;
			}

			boolean isFor(String cookie) {
				// In constant time: a comparison that stopped at the first difference would
				// tell, by its time, how much of a remembered cookie a forged one got right
				return cookie.length() == this.cookie.length
						&& MessageDigest.isEqual(this.cookie, cookie.getBytes(StandardCharsets.UTF_8));
			}

			/**
			 * Read the remembered session, or {@code null} if the cookie is no longer fresh.
			 */
			@Nullable Decoded read(SessionValues values, Duration maxAge, Instant now) {
				if (!isFresh(this.issuedAt.getEpochSecond(), maxAge, now)) {
					return null;
				}
				Object kept = this.values;
				if (kept instanceof Map<?, ?> session) {
					@SuppressWarnings("unchecked")
					Map<String, @Nullable Object> copy = values.copyOf((Map<String, @Nullable Object>) session);
					if (copy != null) {
						return new Decoded(copy, this.issuedAt, this.fallbackKey);
					}
				}
				Decoded decoded = parse(values, this.json, this.issuedAt.getEpochSecond(), this.fallbackKey);
				if (decoded != null && kept == null) {
					Map<String, @Nullable Object> copy = values.copyOf(decoded.session());
					this.values = (copy != null) ? copy : NOT_COPYABLE;
				}
				return decoded;
			}

		}

	}

	/**
	 * Deflates with reused zlib streams, inflates with a new one each time. A new deflate
	 * stream allocates about 300 KB of native memory: reusing one saves 0.5 µs a session
	 * written, a new inflate stream costs no more than a reused one (docs/benchmarks.md).
	 * Up to {@link #MAX_IDLE_STREAMS} idle deflate streams are kept for the next call.
	 */
	static final class Zlib {

		static final int MAX_IDLE_STREAMS = 16;

		private final boolean nowrap;

		private final BlockingQueue<Deflater> deflaters = new ArrayBlockingQueue<>(MAX_IDLE_STREAMS);

		/**
		 * @param nowrap whether to read and write raw deflate data rather than zlib's format
		 */
		Zlib(boolean nowrap) {
			this.nowrap = nowrap;
		}

		byte[] deflate(byte[] data) {
			Deflater deflater = this.deflaters.poll();
			if (deflater == null) {
				deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, this.nowrap);
			}
			try {
				deflater.setInput(data);
				deflater.finish();
				byte[] buffer = new byte[data.length + 64];
				int length = 0;
				while (!deflater.finished()) {
					if (length == buffer.length) {
						buffer = Arrays.copyOf(buffer, buffer.length * 2);
					}
					length += deflater.deflate(buffer, length, buffer.length - length);
				}
				return Arrays.copyOf(buffer, length);
			}
			finally {
				deflater.reset();
				if (!this.deflaters.offer(deflater)) {
					deflater.end();
				}
			}
		}

		/**
		 * Inflate one complete deflate stream, or return {@code null} if it is malformed,
		 * truncated, followed by anything, or inflates beyond {@link #MAX_INFLATED_LENGTH}.
		 */
		byte @Nullable [] inflate(byte[] data, int offset, int length) {
			Inflater inflater = new Inflater(this.nowrap);
			try {
				inflater.setInput(data, offset, length);
				byte[] buffer = new byte[Math.min(Math.max(length * 4, 256), MAX_INFLATED_LENGTH)];
				int size = 0;
				while (!inflater.finished()) {
					if (size == buffer.length) {
						if (size == MAX_INFLATED_LENGTH) {
							return null;
						}
						buffer = Arrays.copyOf(buffer, Math.min(buffer.length * 2, MAX_INFLATED_LENGTH));
					}
					int inflated = inflater.inflate(buffer, size, buffer.length - size);
					if (inflated == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
						return null;
					}
					size += inflated;
				}
				return (inflater.getRemaining() == 0) ? Arrays.copyOf(buffer, size) : null;
			}
			catch (DataFormatException ex) {
				return null;
			}
			finally {
				inflater.end();
			}
		}

	}

}
