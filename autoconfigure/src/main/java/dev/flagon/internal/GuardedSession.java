package dev.flagon.internal;

import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.flagon.session.FlagonSession;
import dev.flagon.session.internal.SessionRequestWrapper;

/**
 * The session as user code sees it: the request's session, opened on first use (a hook that
 * takes the session as a parameter and never reads it costs no cookie decoding and no Redis
 * command), which refuses changes once it has been saved (the response's headers, with its
 * cookie, have left). A streamed body or a teardown hook that changes the session gets a clear
 * error instead of a change silently lost.
 *
 * @author Flagon team
 */
final class GuardedSession implements FlagonSession {

	private final SessionRequestWrapper request;

	private volatile @Nullable FlagonSession session;

	// Named in the error only
	private final Object owner;

	private volatile boolean saved;

	GuardedSession(SessionRequestWrapper request, Object owner, boolean saved) {
		this.request = request;
		this.owner = owner;
		this.saved = saved;
	}

	/**
	 * Refuse changes from now on: the session has been saved into the response.
	 */
	void saved() {
		this.saved = true;
	}

	private FlagonSession changing() {
		if (this.saved) {
			throw new IllegalStateException("The session of " + this.owner + " was saved when the response's "
					+ "headers were sent (before a streamed body, a teardown hook or work left running ran): a "
					+ "change now would be lost. Change the session before the response's body is written");
		}
		return session();
	}

	// Opened by the store on first use; SessionUnavailableException from here
	private FlagonSession session() {
		FlagonSession session = this.session;
		if (session == null) {
			session = this.request.getFlagonSession();
			this.session = session;
		}
		return session;
	}

	@Override
	public @Nullable Object get(String key) {
		return session().get(key);
	}

	@Override
	public <T> @Nullable T get(String key, Class<T> type) {
		return session().get(key, type);
	}

	@Override
	public void put(String key, @Nullable Object value) {
		changing().put(key, value);
	}

	@Override
	public @Nullable Object remove(String key) {
		return changing().remove(key);
	}

	@Override
	public boolean containsKey(String key) {
		return session().containsKey(key);
	}

	@Override
	public Set<String> keys() {
		return session().keys();
	}

	@Override
	public void clear() {
		changing().clear();
	}

	@Override
	public boolean isNew() {
		return session().isNew();
	}

	@Override
	public boolean isAccessed() {
		return session().isAccessed();
	}

	@Override
	public boolean isModified() {
		return session().isModified();
	}

	@Override
	public void markModified() {
		changing().markModified();
	}

	@Override
	public boolean isPermanent() {
		return session().isPermanent();
	}

	@Override
	public void setPermanent(boolean permanent) {
		changing().setPermanent(permanent);
	}

	@Override
	public void regenerate() {
		changing().regenerate();
	}

	@Override
	public void invalidate() {
		changing().invalidate();
	}

	@Override
	public String toString() {
		FlagonSession session = this.session;
		return (session != null) ? session.toString() : "FlagonSession of " + this.owner + " (not opened yet)";
	}

}
