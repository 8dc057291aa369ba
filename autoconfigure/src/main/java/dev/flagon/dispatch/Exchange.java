package dev.flagon.dispatch;

import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.flagon.context.AppContext;
import dev.flagon.context.ContextTeardown;
import dev.flagon.context.RequestContext;
import dev.flagon.session.SessionRequestWrapper;

import org.springframework.util.Assert;

/**
 * One request's journey through Flagon, across all its dispatches: its contexts, its
 * session, which controller handles it, and what has been done so far.
 *
 * @author Flagon team
 */
final class Exchange implements ContextTeardown {

	static final String ATTRIBUTE = Exchange.class.getName();

	private static final Log logger = LogFactory.getLog(Exchange.class);

	private final AppRuntime app;

	private final SessionRequestWrapper request;

	private final RequestContext context;

	private @Nullable Class<?> controllerType;

	private boolean beforeRequestDone;

	private boolean beforeCommitDone;

	private @Nullable Throwable error;

	Exchange(AppRuntime app, HttpServletRequest request, HttpServletResponse response) {
		this.app = app;
		this.request = app.wrap(request);
		this.context = new RequestContext(app.getApp(), this.request, new CommitAwareResponse(response, this), this);
	}

	static @Nullable Exchange of(ServletRequest request) {
		return (Exchange) request.getAttribute(ATTRIBUTE);
	}

	AppRuntime getApp() {
		return this.app;
	}

	RequestContext getContext() {
		return this.context;
	}

	AppContext getAppContext() {
		return this.context.getAppContext();
	}

	SessionRequestWrapper firstRequest() {
		return this.request;
	}

	HttpServletResponse firstResponse() {
		HttpServletResponse response = this.context.getResponse();
		Assert.state(response != null, "No response");
		return response;
	}

	/**
	 * Return the request of a later dispatch, sharing this exchange's session.
	 */
	SessionRequestWrapper rewrap(HttpServletRequest request) {
		return (request == this.request) ? this.request : new SessionRequestWrapper(request, this.request);
	}

	/**
	 * Mark the before-request hooks as run, returning whether they still had to run.
	 */
	boolean startBeforeRequest(@Nullable Class<?> controllerType) {
		if (this.beforeRequestDone) {
			return false;
		}
		this.beforeRequestDone = true;
		if (controllerType != null && this.app.getHooks().hasControllerHooks(controllerType)) {
			this.controllerType = controllerType;
		}
		return true;
	}

	@Nullable Object runBeforeRequest() {
		return this.app.getHooks().beforeRequest(this.context, this.controllerType);
	}

	/**
	 * Run the after-request hooks and save the session, once, before the response commits.
	 */
	void beforeCommit(HttpServletResponse response) {
		if (this.beforeCommitDone) {
			return;
		}
		this.beforeCommitDone = true;
		this.app.getHooks().afterRequest(this.context, this.controllerType);
		this.request.saveSession(response);
		this.app.getEvents().requestFinished(response);
	}

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

	/**
	 * End the contexts, once, running the teardown hooks. Failures of teardown hooks and
	 * event listeners are logged: the response is on its way and the request cannot fail
	 * any more.
	 */
	void end() {
		boolean ended = true;
		try {
			try {
				ended = this.context.end(this.error);
			}
			finally {
				if (ended) {
					this.app.getEvents().appContextPopped();
				}
			}
		}
		catch (RuntimeException ex) {
			logger.error("Teardown failed for " + this.context, ex);
		}
	}

	boolean isEnded() {
		return this.context.isEnded();
	}

	@Override
	public boolean hasRequestTeardown(RequestContext context) {
		return this.app.getHooks().hasTeardownRequest(this.controllerType)
				|| this.app.getEvents().listensToRequestTearingDown();
	}

	@Override
	public boolean hasAppContextTeardown() {
		return this.app.getHooks().hasTeardownAppContext() || this.app.getEvents().listensToAppContextTearingDown();
	}

	@Override
	public void teardownRequest(RequestContext context, @Nullable Throwable error) {
		try {
			this.app.getHooks().teardownRequest(context, this.controllerType, error);
		}
		finally {
			this.app.getEvents().requestTearingDown(error);
		}
	}

	@Override
	public void teardownAppContext(AppContext context, @Nullable Throwable error) {
		try {
			this.app.getHooks().teardownAppContext(context, error);
		}
		finally {
			this.app.getEvents().appContextTearingDown(error);
		}
	}

}
