package dev.flagon.session.cookie;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.flagon.session.DefaultFlagonSession;
import dev.flagon.session.SessionCookie;
import dev.flagon.session.SessionStore;
import dev.flagon.session.SessionValues;

import org.springframework.util.Assert;

/**
 * Keeps the whole session in one cookie, encrypted ({@link #encrypted}) or signed as Flask
 * signs it ({@link #flask}), as Flask's {@code SecureCookieSessionInterface}: a cookie is
 * written only when the session changed (or, for a permanent session, on every request that
 * uses it, when {@link #setRefreshEachRequest refresh-each-request} is on); an emptied
 * session deletes the cookie; {@code Vary: Cookie} is sent whenever the session was read or
 * written. Bad cookies of any kind open a fresh empty session. A session too large for a
 * browser to keep fails the request before anything is sent, rather than being dropped
 * silently. The cookie's name and attributes are the {@link SessionCookie}'s.
 *
 * @author Flagon team
 * @since 0.1.0
 */
public class CookieSessionStore implements SessionStore<CookieSessionStore.CookieSession> {

	/**
	 * The most bytes a {@code Set-Cookie} value may have: browsers drop larger cookies
	 * silently (werkzeug's limit).
	 */
	public static final int MAX_COOKIE_SIZE = 4093;

	/**
	 * The fewest bytes a secret key may have.
	 */
	public static final int MIN_SECRET_KEY_BYTES = 32;

	/**
	 * How to make a secret key: 32 random bytes, 44 characters of base64.
	 */
	public static final String MAKE_A_SECRET_KEY = "openssl rand -base64 32";

	/**
	 * The most cookies {@link #setCacheSize} may remember.
	 */
	public static final int MAX_CACHE_SIZE = EncryptedSessionCookieCodec.MAX_CACHE_SIZE;

	private static final Log logger = LogFactory.getLog(CookieSessionStore.class);

	private final SessionCookieCodec codec;

	private final SessionCookie cookie;

	private final SessionValues values;

	private Duration permanentLifetime = Duration.ofDays(31);

	private boolean refreshEachRequest = true;

	private Clock clock = Clock.systemUTC();

	CookieSessionStore(SessionCookieCodec codec, SessionCookie cookie, SessionValues values) {
		Assert.notNull(codec, "'codec' must not be null");
		Assert.notNull(cookie, "'cookie' must not be null");
		Assert.notNull(values, "'values' must not be null");
		this.codec = codec;
		this.cookie = cookie;
		this.values = values;
	}

	/**
	 * Create a store whose cookies are encrypted with AES-256-GCM: authenticated and
	 * unreadable by the client ({@code flagon.session.cookie.format=encrypted}).
	 * @param secretKey the key, at least {@value #MIN_SECRET_KEY_BYTES} bytes
	 * ({@value #MAKE_A_SECRET_KEY})
	 * @param fallbackKeys earlier keys, still accepted when reading; such cookies are
	 * written again with the current key
	 * @param cookie the session cookie
	 * @param values the values sessions may hold, and how they are written
	 * @return the store
	 */
	public static CookieSessionStore encrypted(String secretKey, List<String> fallbackKeys, SessionCookie cookie,
			SessionValues values) {
		return new CookieSessionStore(new EncryptedSessionCookieCodec(secretKey, fallbackKeys, values), cookie, values);
	}

	/**
	 * Create a store whose cookies Flask reads and writes: signed with itsdangerous' scheme
	 * ({@code flagon.session.cookie.format=flask}), readable by the client.
	 * @param secretKey Flask's {@code SECRET_KEY}, at least {@value #MIN_SECRET_KEY_BYTES}
	 * bytes ({@value #MAKE_A_SECRET_KEY})
	 * @param fallbackKeys Flask's {@code SECRET_KEY_FALLBACKS}, still accepted when reading
	 * @param cookie the session cookie
	 * @param values the values sessions may hold, and how they are written
	 * @return the store
	 */
	public static CookieSessionStore flask(String secretKey, List<String> fallbackKeys, SessionCookie cookie,
			SessionValues values) {
		return new CookieSessionStore(new FlaskSessionCookieCodec(secretKey, fallbackKeys, values), cookie, values);
	}

	/**
	 * Set how many recently read or written cookies to remember verified, so that a cookie
	 * sent again is not decrypted or verified again; 0 remembers none. Default 1024.
	 * @param cacheSize the number of cookies, from 0 to {@value #MAX_CACHE_SIZE}, rounded up
	 * to a power of two
	 */
	public void setCacheSize(int cacheSize) {
		Assert.isTrue(cacheSize >= 0 && cacheSize <= MAX_CACHE_SIZE,
				() -> "'cacheSize' must be from 0 to " + MAX_CACHE_SIZE + ": " + cacheSize);
		this.codec.setCacheSize(cacheSize);
	}

