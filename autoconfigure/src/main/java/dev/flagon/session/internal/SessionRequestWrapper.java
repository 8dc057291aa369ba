package dev.flagon.session.internal;

import java.time.Duration;
import java.util.Collections;
import java.util.Enumeration;
import java.util.UUID;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;

import dev.flagon.session.DefaultFlagonSession;
import dev.flagon.session.FlagonSession;
import dev.flagon.session.SessionStore;
import dev.flagon.session.SessionUnavailableException;

import org.springframework.util.Assert;

/**
 * A request whose session is the application's {@link FlagonSession}, opened lazily from its
 * {@link SessionStore}. {@link #getSession(boolean)} returns an {@link HttpSession} view of
 * the same session, so servlet-API code (Spring Security included) works on every store.
 * Infrastructure: the request filter wraps every request with it.
 *
 * @author Flagon team
 */
public class SessionRequestWrapper extends HttpServletRequestWrapper {

	private final State<?> state;

	/**
	 * Wrap a request for the first time.
	 * @param request the request
	 * @param store the application's session store
	 * @param maxInactiveInterval how long a permanent session lives, reported by the
	 * {@link HttpSession} view
	 */
	public SessionRequestWrapper(HttpServletRequest request, SessionStore<?> store, Duration maxInactiveInterval) {
		super(request);
		Assert.notNull(store, "'store' must not be null");
		this.state = new State<>(store, maxInactiveInterval);
	}

	/**
	 * Wrap a request again, on a later dispatch of it, sharing the session of an earlier
	 * wrapper.
	 * @param request the request of the later dispatch
	 * @param earlier the wrapper of an earlier dispatch of the same request
	 */
	public SessionRequestWrapper(HttpServletRequest request, SessionRequestWrapper earlier) {
		super(request);
		this.state = earlier.state;
	}

	/**
	 * Find the session wrapper in a chain of request wrappers.
	 * @param request the request
	 * @return the wrapper, or {@code null} if the request was not wrapped by Flagon
	 */
	public static @Nullable SessionRequestWrapper find(ServletRequest request) {
		ServletRequest candidate = request;
		while (true) {
			if (candidate instanceof SessionRequestWrapper wrapper) {
				return wrapper;
			}
			if (!(candidate instanceof ServletRequestWrapper wrapper)) {
				return null;
			}
			candidate = wrapper.getRequest();
		}
	}

	/**
	 * Return the session, opening it from the store on first use. Changes made after the
	 * session was saved (in teardown hooks) are not saved, as in Flask.
	 * @return the session
	 * @throws SessionUnavailableException if the store cannot provide one
	 */
	public FlagonSession getFlagonSession() {
		return this.state.open(this);
	}

	/**
	 * Save the session into the response, once, if it was opened. Later calls do nothing.
	 * @param response the response, not yet committed
	 */
	public void saveSession(HttpServletResponse response) {
		this.state.save(this, response);
	}

	@Override
	public @Nullable HttpSession getSession(boolean create) {
		if (!create && nothingToFind()) {
			// No session to find, or the failure was raised once already (let error pages
			// render without a session)
			return null;
		}
		FlagonSession session = getFlagonSession();
		if (!create && !exists(session)) {
			return null;
		}
		if (session instanceof DefaultFlagonSession defaultSession && defaultSession.isInvalidated()) {
			// After invalidate(), a container hands out a new session: the invalidated one
			// becomes new with its next value (DefaultFlagonSession.put), under the new id it
			// already has; remember which, as invalidating again changes it
			this.state.renewedId = defaultSession.getId();
		}
		this.state.created = true;
		return new SessionView(session, this.state, getServletContext());
	}

	// No session opened, and none to open: no cookie, or the store failed once already
	private boolean nothingToFind() {
		return this.state.session == null
				&& (this.state.unavailable != null || !this.state.store.mayHaveSession(this));
	}

	// What getSession(false) finds: a stored session, or one this request made, not one it
	// invalidated
	private boolean exists(FlagonSession session) {
		if (session instanceof DefaultFlagonSession defaultSession && defaultSession.isInvalidated()) {
			return defaultSession.getId().equals(this.state.renewedId);
		}
		return !session.isNew() || this.state.created || session.isModified();
	}

	@Override
	public HttpSession getSession() {
		HttpSession session = getSession(true);
		Assert.state(session != null, "No session");
		return session;
	}

	@Override
	public String changeSessionId() {
		FlagonSession session = getFlagonSession();
		Assert.state(exists(session), "Cannot change the session id: there is no session");
		session.regenerate();
		this.state.syntheticId = null;
		return SessionView.idOf(session, this.state);
	}

	/**
	 * Return the id of the session that the request's cookie names, as a servlet container
	 * does: for a store with ids (Redis), the id the cookie holds; for the cookie store, whose
	 * cookie is the session itself, a digest of that cookie, which is also the session's
	 * {@code HttpSession} id until the session is regenerated. Opens the session when the
	 * request carries a session cookie. {@code null} when the request carries no session
	 * that could be read (no cookie, or one that names no stored session, or the store
	 * cannot be reached).
	 */
	@Override
	public @Nullable String getRequestedSessionId() {
		DefaultFlagonSession session = openedDefaultSession();
		return (session != null) ? session.getRequestedId() : null;
	}

