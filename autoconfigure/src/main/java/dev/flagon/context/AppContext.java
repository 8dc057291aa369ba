package dev.flagon.context;

import java.util.ArrayDeque;
import java.util.Deque;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The application context: which {@link FlagonApp} is current, and its {@link G}. Pushed for
 * every request, and by {@link FlagonApp#appContext()} for work outside a request (jobs,
 * command-line runners, tests), as Flask's {@code AppContext}.
 * <pre class="code">
 * try (AppContext ctx = app.appContext()) {
 *     ctx.getG().set("job", id);
 * }
 * </pre>
 *
 * @author Flagon team
 * @since 0.1.0
 */
public final class AppContext implements AutoCloseable {

	private final FlagonApp app;

	private final ContextTeardown teardown;

	private final G g = new G();

	// Only explicit push() calls use it; the request filter binds without pushing
	private @Nullable Deque<ContextHolder.Scope> pushes;

	/**
	 * Create a new, unbound application context. {@link FlagonApp#appContext()} is the usual
	 * way to get one.
	 * @param app the application
	 * @param teardown what to run when the context ends
	 */
	public AppContext(FlagonApp app, ContextTeardown teardown) {
		Assert.notNull(app, "'app' must not be null");
		Assert.notNull(teardown, "'teardown' must not be null");
		this.app = app;
		this.teardown = teardown;
	}

	/**
	 * Return the application this context belongs to.
	 * @return the application
	 */
	public FlagonApp getApp() {
		return this.app;
	}

	/**
	 * Return this context's {@code g}.
	 * @return the namespace
	 */
	public G getG() {
		return this.g;
	}

	/**
	 * Bind this context to the current thread. Contexts may be pushed more than once; each
	 * push needs its own {@link #close()}, and the teardown runs on the last one.
	 * @return this context
	 */
	public AppContext push() {
		Deque<ContextHolder.Scope> pushes = this.pushes;
		if (pushes == null) {
			pushes = new ArrayDeque<>(1);
			this.pushes = pushes;
		}
		pushes.push(ContextHolder.bind(this, null));
		return this;
	}

	/**
	 * Pop this context from the current thread. When the last push is popped, the
	 * application's {@code @TeardownAppContext} hooks run first, with the context still bound.
	 * @throws IllegalStateException if this context is not the top of the current thread's
	 * contexts, or was not pushed
	 */
	@Override
	public void close() {
		Deque<ContextHolder.Scope> pushes = this.pushes;
		ContextHolder.Scope scope = (pushes != null) ? pushes.peek() : null;
		Assert.state(scope != null, () -> "Popped " + this + " that was not pushed");
		Assert.state(scope.isCurrent(), () -> "Popped wrong context: " + this + " is not the top of "
				+ Thread.currentThread().getName() + "'s contexts (" + ContextHolder.snapshot() + " is)");
		try {
			if (pushes.size() == 1) {
				tearDown(null);
			}
		}
		finally {
			pushes.pop();
			scope.close();
		}
	}

	/**
	 * Return whether ending this context runs any {@code @TeardownAppContext} hook.
	 */
	boolean hasTeardown() {
		return this.teardown.hasAppContextTeardown();
	}

	/**
	 * Run the application's {@code @TeardownAppContext} hooks. Infrastructure: request
	 * contexts call it when they end.
	 * @param error the exception that ended the context, or {@code null}
	 */
	void tearDown(@Nullable Throwable error) {
		this.teardown.teardownAppContext(this, error);
	}

	@Override
	public String toString() {
		return "<AppContext of '" + this.app.getName() + "'>";
	}

}
