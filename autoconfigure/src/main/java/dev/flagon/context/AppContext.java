package dev.flagon.context;

/**
 * The application context: which {@link FlagonApp} is current, and its {@link G}, as Flask's
 * {@code AppContext}. Every request has one (its {@link RequestContext} is also its
 * application context, as in Flask 3.2), and {@link FlagonApp#appContext()} pushes one for
 * work outside a request (jobs, command-line runners, tests).
 * <pre class="code">
 * try (AppContext ctx = app.appContext()) {
 *     ctx.getG().set("job", id);
 * }
 * </pre>
 *
 * @author Flagon team
 * @since 0.1.0
 */
public interface AppContext extends AutoCloseable {

	/**
	 * Return the application this context belongs to.
	 * @return the application
	 */
	FlagonApp getApp();

	/**
	 * Return this context's {@code g}.
	 * @return the namespace
	 */
	G getG();

	/**
	 * Pop this context from the current thread, after running the application's
	 * {@code @TeardownAppContext} hooks (and, for a request context, its
	 * {@code @TeardownRequest} hooks first) with the context still bound.
	 * @throws IllegalStateException if this context is not the top of the current thread's
	 * contexts, or was already popped
	 */
	@Override
	void close();

}
