package dev.flagon.dispatch;

import java.io.IOException;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.ServletRequestListener;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.flagon.context.ContextHolder;
import dev.flagon.session.SessionUnavailableException;

import org.springframework.core.Ordered;
import org.springframework.util.Assert;

/**
 * Runs Flask's request lifecycle around every request: finds the application for the path,
 * pushes its application and request contexts, and ends them exactly once, after the last
 * dispatch of the request (error pages and async dispatches see the same contexts). The
 * session is saved and the after-request hooks run before the response commits; the
 * contexts are unbound from the thread when each dispatch returns, even when it throws.
 * <p>
 * A request that left with an exception and no error dispatch followed (no error page, or a
 * client gone) is ended by the container once it is done with it: on embedded Tomcat by an
 * {@link ExchangeEndingValve}, elsewhere by an {@link #abandonedRequestListener() listener}
 * (a listener makes Tomcat build an event for every request attribute set, so it is
 * registered only where the valve is not). An async request completed without a dispatch
 * is ended by an {@link AsyncListener}.
 *
 * @author Flagon team
 * @since 0.1.0
 */
public class FlagonRequestFilter implements Filter, Ordered {

	/**
	 * The default order: early, before Spring Security's filter chain, as Spring Session's
	 * filter.
	 */
	public static final int DEFAULT_ORDER = Ordered.HIGHEST_PRECEDENCE + 50;

	private final AppRouter router;

	private int order = DEFAULT_ORDER;

	/**
	 * Create a new filter.
	 * @param router the router that finds the application of each request
	 */
	public FlagonRequestFilter(AppRouter router) {
		Assert.notNull(router, "'router' must not be null");
		this.router = router;
	}

	@Override
	public int getOrder() {
		return this.order;
	}

	/**
	 * Set the order of the filter.
	 * @param order the order
	 */
	public void setOrder(int order) {
		this.order = order;
	}

	@Override
	public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
			throws IOException, ServletException {
		if (!(servletRequest instanceof HttpServletRequest request)
				|| !(servletResponse instanceof HttpServletResponse response)) {
			chain.doFilter(servletRequest, servletResponse);
			return;
		}
		Exchange exchange = Exchange.of(request);
		DispatcherType dispatcherType = request.getDispatcherType();
		if (exchange == null) {
			AppRuntime app = this.router.route(request);
			if (app == null) {
				chain.doFilter(request, response);
				return;
			}
			exchange = new Exchange(app, request, response);
			request.setAttribute(Exchange.ATTRIBUTE, exchange);
			dispatch(exchange, exchange.firstRequest(), exchange.firstResponse(), chain);
		}
		else if (dispatcherType == DispatcherType.FORWARD || dispatcherType == DispatcherType.INCLUDE
				|| exchange.isEnded()) {
			chain.doFilter(request, response);
		}
		else {
			dispatch(exchange, exchange.rewrap(request), new CommitAwareResponse(response, exchange), chain);
		}
	}

	private void dispatch(Exchange exchange, HttpServletRequest request, HttpServletResponse response,
			FilterChain chain) throws IOException, ServletException {
		ContextHolder.Scope scope = ContextHolder.bind(exchange.getAppContext(), exchange.getContext());
		boolean failed = true;
		try {
			if (request.getDispatcherType() == DispatcherType.REQUEST) {
				exchange.getApp().getEvents().appContextPushed();
				exchange.getApp().getEvents().requestStarted();
			}
			chain.doFilter(request, response);
			if (!request.isAsyncStarted()) {
				exchange.beforeCommit(response);
			}
			else {
				request.getAsyncContext().addListener(new AsyncCompletion(exchange));
			}
			failed = false;
		}
		catch (IOException | ServletException | RuntimeException | Error ex) {
			exchange.recordError(ex);
			if (!isSessionUnavailable(ex) || response.isCommitted()) {
				throw ex;
			}
			// Thrown outside a handler (Spring MVC's flash maps, Spring Security): answer as
			// a handler's @ResponseStatus would; the error page ends the contexts
			response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "Session unavailable");
		}
		finally {
			try {
				// An exception leaves for the error page: the contexts live on until it is done
				if (!failed && !request.isAsyncStarted()) {
					exchange.end();
				}
			}
			finally {
				scope.close();
			}
		}
	}

	private static boolean isSessionUnavailable(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof SessionUnavailableException) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Return a listener that ends the contexts of requests the container is done with, for
	 * containers where no {@link ExchangeEndingValve} does it. Not the filter itself, so
	 * that Spring Boot registers no listener of its own accord for the filter bean.
	 * @return the listener
	 */
	public static ServletRequestListener abandonedRequestListener() {
		return new ServletRequestListener() {

			@Override
			public void requestDestroyed(ServletRequestEvent event) {
				endAbandoned(event.getServletRequest());
			}

		};
	}

	/**
	 * End the contexts of a request the container is done with, if no dispatch ended them:
	 * it left with an exception, and no error page followed.
	 * @param request the request
	 */
	static void endAbandoned(ServletRequest request) {
		Exchange exchange = Exchange.of(request);
		if (exchange != null) {
			exchange.end();
		}
	}

	/**
	 * Ends an async request completed without a dispatch back to the container.
	 */
	private record AsyncCompletion(Exchange exchange) implements AsyncListener {

		@Override
		public void onComplete(AsyncEvent event) {
			this.exchange.end();
		}

		@Override
		public void onTimeout(AsyncEvent event) {
		}

		@Override
		public void onError(AsyncEvent event) {
		}

		@Override
		public void onStartAsync(AsyncEvent event) {
		}

	}

}
