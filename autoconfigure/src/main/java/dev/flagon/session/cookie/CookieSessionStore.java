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
import dev.flagon.session.FlagonSession;
import dev.flagon.session.RequestCookies;
import dev.flagon.session.SessionStore;
import dev.flagon.session.SessionValues;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.util.Assert;

/**
 * Keeps the whole session in one cookie, encrypted or signed by a {@link SessionCookieCodec},
 * as Flask's {@code SecureCookieSessionInterface}: a cookie is written only when the session
 * changed (or, for a permanent session, on every request that uses it, when
 * {@link #setRefreshEachRequest refresh-each-request} is on); an emptied session deletes the
 * cookie; {@code Vary: Cookie} is sent whenever the session was read or written. Bad cookies
 * of any kind open a fresh empty session. A session too large for a browser to keep fails
 * the request before anything is sent, rather than being dropped silently.
 *
 * @author Flagon team
 * @since 0.1.0
 */
public class CookieSessionStore implements SessionStore {

	/**
	 * The most bytes a {@code Set-Cookie} value may have: browsers drop larger cookies
	 * silently (werkzeug's limit).
	 */
	public static final int MAX_COOKIE_SIZE = 4093;

	private static final Log logger = LogFactory.getLog(CookieSessionStore.class);

	private final SessionCookieCodec codec;

	private final SessionValues values;

	private String cookieName = "session";

	private @Nullable String domain;

	private String path = "/";

	private boolean httpOnly = true;

	private boolean secure;

	private @Nullable String sameSite = "Lax";

	private boolean partitioned;

	private Duration permanentLifetime = Duration.ofDays(31);

	private boolean refreshEachRequest = true;

	private Clock clock = Clock.systemUTC();

	private volatile @Nullable String sessionCookieAttributes;

	/**
	 * Create a new store.
	 * @param codec the codec that encrypts or signs the cookie
	 * @param values the value policy of new sessions
	 */
	public CookieSessionStore(SessionCookieCodec codec, SessionValues values) {
		Assert.notNull(codec, "'codec' must not be null");
		Assert.notNull(values, "'values' must not be null");
		this.codec = codec;
		this.values = values;
	}

	/**
	 * Set the name of the cookie. Default {@code session}.
	 * @param cookieName the name
	 */
	public void setCookieName(String cookieName) {
		Assert.hasText(cookieName, "'cookieName' must not be empty");
		this.cookieName = cookieName;
		this.sessionCookieAttributes = null;
	}

	/**
	 * Set the domain of the cookie. Default none: the host that set it.
	 * @param domain the domain or {@code null}
	 */
	public void setDomain(@Nullable String domain) {
		this.domain = domain;
		this.sessionCookieAttributes = null;
	}

	/**
	 * Set the path of the cookie. Default {@code /}.
	 * @param path the path
	 */
	public void setPath(String path) {
		Assert.isTrue(path.startsWith("/"), () -> "Cookie path must start with '/': '" + path + "'");
		this.path = path;
		this.sessionCookieAttributes = null;
	}

	/**
	 * Set whether the cookie is hidden from scripts. Default {@code true}.
	 * @param httpOnly whether the cookie is HttpOnly
	 */
	public void setHttpOnly(boolean httpOnly) {
		this.httpOnly = httpOnly;
		this.sessionCookieAttributes = null;
	}

	/**
	 * Set whether the cookie is sent over HTTPS only. Default {@code false}.
	 * @param secure whether the cookie is Secure
	 */
	public void setSecure(boolean secure) {
		this.secure = secure;
		this.sessionCookieAttributes = null;
	}

	/**
	 * Set the SameSite attribute ({@code Strict}, {@code Lax} or {@code None}). Default
	 * {@code Lax}.
	 * @param sameSite the attribute, or {@code null} to send none
	 */
	public void setSameSite(@Nullable String sameSite) {
		this.sameSite = sameSite;
		this.sessionCookieAttributes = null;
	}

