package dev.flagon.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.Consumer;

import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.flagon.context.FlagonApp;
import dev.flagon.context.G;
import dev.flagon.context.OutsideOfContextException;
import dev.flagon.context.RequestContext;
import dev.flagon.events.internal.FlagonEvents;
import dev.flagon.session.FlagonSession;
import dev.flagon.session.internal.SessionRequestWrapper;

import org.springframework.util.Assert;

/**
 * One context, from push to pop: Flask 3.2's merged {@code AppContext}. A request's lifecycle
 * is its request context and its application context at once; {@link FlagonApp#appContext()}
 * makes one without a request. It runs the hooks at the points the request filter and the
 * response reach, saves the session, and ends exactly once.
 * <p>
 * It publishes the application's events ({@code dev.flagon.events}) where Flask sends its
 * signals.
 *
 * @author Flagon team
 */
public final class Lifecycle implements RequestContext {

	static final String ATTRIBUTE = Lifecycle.class.getName();

	private static final Log logger = LogFactory.getLog(Lifecycle.class);

	private static final AtomicIntegerFieldUpdater<Lifecycle> ENDED = AtomicIntegerFieldUpdater
		.newUpdater(Lifecycle.class, "ended");

	private final AppRuntime app;

	private final @Nullable SessionRequestWrapper request;

	private final @Nullable HttpServletResponse response;

	private final Namespace g = new Namespace();

	private @Nullable Class<?> controllerType;

	private boolean beforeRequestDone;

	private boolean afterRequestDone;

	private volatile boolean sessionSaved;

	private @Nullable GuardedSession session;

	private @Nullable Throwable error;

	private @Nullable List<Consumer<HttpServletResponse>> afterThisRequest;

	private volatile int ended;

	// Set once the request teardown has run: the request is gone, the app context not yet
	private volatile boolean requestDone;

	// Pushed by push() (appContext(), testRequestContext()): what close() restores
	private boolean pushed;

	private @Nullable Lifecycle pushedOver;

	Lifecycle(AppRuntime app, @Nullable SessionRequestWrapper request, @Nullable HttpServletResponse response) {
		this.app = app;
		this.request = request;
		this.response = response;
	}

	static @Nullable Lifecycle of(ServletRequest request) {
		return (Lifecycle) request.getAttribute(ATTRIBUTE);
	}

	@Override
	public FlagonApp getApp() {
		return this.app.getApp();
	}

	@Override
	public G getG() {
		return this.g;
	}

	@Override
	public HttpServletRequest getRequest() {
		return sessionRequest();
	}

	@Override
	public @Nullable HttpServletResponse getResponse() {
		return this.response;
	}

	/**
	 * Return whether this context has a request that has not been torn down yet.
	 * @return whether there is a request
	 */
	boolean hasRequest() {
		return this.request != null && !this.requestDone;
	}

	/**
	 * Return the session of the request, which the store opens when it is first read or
	 * changed, and which refuses changes once it has been saved.
	 * @return the session
	 */
	public FlagonSession session() {
		GuardedSession session = this.session;
		if (session == null) {
			session = new GuardedSession(sessionRequest(), this, this.sessionSaved);
			this.session = session;
		}
		return session;
	}

	private SessionRequestWrapper sessionRequest() {
		SessionRequestWrapper request = this.request;
		if (request == null) {
			throw new OutsideOfContextException(ContextHolder.NO_REQUEST);
		}
		return request;
	}

	/**
	 * Return the request of a dispatch of this context's request, sharing its session.
	 */
	HttpServletRequest wrap(HttpServletRequest dispatched) {
		SessionRequestWrapper request = sessionRequest();
		return (dispatched == request.getRequest()) ? request : new SessionRequestWrapper(dispatched, request);
	}

	/**
	 * Bind this context to the current thread until {@link #close()}.
	 */
	Lifecycle push() {
		Assert.state(!this.pushed && this.ended == 0, () -> this + " is already pushed");
		this.pushedOver = ContextHolder.bind(this);
		this.pushed = true;
		this.app.getEvents().appContextPushed();
		return this;
	}

	/**
	 * Publish the events of a request's first dispatch, this context bound: the app context
	 * is pushed, then the request starts.
	 */
	void started() {
		FlagonEvents events = this.app.getEvents();
		events.appContextPushed();
		events.requestStarted();
	}

	@Override
	public void close() {
		Assert.state(this.pushed, () -> "Popped " + this + " that was not pushed");
		Assert.state(ContextHolder.get() == this, () -> "Popped wrong context: " + this + " is not the top of "
				+ Thread.currentThread().getName() + "'s contexts (" + ContextHolder.get() + " is)");
		RuntimeException failure = null;
		try {
			if (ENDED.compareAndSet(this, 0, 1)) {
				failure = tearDown();
			}
		}
		finally {
			this.pushed = false;
			ContextHolder.unbind(this, this.pushedOver);
			failure = popped(failure);
		}
		if (failure != null) {
			throw failure;
		}
	}

	/**
	 * Run the {@code @BeforeRequest} hooks, once, when the handler is known.
	 * @param handlerType the handler's controller type, or {@code null}
	 * @return the first non-null value a hook returned, or {@code null}
	 */
	@Nullable Object beforeRequest(@Nullable Class<?> handlerType) {
		if (this.beforeRequestDone || this.ended != 0) {
			return null;
		}
		this.beforeRequestDone = true;
		RequestHooks hooks = this.app.getHooks();
		if (handlerType != null && hooks.hasControllerHooks(handlerType)) {
			this.controllerType = handlerType;
		}
		return hooks.beforeRequest(this, this.controllerType);
	}

