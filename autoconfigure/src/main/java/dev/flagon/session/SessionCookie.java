package dev.flagon.session;

import java.time.Duration;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.web.server.Cookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * How a session travels: the session cookie of an application, read from requests and
 * written to responses, as Spring Session's {@code CookieHttpSessionIdResolver} separates how
 * the id travels from where the data lives. Every store uses one: the cookie store puts the
 * whole session in it, the Redis store an id. Flagon configures it once, from
 * {@code flagon.session.cookie.*} (a mounted application from its own properties), and
 * registers it as a bean, which a store of the application's own can use too:
 * <pre class="code">
 * public FlagonSession openSession(HttpServletRequest request) {
 *     for (String id : this.cookie.read(request)) { ... }
 * }
 * </pre>
 * A response that sets or deletes the cookie varies on it ({@code Vary: Cookie}), as in
 * Flask; a store adds {@link #varyOnCookie} itself for responses that only read the session.
 *
 * @author Flagon team
 * @since 0.1.0
 */
public final class SessionCookie {

	private final String name;

	private final @Nullable String domain;

	private final String path;

	private final boolean httpOnly;

	private final boolean secure;

	private final @Nullable String sameSite;

	private final boolean partitioned;

	// What ResponseCookie writes after "name=value" for a cookie without Max-Age: the same
	// for every response, so built once
	private final String attributes;

	/**
	 * Create a session cookie named {@code session} with Flagon's defaults: path {@code /},
	 * {@code HttpOnly}, {@code SameSite=Lax}.
	 */
	public SessionCookie() {
		this(new Cookie());
	}

	/**
	 * Create a session cookie from Spring Boot's cookie settings; what is unset takes
	 * Flagon's defaults: name {@code session}, path {@code /}, {@code HttpOnly},
	 * {@code SameSite=Lax}, not {@code Secure}, not {@code Partitioned}, no domain.
	 * {@link Cookie#getMaxAge() Max-Age} is the store's to choose (a permanent session's
	 * lifetime) and must be unset.
	 * @param settings the settings
	 */
	public SessionCookie(Cookie settings) {
		Assert.notNull(settings, "'settings' must not be null");
		Assert.isTrue(settings.getMaxAge() == null,
				"A session cookie's Max-Age follows the session: set flagon.session.permanent-lifetime instead");
		this.name = (settings.getName() != null) ? settings.getName() : "session";
		Assert.hasText(this.name, "The session cookie's name must not be empty");
		this.domain = StringUtils.hasText(settings.getDomain()) ? settings.getDomain() : null;
		this.path = (settings.getPath() != null) ? settings.getPath() : "/";
		Assert.isTrue(this.path.startsWith("/"),
				() -> "The session cookie's path must start with '/': '" + this.path + "'");
		this.httpOnly = !Boolean.FALSE.equals(settings.getHttpOnly());
		this.secure = Boolean.TRUE.equals(settings.getSecure());
		this.sameSite = (settings.getSameSite() != null) ? settings.getSameSite().attributeValue() : "Lax";
		this.partitioned = Boolean.TRUE.equals(settings.getPartitioned());
		this.attributes = builder("v").build().toString().substring(this.name.length() + 2);
	}

	// The same cookie under another name
	private SessionCookie(SessionCookie cookie, String name) {
		this.name = name;
		this.domain = cookie.domain;
		this.path = cookie.path;
		this.httpOnly = cookie.httpOnly;
		this.secure = cookie.secure;
		this.sameSite = cookie.sameSite;
		this.partitioned = cookie.partitioned;
		this.attributes = cookie.attributes;
	}

	/**
	 * Return a cookie with this one's attributes and the given name: one that travels with
	 * the session cookie.
	 */
	SessionCookie named(String name) {
		Assert.hasText(name, "'name' must not be empty");
		return new SessionCookie(this, name);
	}

	/**
	 * Return the name of the cookie.
	 * @return the name
	 */
	public String getName() {
		return this.name;
	}

	/**
	 * Return whether the request carries the cookie, with any value, without reading it:
	 * for {@link SessionStore#mayHaveSession}.
	 * @param request the request
	 * @return whether the request has the cookie
	 */
	public boolean isPresent(HttpServletRequest request) {
		return RequestCookies.contains(request, this.name);
	}

	/**
	 * Return the values of the cookie in the request, in the order it sent them: a browser
	 * may send several cookies of one name (of different paths or domains).
	 * @param request the request
	 * @return the values, empty when the request has no such cookie
	 */
	public List<String> read(HttpServletRequest request) {
		return RequestCookies.values(request, this.name);
	}

	/**
	 * Return the {@code Set-Cookie} header that sets the cookie to the given value.
	 * @param value the value, of cookie-octets only
	 * @param maxAge how long the browser keeps the cookie, or {@code null} for a cookie that
	 * ends with the browser session
	 * @return the header value
	 */
	public String header(String value, @Nullable Duration maxAge) {
		if (maxAge == null) {
			return this.name + "=" + value + this.attributes;
		}
		return builder(value).maxAge(maxAge).build().toString();
	}

	/**
	 * Set the cookie to the given value, and vary the response on the cookie.
	 * @param response the response, not yet committed
	 * @param value the value, of cookie-octets only
	 * @param maxAge how long the browser keeps the cookie, or {@code null} for a cookie that
	 * ends with the browser session
	 */
	public void write(HttpServletResponse response, String value, @Nullable Duration maxAge) {
		addHeader(response, header(value, maxAge));
	}

	/**
	 * Add a {@code Set-Cookie} header made by {@link #header}, and vary the response on the
	 * cookie: for stores that check the header before sending it.
	 * @param response the response, not yet committed
	 * @param header the header value
	 */
	public void addHeader(HttpServletResponse response, String header) {
		response.addHeader(HttpHeaders.SET_COOKIE, header);
		varyOnCookie(response);
	}

	/**
	 * Delete the cookie ({@code Max-Age=0}), and vary the response on the cookie.
	 * @param response the response, not yet committed
	 */
	public void delete(HttpServletResponse response) {
		addHeader(response, builder("").maxAge(0).build().toString());
	}

	/**
	 * Add {@code Cookie} to the response's {@code Vary} header, as Flask does for a response
	 * that used the session, so that no cache serves it to another client. Nothing is added
	 * when {@code Vary} already names {@code Cookie} (in any case) or is {@code *}.
	 * @param response the response, not yet committed
	 */
	public void varyOnCookie(HttpServletResponse response) {
		// Most responses have no Vary yet, or only this one; getHeaders copies every value
		// into a new collection
		String first = response.getHeader(HttpHeaders.VARY);
		if (first != null) {
			if (first.equalsIgnoreCase(HttpHeaders.COOKIE)) {
				return;
			}
			for (String vary : response.getHeaders(HttpHeaders.VARY)) {
				for (String name : StringUtils.tokenizeToStringArray(vary, ",")) {
					if (name.equals("*") || name.equalsIgnoreCase(HttpHeaders.COOKIE)) {
						return;
					}
				}
			}
		}
		response.addHeader(HttpHeaders.VARY, HttpHeaders.COOKIE);
	}

	private ResponseCookie.ResponseCookieBuilder builder(String value) {
		return ResponseCookie.from(this.name, value)
			.domain(this.domain)
			.path(this.path)
			.httpOnly(this.httpOnly)
			.secure(this.secure)
			.sameSite(this.sameSite)
			.partitioned(this.partitioned);
	}

	@Override
	public String toString() {
		return "SessionCookie " + header("", null);
	}

}
