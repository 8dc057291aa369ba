package dev.flagon.session;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.util.StringUtils;

/**
 * Where sessions live and how they travel, as Flask's {@code SessionInterface}. One store
 * serves an application; its {@link #openSession} runs the first time a request touches the
 * session, and its {@link #saveSession} runs once, before the response is committed, after
 * the {@code @AfterRequest} hooks.
 * <p>
 * Flagon ships a cookie store ({@code flagon.session.store=cookie}, the default) and a Redis
 * store ({@code redis}); a {@code SessionStore} bean of the application's own replaces them.
 * Stores usually return, and are given back, a {@link DefaultFlagonSession}.
 *
 * @author Flagon team
 * @since 0.1.0
 */
public interface SessionStore {

	/**
	 * Open the session of the request: load it, or create a new empty one when the request
	 * carries none, or one that is invalid, expired or tampered with. Bad input never fails
	 * the request.
	 * @param request the request
	 * @return the session, never {@code null}
	 * @throws SessionUnavailableException if sessions are disabled, or the store cannot be
	 * reached
	 */
	FlagonSession openSession(HttpServletRequest request);

	/**
	 * Return whether the request may carry a session of this store, such as its session
	 * cookie ({@link RequestCookies#contains}). When it does not,
	 * {@code request.getSession(false)} (Spring MVC's flash maps ask on every request)
	 * answers {@code null} without opening the session; using the
	 * session still opens it. Must be cheap and must not fail. Default {@code true}.
	 * @param request the request
	 * @return whether {@link #openSession} could find an existing session
	 */
	default boolean mayHaveSession(HttpServletRequest request) {
		return true;
	}

	/**
	 * Save the session into the response: write the cookie, persist the changes, or delete an
	 * emptied or invalidated session. Called only for sessions this store opened, before the
	 * response is committed. Untouched sessions should cost nothing.
	 * @param session the session that {@link #openSession} returned
	 * @param request the request
	 * @param response the response, not yet committed
	 */
	void saveSession(FlagonSession session, HttpServletRequest request, HttpServletResponse response);

	/**
	 * Add {@code Cookie} to the response's {@code Vary} header, as Flask does for a response
	 * that used the session or sets its cookie, so that no cache serves it to another
	 * client. Nothing is added when {@code Vary} already names {@code Cookie} (in any case)
	 * or is {@code *}. For {@link #saveSession}.
	 * @param response the response, not yet committed
	 */
	static void varyOnCookie(HttpServletResponse response) {
		// Most responses have no Vary yet; getHeaders copies every value into a new collection
		if (response.getHeader(HttpHeaders.VARY) != null) {
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

}