	/**
	 * Register a function to run on this request's response before the
	 * {@code @AfterRequest} hooks.
	 * @param callback the function
	 * @throws IllegalStateException if the after-request hooks have run already
	 */
	public void afterThisRequest(Consumer<HttpServletResponse> callback) {
		Assert.notNull(callback, "'callback' must not be null");
		Assert.state(!this.afterRequestDone, () -> "Flagon.afterThisRequest(...) was called after the response of "
				+ this + " ran its after-request hooks (in a teardown hook, or after the body was written): "
				+ "register it before the handler writes the body");
		List<Consumer<HttpServletResponse>> callbacks = this.afterThisRequest;
		if (callbacks == null) {
			callbacks = new ArrayList<>(1);
			this.afterThisRequest = callbacks;
		}
		callbacks.add(callback);
	}

	/**
	 * The response's commit callback: run the functions given to {@link #afterThisRequest},
	 * the {@code @AfterRequest} hooks and save the session, once, before the response
	 * commits.
	 * @param response the response, not yet committed
	 */
	void afterRequest(HttpServletResponse response) {
		if (this.afterRequestDone) {
			return;
		}
		this.afterRequestDone = true;
		List<Consumer<HttpServletResponse>> callbacks = this.afterThisRequest;
		if (callbacks != null) {
			callbacks.forEach((callback) -> callback.accept(response));
		}
		this.app.getHooks().afterRequest(this, this.controllerType);
		// Changes from now on would be lost: refused (a session opened later starts refusing)
		this.sessionSaved = true;
		GuardedSession session = this.session;
		if (session != null) {
			session.saved();
		}
		sessionRequest().saveSession(response);
		this.app.getEvents().requestFinished(response);
	}

	/**
	 * Remember the exception a dispatch ended with, for the teardown hooks.
	 */
	void recordError(Throwable error) {
		if (this.error == null) {
			Throwable cause = error;
			while (cause instanceof ServletException && cause.getCause() != null) {
				cause = cause.getCause();
			}
			this.error = cause;
			this.app.getEvents().requestException(cause);
		}
	}

	boolean isEnded() {
		return this.ended != 0;
	}

	/**
	 * End this context, once, logging what the teardown hooks and listeners throw: the
	 * response is on its way and the request cannot fail any more. A context this call binds
	 * to end is popped here; one bound already is popped by whoever unbinds it
	 * ({@link #popped()}).
	 * @return whether this call ended the context
	 */
	boolean end() {
		if (!ENDED.compareAndSet(this, 0, 1)) {
			return false;
		}
		log(tearDown());
		return true;
	}

	/**
	 * Publish that this context, ended, has left the thread, logging what a listener throws.
	 */
	void popped() {
		log(popped(null));
	}

	private @Nullable RuntimeException popped(@Nullable RuntimeException failure) {
		try {
			this.app.getEvents().appContextPopped();
			return failure;
		}
		catch (RuntimeException ex) {
			return add(failure, ex);
		}
	}

	/**
	 * Run the {@code @TeardownRequest} hooks, then the {@code @TeardownAppContext} hooks, with
	 * this context bound, publishing an event after each. Every step runs even if an earlier
	 * one throws.
	 * @return the first failure, with the others suppressed, or {@code null}
	 */
	private @Nullable RuntimeException tearDown() {
		// Bound already when the filter or close() ends it; not when the container does
		boolean bound = ContextHolder.get() == this;
		Lifecycle previous = bound ? null : ContextHolder.bind(this);
		RequestHooks hooks = this.app.getHooks();
		FlagonEvents events = this.app.getEvents();
		RuntimeException failure = null;
		try {
			if (this.request != null) {
				try {
					hooks.teardownRequest(this, this.controllerType, this.error);
				}
				catch (RuntimeException ex) {
					failure = ex;
				}
				try {
					events.requestTearingDown(this.error);
				}
				catch (RuntimeException ex) {
					failure = add(failure, ex);
				}
			}
			this.requestDone = true;
			try {
				hooks.teardownAppContext(this, this.error);
			}
			catch (RuntimeException ex) {
				failure = add(failure, ex);
			}
			try {
				events.appContextTearingDown(this.error);
			}
			catch (RuntimeException ex) {
				failure = add(failure, ex);
			}
		}
		finally {
			if (!bound) {
				ContextHolder.unbind(this, previous);
			}
		}
		return bound ? failure : popped(failure);
	}

	private static RuntimeException add(@Nullable RuntimeException failure, RuntimeException ex) {
		if (failure == null) {
			return ex;
		}
		failure.addSuppressed(ex);
		return failure;
	}

	private void log(@Nullable RuntimeException failure) {
		if (failure != null) {
			logger.error("Teardown failed for " + this, failure);
		}
	}

	@Override
	public String toString() {
		SessionRequestWrapper request = this.request;
		if (request == null) {
			return "<AppContext of '" + this.app.getName() + "'>";
		}
		return "<RequestContext '" + request.getRequestURI() + "' [" + request.getMethod() + "] of '"
				+ this.app.getName() + "'>";
	}

}
