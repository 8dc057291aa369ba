package dev.flagon;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import dev.flagon.context.FlagonApp;
import dev.flagon.context.G;
import dev.flagon.context.OutsideOfContextException;
import dev.flagon.internal.ContextHolder;
import dev.flagon.session.FlagonSession;
import dev.flagon.session.SessionUnavailableException;
import dev.flagon.session.internal.SessionRequestWrapper;

import org.springframework.util.Assert;

/**
 * Flask's context globals, for code that has no parameter to receive them: the current
 * {@link #request()}, {@link #session()}, {@link #g()} and {@link #currentApp()}.
 * <pre class="code">
 * String user = (String) Flagon.session().get("user");
 * Flagon.g().set("audit", new AuditTrail(user));
 * </pre>
 * Each throws an {@link OutsideOfContextException}, saying how to get a context, when the
 * current thread has none. To run work on another thread with the current contexts, wrap it
 * with {@link #copyCurrentContext(Runnable)}.
 *
 * @author Flagon team
 * @since 0.1.0
 */
public final class Flagon {

	private Flagon() {
	}

	/**
	 * Return the current request.
	 * @return the request
	 * @throws OutsideOfContextException outside a request context
	 */
	public static HttpServletRequest request() {
		return ContextHolder.currentRequest().getRequest();
	}

	/**
	 * Return the session of the current request. The store opens it when it is first read or
	 * changed: its methods throw {@link SessionUnavailableException} if sessions are disabled
	 * or unreachable.
	 * @return the session
	 * @throws OutsideOfContextException outside a request context
	 */
	public static FlagonSession session() {
		return ContextHolder.currentRequest().session();
	}

	/**
	 * Return the {@code g} of the current application context.
	 * @return the namespace
	 * @throws OutsideOfContextException outside an application context
	 */
	public static G g() {
		return ContextHolder.currentApp().getG();
	}

	/**
	 * Return the application of the current application context.
	 * @return the application
	 * @throws OutsideOfContextException outside an application context
	 */
	public static FlagonApp currentApp() {
		return ContextHolder.currentApp().getApp();
	}

	/**
	 * Run a function on the response of the current request, before its
	 * {@code @AfterRequest} hooks, for this request only: Flask's {@code after_this_request}.
	 * Functions run in the order they were registered, before the response commits, so they
	 * may still set headers, cookies and the status.
	 * <pre class="code">
	 * Flagon.afterThisRequest((response) -&gt; response.addCookie(new Cookie("seen", "1")));
	 * </pre>
	 * @param callback the function, given the response
	 * @throws OutsideOfContextException outside a request context
	 * @throws IllegalStateException if the request's after-request hooks have run already
	 * (from a teardown hook, or once the body was written)
	 */
	public static void afterThisRequest(Consumer<HttpServletResponse> callback) {
		Assert.notNull(callback, "'callback' must not be null");
		ContextHolder.currentRequest().afterThisRequest(callback);
	}

	/**
	 * Return whether a request context is bound to the current thread.
	 * @return whether there is a request context
	 */
	public static boolean hasRequestContext() {
		return ContextHolder.getRequest() != null;
	}

	/**
	 * Return whether an application context is bound to the current thread.
	 * @return whether there is an application context
	 */
	public static boolean hasAppContext() {
		return ContextHolder.get() != null;
	}

	/**
	 * Wrap a task so that it runs with the current contexts, on whatever thread runs it, as
	 * Flask's {@code copy_current_request_context}. The contexts are shared, not copied: the
	 * task sees and changes the same {@code g} and session. A request's contexts are only
	 * usable while the request is in progress.
	 * <pre class="code">
	 * executor.execute(Flagon.copyCurrentContext(() -&gt; audit()));
	 * CompletableFuture.runAsync(Flagon.copyCurrentContext(this::audit), pool);
	 * </pre>
	 * A lambda or method reference that returns a value takes the
	 * {@link #copyCurrentContext(Callable) Callable} overload instead.
	 * @param task the task
	 * @return the wrapped task
	 * @throws OutsideOfContextException outside an application context
	 */
	public static Runnable copyCurrentContext(Runnable task) {
		Assert.notNull(task, "'task' must not be null");
		ContextTask<@Nullable Void> wrapped = copyCurrentContext(() -> {
			task.run();
			return null;
		});
		return wrapped::get;
	}

	/**
	 * Wrap a task that returns a value so that it runs with the current contexts, as
	 * {@link #copyCurrentContext(Runnable)}. The wrapped task is both a {@link Callable} and a
	 * {@link Supplier}, so it goes wherever either is taken:
	 * <pre class="code">
	 * Future&lt;Report&gt; report = executor.submit(Flagon.copyCurrentContext(() -&gt; compute()));
	 * CompletableFuture&lt;Report&gt; later = CompletableFuture.supplyAsync(Flagon.copyCurrentContext(this::compute), pool);
	 * </pre>
	 * @param <T> the result type
	 * @param task the task
	 * @return the wrapped task
	 * @throws OutsideOfContextException outside an application context
	 */
	public static <T> ContextTask<T> copyCurrentContext(Callable<T> task) {
		Assert.notNull(task, "'task' must not be null");
		Object snapshot = ContextHolder.currentApp();
		return () -> {
			Object previous = ContextHolder.snapshot();
			ContextHolder.restore(snapshot);
			try {
				return task.call();
			}
			finally {
				ContextHolder.restore(previous);
			}
		};
	}

	/**
	 * A task wrapped by {@link Flagon#copyCurrentContext(Callable)}: a {@link Callable} that is
	 * also a {@link Supplier}, for {@code ExecutorService.submit} and
	 * {@code CompletableFuture.supplyAsync} alike.
	 *
	 * @param <T> the result type
	 * @since 0.1.0
	 */
	@FunctionalInterface
	public interface ContextTask<T extends @Nullable Object> extends Callable<T>, Supplier<T> {

		/**
		 * Run the task as {@link #call()} does. A checked exception it throws is wrapped in a
		 * {@link CompletionException}, as {@link java.util.concurrent.CompletableFuture}
		 * reports failures.
		 * @return the result
		 */
		@Override
		default T get() {
			try {
				return call();
			}
			catch (RuntimeException ex) {
				throw ex;
			}
			catch (Exception ex) {
				throw new CompletionException(ex);
			}
		}

	}

}
