package dev.flagon.session.cookie;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Turns a whole session into one cookie value, signed or encrypted and stamped with the
 * time it was issued, and back. The cookie store uses one codec per app; implementations are
 * thread-safe.
 * <p>
 * Decoding never trusts the cookie: anything that is not exactly a cookie this codec wrote
 * with one of its keys, within its lifetime, decodes to {@code null}, and the store starts
 * a fresh session.
 *
 * @since 0.1.0
 * @see FlaskSessionCookieCodec
 * @see EncryptedSessionCookieCodec
 */
interface SessionCookieCodec {

	/**
	 * Encode a session into a cookie value, signed or encrypted with the current key.
	 * @param session the session attributes
	 * @param issuedAt when the cookie is issued; stored to the second and checked against
	 * the maximum age when the cookie is decoded
	 * @return the cookie value: URL-safe base64 text and dots, which needs no quoting
	 * @throws dev.flagon.session.UnsupportedSessionValueException if a value cannot be stored
	 */
	String encode(Map<String, ? extends @Nullable Object> session, Instant issuedAt);

	/**
	 * Decode a cookie value. Never throws for bad input.
	 * @param cookieValue the cookie value as the client sent it
	 * @param maxAge how long after its issue time a cookie is accepted
	 * @param now the current time
	 * @return the session, or {@code null} if the cookie is tampered with, truncated,
	 * malformed, longer than 4096 characters, signed or encrypted with none of the keys,
	 * older than {@code maxAge}, or issued more than a minute after {@code now}
	 */
	@Nullable Decoded decode(String cookieValue, Duration maxAge, Instant now);

	/**
	 * Set how many recently verified or written cookies to remember, so that a cookie sent
	 * again is not verified again; 0 remembers none.
	 * @param cacheSize the number of cookies, rounded up to a power of two
	 */
	void setCacheSize(int cacheSize);

	/**
	 * A decoded session cookie.
	 * <p>
	 * A class rather than a record: the JVM can lose the fields of a record whose
	 * components carry type annotations when an agent retransforms it (JDK-8376185, hit
	 * here by Jazzer's instrumentation), and its {@code toString} leaves the values out.
	 */
	final class Decoded {

		private final Map<String, @Nullable Object> session;

		private final Instant issuedAt;

		private final boolean signedWithFallbackKey;

		/**
		 * Create a decoded session cookie.
		 * @param session the session attributes
		 * @param issuedAt when the cookie was issued
		 * @param signedWithFallbackKey whether a fallback key signed or encrypted it
		 */
		public Decoded(Map<String, @Nullable Object> session, Instant issuedAt, boolean signedWithFallbackKey) {
			Assert.notNull(session, "'session' must not be null");
			Assert.notNull(issuedAt, "'issuedAt' must not be null");
			this.session = session;
			this.issuedAt = issuedAt;
			this.signedWithFallbackKey = signedWithFallbackKey;
		}

		/**
		 * Return the session attributes, in a mutable map that keeps their order.
		 * @return the session attributes
		 */
		public Map<String, @Nullable Object> session() {
			return this.session;
		}

		/**
		 * Return when the cookie was issued, to the second.
		 * @return the issue time
		 */
		public Instant issuedAt() {
			return this.issuedAt;
		}

		/**
		 * Return whether the cookie was signed or encrypted with a fallback key rather than
		 * the current one, in which case the store should write it again.
		 * @return whether a fallback key was used
		 */
		public boolean signedWithFallbackKey() {
			return this.signedWithFallbackKey;
		}

		@Override
		public String toString() {
			return "Decoded[keys=" + this.session.keySet() + ", issuedAt=" + this.issuedAt + ", signedWithFallbackKey="
					+ this.signedWithFallbackKey + "]";
		}

	}

}