	/**
	 * Set whether the cookie is partitioned (CHIPS). Default {@code false}.
	 * @param partitioned whether the cookie is Partitioned
	 */
	public void setPartitioned(boolean partitioned) {
		this.partitioned = partitioned;
		this.sessionCookieAttributes = null;
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
	 * Return the name of the cookie.
	 * @return the name
	 */
	public String getCookieName() {
		return this.cookieName;
	}

	@Override
	public boolean mayHaveSession(HttpServletRequest request) {
		return RequestCookies.contains(request, this.cookieName);
	}

	@Override
	public FlagonSession openSession(HttpServletRequest request) {
		List<String> cookies = RequestCookies.values(request, this.cookieName);
		if (!cookies.isEmpty()) {
			Instant now = this.clock.instant();
			for (String cookie : cookies) {
				SessionCookieCodec.Decoded decoded = this.codec.decode(cookie, this.permanentLifetime, now);
				if (decoded != null) {
					return new CookieSession(this.values, decoded, cookie);
				}
			}
		}
		return new DefaultFlagonSession(this.values);
	}

	@Override
	public void saveSession(FlagonSession session, HttpServletRequest request, HttpServletResponse response) {
		Assert.isInstanceOf(DefaultFlagonSession.class, session, "Not a session of this store");
		DefaultFlagonSession cookieSession = (DefaultFlagonSession) session;
		// As in Flask: a response varies on the cookie when the session was read, or when the
		// response sets or deletes the cookie
		boolean varies = session.isAccessed();
		if (varies) {
			SessionStore.varyOnCookie(response);
		}
		if (cookieSession.getData().isEmpty()) {
			if (session.isModified() && session instanceof CookieSession) {
				response.addHeader(HttpHeaders.SET_COOKIE, cookie("").maxAge(0).build().toString());
				if (!varies) {
					SessionStore.varyOnCookie(response);
				}
			}
			return;
		}
		boolean permanent = Boolean.TRUE.equals(cookieSession.getData().get(DefaultFlagonSession.PERMANENT_KEY));
		boolean rewrite = session instanceof CookieSession loaded && loaded.signedWithFallbackKey;
		if (!session.isModified() && !rewrite && !(permanent && this.refreshEachRequest)) {
			return;
		}
		Instant now = this.clock.instant();
		String value = this.codec.encode(cookieSession.getData(), now);
		// The codecs write only cookie-octets (base64url and dots): no value check is needed
		String header = permanent ? cookie(value).maxAge(this.permanentLifetime).build().toString()
				: this.cookieName + "=" + value + sessionCookieAttributes();
		if (header.length() > MAX_COOKIE_SIZE) {
			logger.warn("Session cookie '" + this.cookieName + "' of " + request.getRequestURI() + " is " + header.length()
					+ " bytes, over the " + MAX_COOKIE_SIZE + "-byte limit of browsers; the request fails");
			throw new SessionTooLargeException(this.cookieName, header.length(), MAX_COOKIE_SIZE);
		}
		response.addHeader(HttpHeaders.SET_COOKIE, header);
		if (!varies) {
			SessionStore.varyOnCookie(response);
		}
	}

	private String sessionCookieAttributes() {
		String attributes = this.sessionCookieAttributes;
		if (attributes == null) {
			// What ResponseCookie writes after "name=value" for a cookie without Max-Age
			attributes = cookie("v").build().toString().substring(this.cookieName.length() + 2);
			this.sessionCookieAttributes = attributes;
		}
		return attributes;
	}

	private ResponseCookie.ResponseCookieBuilder cookie(String value) {
		return ResponseCookie.from(this.cookieName, value)
			.domain(this.domain)
			.path(this.path)
			.httpOnly(this.httpOnly)
			.secure(this.secure)
			.sameSite(this.sameSite)
			.partitioned(this.partitioned);
	}

	/**
	 * A session loaded from a cookie.
	 */
	/**
	 * A session read from a cookie. Its id is a digest of that cookie: the cookie is the
	 * session, so the id names exactly the session the browser sent, and it changes whenever
	 * the cookie does, without showing any of the cookie in logs or events.
	 */
	private static final class CookieSession extends DefaultFlagonSession {

		private final boolean signedWithFallbackKey;

		private final String cookie;

		CookieSession(SessionValues values, SessionCookieCodec.Decoded decoded, String cookie) {
			super(values, decoded.session(), false, decoded.issuedAt());
			this.signedWithFallbackKey = decoded.signedWithFallbackKey();
			this.cookie = cookie;
		}

		@Override
		protected String openedId() {
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
