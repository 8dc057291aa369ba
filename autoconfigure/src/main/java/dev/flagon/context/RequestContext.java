package dev.flagon.context;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The request context: the current request and response, and the {@link AppContext} of the
 * application serving them, as Flask's {@code RequestContext}. The request filter pushes one
 * for every request; {@link FlagonApp#testRequestContext(String)} pushes one without a server.
 * <p>
 * A request context lives through every dispatch of its request (the error page, async
 * dispatches) and ends exactly once: its teardown hooks run, it is popped, then its
 * application context's teardown hooks run and it is popped too.
 *
 * @author Flagon team
 * @since 0.1.0
 */
public final class RequestContext implements AutoCloseable {

	private final AppContext appContext;

	private final HttpServletRequest request;

	private final @Nullable HttpServletResponse response;

	private final ContextTeardown teardown;

	private static final AtomicIntegerFieldUpdater<RequestContext> ENDED = AtomicIntegerFieldUpdater
		.newUpdater(RequestContext.class, "ended");

	private volatile int ended;

	private ContextHolder.@Nullable Scope pushed;

	/**
	 * Create a new, unbound request context with its own new application context.
	 * @param app the application serving the request
	 * @param request the request
	 * @param response the response, or {@code null} for a test request context
	 * @param teardown what to run when the contexts end
	 */
	public RequestContext(FlagonApp app, HttpServletRequest request, @Nullable HttpServletResponse response,
			ContextTeardown teardown) {
		Assert.notNull(request, "'request' must not be null");
		this.appContext = new AppContext(app, teardown);
		this.request = request;
		this.response = response;
		this.teardown = teardown;
	}

	/**
	 * Return the application serving the request.
	 * @return the application
	 */
	public FlagonApp getApp() {
		return this.appContext.getApp();
	}

	/**
	 * Return the application context of the request.
	 * @return the application context
	 */
	public AppContext getAppContext() {
		return this.appContext;
	}

	/**
	 * Return the request.
	 * @return the request
	 */
	public HttpServletRequest getRequest() {
		return this.request;
	}

	/**
	 * Return the response, if there is one.
	 * @return the response, or {@code null} in a test request context
	 */
	public @Nullable HttpServletResponse getResponse() {
		return this.response;
	}

	/**
	 * Bind this context and its application context to the current thread, until
	 * {@link #close()}.
	 * @return this context
	 * @throws IllegalStateException if this context is already pushed by {@code push()}
	 */
	public RequestContext push() {
		Assert.state(this.pushed == null, () -> this + " is already pushed");
		this.pushed = ContextHolder.bind(this.appContext, this);
		return this;
	}

	/**
	 * End this context ({@link #end(Throwable)} with no error) and pop it from the current
	 * thread.
	 * @throws IllegalStateException if this context was not pushed with {@link #push()}, or
	 * is not the top of the current thread's contexts
	 */
	@Override
	public void close() {
		ContextHolder.Scope scope = this.pushed;
		Assert.state(scope != null, () -> "Popped " + this + " that was not pushed");
		Assert.state(scope.isCurrent(), () -> "Popped wrong context: " + this + " is not the top of "
				+ Thread.currentThread().getName() + "'s contexts (" + ContextHolder.snapshot() + " is)");
		try {
			end(null);
		}
		finally {
			this.pushed = null;
			scope.close();
		}
	}

	/**
	 * End this context, once: run the request teardown hooks, then the application context
	 * teardown hooks, each with its context bound. Every hook runs even if an earlier one
	 * throws; the first failure is rethrown with the others suppressed. Later calls do nothing.
	 * @param error the exception that ended the request, or {@code null}
	 * @return whether this call ended the context (false if it had already ended)
	 */
	public boolean end(@Nullable Throwable error) {
		if (!ENDED.compareAndSet(this, 0, 1)) {
			return false;
		}
		RuntimeException failure = null;
		// With nothing to run, binding the contexts could be observed by nobody
		if (this.teardown.hasRequestTeardown(this)) {
			try (ContextHolder.Scope scope = ContextHolder.bind(this.appContext, this)) {
				this.teardown.teardownRequest(this, error);
			}
			catch (RuntimeException ex) {
				failure = ex;
			}
		}
		if (this.appContext.hasTeardown()) {
			try (ContextHolder.Scope scope = ContextHolder.bind(this.appContext, null)) {
				this.appContext.tearDown(error);
			}
			catch (RuntimeException ex) {
				if (failure == null) {
					failure = ex;
				}
				else {
					failure.addSuppressed(ex);
				}
			}
		}
		if (failure != null) {
			throw failure;
		}
		return true;
	}

	/**
	 * Return whether this context has ended.
	 * @return whether {@link #end(Throwable)} was called
	 */
	public boolean isEnded() {
		return this.ended != 0;
	}

	@Override
	public String toString() {
		return "<RequestContext '" + this.request.getRequestURI() + "' [" + this.request.getMethod() + "] of '"
				+ this.appContext.getApp().getName() + "'>";
	}

}
