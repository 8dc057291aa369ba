package dev.flagon.session;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Where sessions live, as Flask's {@code SessionInterface} and Spring Session's
 * {@code SessionRepository}. How a session travels is the {@link SessionCookie}'s: stores
 * read and write it there. One store serves an application; its {@link #openSession} runs
 * the first time a request touches the session, and its {@link #saveSession} runs once,
 * before the response is committed, after the {@code @AfterRequest} hooks, with the very
 * session it opened.
 * <p>
 * Flagon ships a cookie store ({@code flagon.session.store=cookie}, the default) and a Redis
 * store ({@code redis}); a {@code SessionStore} bean of the application's own replaces them.
 * A store's sessions usually extend {@link DefaultFlagonSession}, which tracks what a request
 * did to them.
 *
 * @param <S> the type of the store's sessions
 * @author Flagon team
 * @since 0.1.0
 */
public interface SessionStore<S extends FlagonSession> {

	/**
	 * Open the session of the request: load it, or create a new empty one when the request
	 * carries none, or one that is invalid, expired or tampered with. Bad input never fails
	 * the request.
	 * @param request the request
	 * @return the session, never {@code null}
	 * @throws SessionUnavailableException if sessions are disabled, or the store cannot be
	 * reached
	 */
	S openSession(HttpServletRequest request);

	/**
	 * Return whether the request may carry a session of this store, such as its session
	 * cookie ({@link SessionCookie#isPresent}). When it does not,
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
	void saveSession(S session, HttpServletRequest request, HttpServletResponse response);

}
