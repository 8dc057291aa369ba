package dev.flagon.context;

import org.jspecify.annotations.Nullable;

/**
 * What an application runs when its contexts end: its {@code @TeardownRequest} and
 * {@code @TeardownAppContext} hooks. Each callback runs with the ending context still bound.
 *
 * @author Flagon team
 * @since 0.1.0
 */
public interface ContextTeardown {

	/**
	 * A teardown that does nothing.
	 */
	ContextTeardown NONE = new ContextTeardown() {

		@Override
		public boolean hasRequestTeardown(RequestContext context) {
			return false;
		}

		@Override
		public boolean hasAppContextTeardown() {
			return false;
		}

	};

	/**
	 * Return whether {@link #teardownRequest} has anything to run for the given context. When
	 * it has not, ending the context neither binds it nor calls it. Default {@code true}.
	 * @param context the ending request context
	 * @return whether to call {@link #teardownRequest}
	 */
	default boolean hasRequestTeardown(RequestContext context) {
		return true;
	}

	/**
	 * Return whether {@link #teardownAppContext} has anything to run. When it has not, ending
	 * an application context neither binds it nor calls it. Default {@code true}.
	 * @return whether to call {@link #teardownAppContext}
	 */
	default boolean hasAppContextTeardown() {
		return true;
	}

	/**
	 * Called when a request context ends, before it is popped.
	 * @param context the ending request context
	 * @param error the exception that ended the request, or {@code null}
	 */
	default void teardownRequest(RequestContext context, @Nullable Throwable error) {
	}

	/**
	 * Called when an application context ends, before it is popped.
	 * @param context the ending application context
	 * @param error the exception that ended the context, or {@code null}
	 */
	default void teardownAppContext(AppContext context, @Nullable Throwable error) {
	}

}