	/**
	 * Set how long a permanent session lives, and how old a cookie may be when read. Default
	 * 31 days, as Flask.
	 * @param permanentLifetime the lifetime
	 */
	public void setPermanentLifetime(Duration permanentLifetime) {
		Assert.isTrue(!permanentLifetime.isNegative() && !permanentLifetime.isZero(),
				"'permanentLifetime' must be positive");
		this.permanentLifetime = permanentLifetime;
	}

	/**
	 * Set whether a permanent session's cookie is written again on each request that uses
	 * the session, extending its life. Default {@code true}.
	 * @param refreshEachRequest whether to refresh permanent sessions
	 */
	public void setRefreshEachRequest(boolean refreshEachRequest) {
		this.refreshEachRequest = refreshEachRequest;
	}

	/**
	 * Set the clock that stamps and checks cookies.
	 * @param clock the clock
	 */
	public void setClock(Clock clock) {
		Assert.notNull(clock, "'clock' must not be null");
		this.clock = clock;
	}

	/**
	 * Return the cookie that the sessions travel in.
	 * @return the session cookie
	 */
	public SessionCookie getCookie() {
		return this.cookie;
	}

	@Override
	public boolean mayHaveSession(HttpServletRequest request) {
		return this.cookie.isPresent(request);
	}

	@Override
	public CookieSession openSession(HttpServletRequest request) {
		List<String> cookies = this.cookie.read(request);
		if (!cookies.isEmpty()) {
			Instant now = this.clock.instant();
			for (String cookie : cookies) {
				SessionCookieCodec.Decoded decoded = this.codec.decode(cookie, this.permanentLifetime, now);
				if (decoded != null) {
					return new CookieSession(this.values, decoded, cookie);
				}
			}
		}
		return new CookieSession(this.values);
	}

	@Override
	public void saveSession(CookieSession session, HttpServletRequest request, HttpServletResponse response) {
		// As in Flask: a response varies on the cookie when the session was read, or when the
		// response sets or deletes the cookie (SessionCookie adds it then)
		if (session.isAccessed()) {
			this.cookie.varyOnCookie(response);
		}
		if (session.getData().isEmpty()) {
			if (session.isModified() && session.cookie != null) {
				this.cookie.delete(response);
			}
			return;
		}
		boolean permanent = Boolean.TRUE.equals(session.getData().get(DefaultFlagonSession.PERMANENT_KEY));
		if (!session.isModified() && !session.signedWithFallbackKey && !(permanent && this.refreshEachRequest)) {
			return;
		}
		String value = this.codec.encode(session.getData(), this.clock.instant());
		// The codecs write only cookie-octets (base64url and dots): no value check is needed
		String header = this.cookie.header(value, permanent ? this.permanentLifetime : null);
		if (header.length() > MAX_COOKIE_SIZE) {
			String name = this.cookie.getName();
			logger.warn("Session cookie '" + name + "' of " + request.getRequestURI() + " is " + header.length()
					+ " bytes, over the " + MAX_COOKIE_SIZE + "-byte limit of browsers; the request fails");
			throw new SessionTooLargeException(name, header.length(), MAX_COOKIE_SIZE);
		}
		this.cookie.addHeader(response, header);
	}

	/**
	 * A session of the cookie store. Its id, once read from a cookie, is a digest of that
	 * cookie: the cookie is the session, so the id names exactly the session the browser
	 * sent, and it changes whenever the cookie does, without showing any of the cookie in
	 * logs or events.
	 */
	public static final class CookieSession extends DefaultFlagonSession {

		private final @Nullable String cookie;

		private final boolean signedWithFallbackKey;

		private CookieSession(SessionValues values) {
			super(values);
			this.cookie = null;
			this.signedWithFallbackKey = false;
		}

		private CookieSession(SessionValues values, SessionCookieCodec.Decoded decoded, String cookie) {
			super(values, decoded.session(), false, decoded.issuedAt());
			this.cookie = cookie;
			this.signedWithFallbackKey = decoded.signedWithFallbackKey();
		}

		@Override
		protected String openedId() {
			Assert.state(this.cookie != null, "A loaded session has a cookie");
			byte[] digest = sha256().digest(this.cookie.getBytes(StandardCharsets.US_ASCII));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
		}

		private static MessageDigest sha256() {
			try {
				return MessageDigest.getInstance("SHA-256");
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException("Every Java platform has SHA-256", ex);
			}
		}

	}

}
