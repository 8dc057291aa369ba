package dev.flagon.events;

import org.jspecify.annotations.Nullable;

import dev.flagon.context.FlagonApp;

import org.springframework.context.ApplicationEvent;

/**
 * Published when a request is torn down: after its {@code @TeardownRequest} hooks (even if
 * one of them threw), while its contexts are still bound, and before the application
 * context's {@code @TeardownAppContext} hooks. Flask sends {@code request_tearing_down} at the
 * end of {@code do_teardown_request}. Carries the exception that ended the request, or
 * {@code null}.
 * <p>
 * A context pushed with {@link FlagonApp#testRequestContext(String)} sends it too, when
 * closed.
 * <p>
 * Flask's {@code request_tearing_down} signal. Published to the application's Spring context, so a
 * mounted application's events also reach the root application's listeners;
 * {@link #getApp()} says which application sent it. When no listener for this type exists,
 * nothing is published and nothing allocated.
 * <pre class="code">
 * &#64;EventListener
 * void on(RequestTearingDownEvent event) {
 *     log.debug("{} in {}", event, event.getApp().getName());
 * }
 * </pre>
 *
 * @author Flagon team
 * @since 0.1.0
 */
public final class RequestTearingDownEvent extends ApplicationEvent {

	private static final long serialVersionUID = 1L;

	private final @Nullable Throwable exception;

	/**
	 * Create a new event.
	 * @param app the application the event is about
	 * @param exception the exception that ended the request, or {@code null}
	 */
	public RequestTearingDownEvent(FlagonApp app, @Nullable Throwable exception) {
		super(app);
		this.exception = exception;
	}

	/**
	 * Return the application that sent the event.
	 * @return the application
	 */
	public FlagonApp getApp() {
		return (FlagonApp) getSource();
	}

	/**
	 * Return the exception that ended the request, as the teardown hooks receive it.
	 * @return the exception, or {@code null} if the request ended normally
	 */
	public @Nullable Throwable getException() {
		return this.exception;
	}

}
