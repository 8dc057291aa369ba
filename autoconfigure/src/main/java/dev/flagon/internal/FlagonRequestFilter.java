package dev.flagon.internal;

import java.io.IOException;
import java.io.PrintWriter;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.ServletRequestListener;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.jspecify.annotations.Nullable;

import dev.flagon.session.SessionUnavailableException;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.util.Assert;

/**
 * Runs Flask's request lifecycle around every request, as Flask's {@code wsgi_app}: finds
 * the application for the path, creates the request's {@link Lifecycle}, pushes it, runs the
 * chain, finishes the response and pops it in {@code finally}. The lifecycle lives through
 * every dispatch of its request (error pages and async dispatches see the same context) and
 * ends once, after the last of them.
 * <p>
 * The response each dispatch sees calls back into the lifecycle once, before it commits
 * (after-request hooks, session saved): the only call back in the lifecycle. It also holds
 * back flushes until the dispatch has ended the context, so that for a response that is not
 * streamed every teardown hook has run before the client receives a byte, as in Flask (whose
 * {@code wsgi_app} pops the context before the server writes the body). A body larger than the
 * container's response buffer goes out when the buffer fills, teardown or not.
 * <p>
 * A request that left with an exception and no error dispatch followed (no error page, or a
 * client gone) is ended by the container once it is done with it: on embedded Tomcat by a
 * {@link RequestEndingValve}, elsewhere by an {@link #abandonedRequestListener() listener}
 * (a listener makes Tomcat build an event for every request attribute set, so it is
 * registered only where the valve is not). An async request completed without a dispatch
 * is ended by an {@link AsyncListener}.
 *
 * @author Flagon team
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
		Lifecycle context = Lifecycle.of(request);
		boolean first = (context == null);
		if (context == null) {
			AppRuntime app = this.router.route(request);
			if (app == null) {
				chain.doFilter(request, response);
				return;
			}
			context = new Lifecycle(app, app.wrap(request), response);
			request.setAttribute(Lifecycle.ATTRIBUTE, context);
		}
		else if (request.getDispatcherType() == DispatcherType.FORWARD
				|| request.getDispatcherType() == DispatcherType.INCLUDE || context.isEnded()) {
			chain.doFilter(request, response);
			return;
		}
		HttpServletRequest dispatched = context.wrap(request);
		CommitCallbackResponse dispatchedResponse = new CommitCallbackResponse(response, dispatched, context);
		Lifecycle previous = ContextHolder.bind(context);
		boolean failed = true;
		boolean ended = false;
		try {
			if (first) {
				context.started();
			}
			chain.doFilter(dispatched, dispatchedResponse);
			if (dispatched.isAsyncStarted()) {
				dispatched.getAsyncContext().addListener(new AsyncCompletion(context));
			}
			else {
				context.afterRequest(response);
			}
			failed = false;
		}
		catch (IOException | ServletException | RuntimeException | Error ex) {
			context.recordError(ex);
			if (!isSessionUnavailable(ex) || response.isCommitted()) {
				throw ex;
			}
			// Thrown outside a handler (Spring MVC's flash maps, Spring Security): answer as
			// a handler's @ResponseStatus would; the error page ends the context
			response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "Session unavailable");
		}
		finally {
			try {
				// An exception leaves for the error page: the context lives on until it is done
				if (!failed && !dispatched.isAsyncStarted()) {
					ended = context.end();
				}
			}
			finally {
				ContextHolder.unbind(context, previous);
				if (ended) {
					context.popped();
				}
				dispatchedResponse.releaseFlushes();
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
	 * containers where no {@link RequestEndingValve} does it. Not the filter itself, so
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
	 * End the context of a request the container is done with, if no dispatch ended it: it
	 * left with an exception, and no error page followed.
	 * @param request the request
	 */
	static void endAbandoned(ServletRequest request) {
		Lifecycle context = Lifecycle.of(request);
		if (context != null) {
			context.end();
		}
	}

	/**
	 * Ends an async request completed without a dispatch back to the container.
	 */
	private record AsyncCompletion(Lifecycle context) implements AsyncListener {

		@Override
		public void onComplete(AsyncEvent event) {
			this.context.end();
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

	/**
	 * The response of one dispatch: calls the lifecycle's commit callback at the last moment
	 * headers can still change: before the first byte of the body, a flush, an error or a
	 * redirect. While the dispatch runs synchronously, flushes and closes are held back (the
	 * container sends the buffered body once the filter returns, after teardown); once the
	 * request is async (a streamed body), they go through at once. So is a content length
	 * that fits in the buffer: the container sends a response as soon as that many bytes are
	 * written.
	 */
	private static final class CommitCallbackResponse extends HttpServletResponseWrapper {

		private final HttpServletRequest request;

		private final Lifecycle context;

		private @Nullable ServletOutputStream outputStream;

		private @Nullable PrintWriter writer;

		private boolean holding = true;

		private boolean closeHeld;

		private long heldContentLength = -1;

		CommitCallbackResponse(HttpServletResponse response, HttpServletRequest request, Lifecycle context) {
			super(response);
			this.request = request;
			this.context = context;
		}

		void beforeCommit() {
			this.context.afterRequest((HttpServletResponse) getResponse());
		}

		/**
		 * Return whether a flush or close must wait: the dispatch is still running, on its
		 * way to teardown, and has not turned async.
		 */
		boolean hold() {
			return this.holding && !this.request.isAsyncStarted();
		}

		/**
		 * Stop holding flushes, now that the dispatch has ended (and torn down) the context,
		 * and close what the dispatch closed. The container flushes the body.
		 */
		void releaseFlushes() {
			this.holding = false;
			if (this.heldContentLength >= 0 && !isCommitted()) {
				super.setContentLengthLong(this.heldContentLength);
			}
			if (this.closeHeld) {
				if (this.writer != null) {
					this.writer.close();
				}
				else if (this.outputStream != null) {
					try {
						this.outputStream.close();
					}
					catch (IOException ex) {
						// The client is gone; the container reports it
					}
				}
			}
		}

		@Override
		public void sendError(int sc, String msg) throws IOException {
			beforeCommit();
			super.sendError(sc, msg);
		}

		@Override
		public void sendError(int sc) throws IOException {
			beforeCommit();
			super.sendError(sc);
		}

		@Override
		public void sendRedirect(String location) throws IOException {
			beforeCommit();
			super.sendRedirect(location);
		}

		@Override
		public void sendRedirect(String location, boolean clearBuffer) throws IOException {
			beforeCommit();
			super.sendRedirect(location, clearBuffer);
		}

		@Override
		public void sendRedirect(String location, int sc) throws IOException {
			beforeCommit();
			super.sendRedirect(location, sc);
		}

		@Override
		public void sendRedirect(String location, int sc, boolean clearBuffer) throws IOException {
			beforeCommit();
			super.sendRedirect(location, sc, clearBuffer);
		}

		@Override
		public void setContentLength(int length) {
			setContentLengthLong(length);
		}

		@Override
		public void setContentLengthLong(long length) {
			if (length >= 0 && length <= getBufferSize() && hold()) {
				this.heldContentLength = length;
			}
			else {
				super.setContentLengthLong(length);
			}
		}

		@Override
		public void setHeader(String name, @Nullable String value) {
			if (isContentLength(name, value)) {
				setContentLengthLong(Long.parseLong(value));
			}
			else {
				super.setHeader(name, value);
			}
		}

		@Override
		public void addHeader(String name, @Nullable String value) {
			if (isContentLength(name, value)) {
				setContentLengthLong(Long.parseLong(value));
			}
			else {
				super.addHeader(name, value);
			}
		}

		@Override
		public void setIntHeader(String name, int value) {
			if (HttpHeaders.CONTENT_LENGTH.equalsIgnoreCase(name)) {
				setContentLengthLong(value);
			}
			else {
				super.setIntHeader(name, value);
			}
		}

		@Override
		public void addIntHeader(String name, int value) {
			if (HttpHeaders.CONTENT_LENGTH.equalsIgnoreCase(name)) {
				setContentLengthLong(value);
			}
			else {
				super.addIntHeader(name, value);
			}
		}

		private static boolean isContentLength(String name, @Nullable String value) {
			return HttpHeaders.CONTENT_LENGTH.equalsIgnoreCase(name) && value != null && !value.isEmpty()
					&& value.length() < 19 && value.chars().allMatch(Character::isDigit);
		}

		@Override
		public void flushBuffer() throws IOException {
			beforeCommit();
			if (!hold()) {
				super.flushBuffer();
			}
		}

		@Override
		public ServletOutputStream getOutputStream() throws IOException {
			ServletOutputStream outputStream = this.outputStream;
			if (outputStream == null) {
				outputStream = new CallbackOutputStream(super.getOutputStream());
				this.outputStream = outputStream;
			}
			return outputStream;
		}

		@Override
		public PrintWriter getWriter() throws IOException {
			PrintWriter writer = this.writer;
			if (writer == null) {
				writer = new CallbackWriter(super.getWriter());
				this.writer = writer;
			}
			return writer;
		}

		private final class CallbackOutputStream extends ServletOutputStream {

			private final ServletOutputStream delegate;

			CallbackOutputStream(ServletOutputStream delegate) {
				this.delegate = delegate;
			}

			@Override
			public void write(int b) throws IOException {
				beforeCommit();
				this.delegate.write(b);
			}

			@Override
			public void write(byte[] b, int off, int len) throws IOException {
				beforeCommit();
				this.delegate.write(b, off, len);
			}

			@Override
			public void flush() throws IOException {
				beforeCommit();
				if (!hold()) {
					this.delegate.flush();
				}
			}

			@Override
			public void close() throws IOException {
				beforeCommit();
				if (hold()) {
					CommitCallbackResponse.this.closeHeld = true;
				}
				else {
					this.delegate.close();
				}
			}

			@Override
			public boolean isReady() {
				return this.delegate.isReady();
			}

			@Override
			public void setWriteListener(WriteListener writeListener) {
				this.delegate.setWriteListener(writeListener);
			}

		}

		/**
		 * The container's writer with the callback in front: every method that writes goes
		 * straight to the container's writer (print and println end up in these).
		 */
		private final class CallbackWriter extends PrintWriter {

			private final PrintWriter delegate;

			CallbackWriter(PrintWriter delegate) {
				super(delegate, false);
				this.delegate = delegate;
			}

			@Override
			public void write(int c) {
				beforeCommit();
				this.delegate.write(c);
			}

			@Override
			public void write(char[] buf, int off, int len) {
				beforeCommit();
				this.delegate.write(buf, off, len);
			}

			@Override
			public void write(String s, int off, int len) {
				beforeCommit();
				this.delegate.write(s, off, len);
			}

			@Override
			public void println() {
				beforeCommit();
				this.delegate.println();
			}

			@Override
			public void flush() {
				beforeCommit();
				if (!hold()) {
					this.delegate.flush();
				}
			}

			@Override
			public void close() {
				beforeCommit();
				if (hold()) {
					CommitCallbackResponse.this.closeHeld = true;
				}
				else {
					this.delegate.close();
				}
			}

			@Override
			public boolean checkError() {
				return this.delegate.checkError();
			}

		}

	}

}
