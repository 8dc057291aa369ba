package dev.flagon.events;

import jakarta.servlet.http.HttpServletResponse;

import dev.flagon.context.FlagonApp;

import org.springframework.context.ApplicationEvent;
import org.springframework.util.Assert;

/**
 * Published when a request's response is finished: after the {@code @AfterRequest} hooks
 * have run and the session has been saved, before the response commits (headers may still be
 * set), with the request's contexts bound. Flask sends {@code request_finished} from
 * {@code finalize_request}, after {@code process_response}. Sent for error responses too: an
 * exception's error page, a 404.
 * <p>
 * Flask's {@code request_finished} signal. Published to the application's Spring context, so a
 * mounted application's events also reach the root application's listeners;
 * {@link #getApp()} says which application sent it. When no listener for this type exists,
 * nothing is published and nothing allocated.
 * <pre class="code">
 * &#64;EventListener
 * void on(RequestFinishedEvent event) {
 *     log.debug("{} in {}", event, event.getApp().getName());
 * }
 * </pre>
 *
 * @author Flagon team
 * @since 0.1.0
 */
public final class RequestFinishedEvent extends ApplicationEvent {

	private static final long serialVersionUID = 1L;

	private final transient HttpServletResponse response;

	/**
	 * Create a new event.
	 * @param app the application the event is about
	 * @param response the response, not yet committed
	 */
	public RequestFinishedEvent(FlagonApp app, HttpServletResponse response) {
		super(app);
		Assert.notNull(response, "'response' must not be null");
		this.response = response;
	}

	/**
	 * Return the application that sent the event.
	 * @return the application
	 */
	public FlagonApp getApp() {
		return (FlagonApp) getSource();
	}

	/**
	 * Return the response. Its headers can still be changed: it is not committed yet.
	 * @return the response
	 */
	public HttpServletResponse getResponse() {
		return this.response;
	}

}
