package dev.flagon.events;

import dev.flagon.context.FlagonApp;

import org.springframework.context.ApplicationEvent;
import org.springframework.util.Assert;

/**
 * Published when a request's handling ends in an exception that no exception handler
 * resolved, before the error response is rendered and before the {@code @AfterRequest} hooks
 * run on it (Flask sends {@code got_request_exception} from {@code handle_exception}, then
 * finalizes the 500 response). Sent once per request, with the request's contexts bound. An
 * exception that an {@code @ExceptionHandler} or Spring MVC's resolvers turn into a response
 * (a 404, a 400) is handled, as an error handler's would be in Flask: no event.
 * <p>
 * Flask's {@code got_request_exception} signal. Published to the application's Spring context, so a
 * mounted application's events also reach the root application's listeners;
 * {@link #getApp()} says which application sent it. When no listener for this type exists,
 * nothing is published and nothing allocated.
 * <pre class="code">
 * &#64;EventListener
 * void on(RequestExceptionEvent event) {
 *     log.debug("{} in {}", event, event.getApp().getName());
 * }
 * </pre>
 *
 * @author Flagon team
 * @since 0.1.0
 */
public final class RequestExceptionEvent extends ApplicationEvent {

	private static final long serialVersionUID = 1L;

	private final Throwable exception;

	/**
	 * Create a new event.
	 * @param app the application the event is about
	 * @param exception the exception the request ended with
	 */
	public RequestExceptionEvent(FlagonApp app, Throwable exception) {
		super(app);
		Assert.notNull(exception, "'exception' must not be null");
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
	 * Return the exception the request ended with.
	 * @return the exception
	 */
	public Throwable getException() {
		return this.exception;
	}

}