	/**
	 * Return whether the requested session is still the session of this request: it was
	 * found, and neither invalidated nor given a new id since. Spring Security's fixation
	 * protection changes the id at login only when this answers {@code true}.
	 */
	@Override
	public boolean isRequestedSessionIdValid() {
		DefaultFlagonSession session = openedDefaultSession();
		return session != null && session.getRequestedId() != null && !session.isRegenerated();
	}

	@Override
	public boolean isRequestedSessionIdFromCookie() {
		return getRequestedSessionId() != null;
	}

	@Override
	public boolean isRequestedSessionIdFromURL() {
		return false;
	}

	private @Nullable DefaultFlagonSession openedDefaultSession() {
		if (nothingToFind()) {
			return null;
		}
		try {
			return (getFlagonSession() instanceof DefaultFlagonSession session) ? session : null;
		}
		catch (SessionUnavailableException ex) {
			return null;
		}
	}

	/**
	 * What the dispatches of one request share: the store, and the session it opened, of the
	 * store's own type, so that it is saved by the store that opened it, without a cast.
	 */
	private static final class State<S extends FlagonSession> {

		private final SessionStore<S> store;

		private final int maxInactiveIntervalSeconds;

		private @Nullable S session;

		private @Nullable String syntheticId;

		private @Nullable String renewedId;

		private boolean created;

		private boolean saved;

		private @Nullable SessionUnavailableException unavailable;

		private State(SessionStore<S> store, Duration maxInactiveInterval) {
			this.store = store;
			this.maxInactiveIntervalSeconds = (int) Math.min(Integer.MAX_VALUE, maxInactiveInterval.toSeconds());
		}

		S open(HttpServletRequest request) {
			S session = this.session;
			if (session == null) {
				// One failed attempt per request: the error page must not wait for the store again
				if (this.unavailable != null) {
					throw this.unavailable;
				}
				try {
					session = this.store.openSession(request);
				}
				catch (SessionUnavailableException ex) {
					this.unavailable = ex;
					throw ex;
				}
				Assert.state(session != null, "The session store opened no session");
				this.session = session;
			}
			return session;
		}

		// Changes made after the session was saved (in teardown hooks) are not saved, as in Flask
		void save(HttpServletRequest request, HttpServletResponse response) {
			if (this.saved) {
				return;
			}
			this.saved = true;
			S session = this.session;
			if (session != null) {
				this.store.saveSession(session, request, response);
			}
		}

	}

	/**
	 * The {@link HttpSession} view of a {@link FlagonSession}.
	 */
	private static final class SessionView implements HttpSession {

		private final FlagonSession session;

		private final State<?> state;

		private final ServletContext servletContext;

		private SessionView(FlagonSession session, State<?> state, ServletContext servletContext) {
			this.session = session;
			this.state = state;
			this.servletContext = servletContext;
		}

		static String idOf(FlagonSession session, State<?> state) {
			if (session instanceof DefaultFlagonSession defaultSession) {
				return defaultSession.getId();
			}
			// A session of a store's own type has no id Flagon knows: give the view one that
			// is stable for the request
			String id = state.syntheticId;
			if (id == null) {
				id = UUID.randomUUID().toString();
				state.syntheticId = id;
			}
			return id;
		}

		@Override
		public long getCreationTime() {
			// A renewed session (see getSession) is created by this request
			return (this.session instanceof DefaultFlagonSession defaultSession && !defaultSession.isInvalidated())
					? defaultSession.getCreationTime().toEpochMilli() : System.currentTimeMillis();
		}

		@Override
		public String getId() {
			return idOf(this.session, this.state);
		}

		@Override
		public long getLastAccessedTime() {
			return System.currentTimeMillis();
		}

		@Override
		public ServletContext getServletContext() {
			return this.servletContext;
		}

		@Override
		public void setMaxInactiveInterval(int interval) {
		}

		@Override
		public int getMaxInactiveInterval() {
			return this.session.isPermanent() ? this.state.maxInactiveIntervalSeconds : -1;
		}

		@Override
		public @Nullable Object getAttribute(String name) {
			return this.session.get(name);
		}

		@Override
		public Enumeration<String> getAttributeNames() {
			return Collections.enumeration(this.session.keys());
		}

		@Override
		public void setAttribute(String name, @Nullable Object value) {
			if (value == null) {
				this.session.remove(name);
			}
			else {
				this.session.put(name, value);
			}
		}

		@Override
		public void removeAttribute(String name) {
			this.session.remove(name);
		}

		@Override
		public void invalidate() {
			this.session.invalidate();
		}

		@Override
		public boolean isNew() {
			return this.session.isNew()
					|| (this.session instanceof DefaultFlagonSession defaultSession && defaultSession.isInvalidated());
		}

	}

}
