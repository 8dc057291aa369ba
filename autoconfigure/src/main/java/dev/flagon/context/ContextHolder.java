package dev.flagon.context;

import org.jspecify.annotations.Nullable;

/**
 * Binds application and request contexts to the current thread. This is infrastructure: the
 * request filter, {@code Flagon.copyCurrentContext} and context propagation use it, while
 * applications push contexts through {@link FlagonApp#appContext()} and
 * {@link FlagonApp#testRequestContext(String)}.
 * <p>
 * Bindings nest: {@link #bind} returns a {@link Scope} that restores the previous binding when
 * closed, and closing scopes out of order is an error.
 *
 * @author Flagon team
 * @since 0.1.0
 */
public final class ContextHolder {

	private static final ThreadLocal<Frame> current = new ThreadLocal<>();

	private ContextHolder() {
	}

	/**
	 * Return the application context bound to the current thread, if any.
	 * @return the application context or {@code null}
	 */
	public static @Nullable AppContext getAppContext() {
		Frame frame = current.get();
		return (frame != null) ? frame.app : null;
	}

	/**
	 * Return the request context bound to the current thread, if any.
	 * @return the request context or {@code null}
	 */
	public static @Nullable RequestContext getRequestContext() {
		Frame frame = current.get();
		return (frame != null) ? frame.request : null;
	}

	/**
	 * Return the application context bound to the current thread.
	 * @return the application context
	 * @throws OutsideOfContextException if none is bound
	 */
	public static AppContext currentAppContext() {
		Frame frame = current.get();
		if (frame == null) {
			throw OutsideOfContextException.noApp();
		}
		return frame.app;
	}

	/**
	 * Return the request context bound to the current thread.
	 * @return the request context
	 * @throws OutsideOfContextException if none is bound
	 */
	public static RequestContext currentRequestContext() {
		Frame frame = current.get();
		RequestContext request = (frame != null) ? frame.request : null;
		if (request == null) {
			throw OutsideOfContextException.noRequest();
		}
		return request;
	}

	/**
	 * Bind the given contexts to the current thread until the returned scope is closed.
	 * @param app the application context
	 * @param request the request context, or {@code null} to bind an application context alone
	 * @return the scope to close, on this thread, to restore the previous binding
	 */
	public static Scope bind(AppContext app, @Nullable RequestContext request) {
		Frame previous = current.get();
		Frame frame = new Frame(app, request);
		current.set(frame);
		return new Scope(frame, previous);
	}

	/**
	 * Return an opaque snapshot of the current binding, for {@link #restore}.
	 * @return the snapshot, or {@code null} if nothing is bound
	 */
	public static @Nullable Object snapshot() {
		return current.get();
	}

	/**
	 * Restore a binding taken with {@link #snapshot()}, on this or another thread.
	 * @param snapshot the snapshot, or {@code null} to unbind
	 */
	public static void restore(@Nullable Object snapshot) {
		if (snapshot == null) {
			current.remove();
		}
		else if (snapshot instanceof Frame frame) {
			current.set(frame);
		}
		else {
			throw new IllegalArgumentException("Not a Flagon context snapshot: " + snapshot);
		}
	}

	/**
	 * One binding of contexts to a thread. Close it on the thread that created it to restore
	 * what was bound before.
	 */
	public static final class Scope implements AutoCloseable {

		private final Frame frame;

		private final @Nullable Frame previous;

		private Scope(Frame frame, @Nullable Frame previous) {
			this.frame = frame;
			this.previous = previous;
		}

		/**
		 * Return whether this scope's binding is the current one of this thread.
		 * @return whether this scope is on top
		 */
		public boolean isCurrent() {
			return current.get() == this.frame;
		}

		/**
		 * Restore the binding that was current when this scope was opened.
		 * @throws IllegalStateException if another binding was opened after this one and is
		 * still open
		 */
		@Override
		public void close() {
			Frame bound = current.get();
			if (bound != this.frame) {
				throw new IllegalStateException("Popped wrong context: expected " + this.frame + " on top of "
						+ Thread.currentThread().getName() + ", found " + bound);
			}
			// set(null) rather than remove(): the thread's entry is reused by its next request
			current.set(this.previous);
		}

	}

	private record Frame(AppContext app, @Nullable RequestContext request) {

		@Override
		public String toString() {
			return (this.request != null) ? this.request.toString() : this.app.toString();
		}

	}

}
