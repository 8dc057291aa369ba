package dev.flagon.internal;

import org.jspecify.annotations.Nullable;

import dev.flagon.context.OutsideOfContextException;

/**
 * The context bound to the current thread: one {@link Lifecycle}, or none. Bind in a
 * {@code try}, restore in its {@code finally}; closing out of order is an error.
 *
 * @author Flagon team
 */
public final class ContextHolder {

	static final String NO_REQUEST = """
			Working outside of request context. This typically means that you attempted to use \
			functionality that needed an active HTTP request. Run the code inside a request, \
			wrap it with Flagon.copyCurrentContext(...) when handing it to another thread, or push \
			a context in tests with: try (RequestContext ctx = app.testRequestContext("/path")) { ... }""";

	static final String NO_APP = """
			Working outside of application context. This typically means that you attempted to use \
			functionality that needed the current application (g, the current app). Run the code \
			inside a request, or push a context with: try (AppContext ctx = app.appContext()) { ... }""";

	private static final ThreadLocal<@Nullable Lifecycle> current = new ThreadLocal<>();

	private ContextHolder() {
	}

	/**
	 * Return the context bound to the current thread, if any.
	 * @return the context or {@code null}
	 */
	public static @Nullable Lifecycle get() {
		return current.get();
	}

	/**
	 * Return the context bound to the current thread if it has a request still in progress.
	 * @return the context or {@code null}
	 */
	public static @Nullable Lifecycle getRequest() {
		Lifecycle context = current.get();
		return (context != null && context.hasRequest()) ? context : null;
	}

	/**
	 * Return the context bound to the current thread.
	 * @return the context
	 * @throws OutsideOfContextException if none is bound
	 */
	public static Lifecycle currentApp() {
		Lifecycle context = current.get();
		if (context == null) {
			throw new OutsideOfContextException(NO_APP);
		}
		return context;
	}

	/**
	 * Return the context bound to the current thread, which must have a request.
	 * @return the context
	 * @throws OutsideOfContextException if none is bound, or it has no request
	 */
	public static Lifecycle currentRequest() {
		Lifecycle context = getRequest();
		if (context == null) {
			throw new OutsideOfContextException(NO_REQUEST);
		}
		return context;
	}

	/**
	 * Bind a context to the current thread.
	 * @param context the context
	 * @return what was bound before, for {@link #unbind}
	 */
	static @Nullable Lifecycle bind(Lifecycle context) {
		Lifecycle previous = current.get();
		current.set(context);
		return previous;
	}

	/**
	 * Restore what was bound before {@link #bind}.
	 * @param context the context that must be on top
	 * @param previous what {@link #bind} returned
	 * @throws IllegalStateException if another context is on top
	 */
	static void unbind(Lifecycle context, @Nullable Lifecycle previous) {
		Lifecycle bound = current.get();
		if (bound != context) {
			throw new IllegalStateException("Popped wrong context: " + context + " is not the top of "
					+ Thread.currentThread().getName() + "'s contexts (" + bound + " is)");
		}
		// set(null) rather than remove(): the thread's entry is reused by its next request
		current.set(previous);
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
		else if (snapshot instanceof Lifecycle context) {
			current.set(context);
		}
		else {
			throw new IllegalArgumentException("Not a Flagon context snapshot: " + snapshot);
		}
	}

}
