package dev.flagon.events;

import dev.flagon.context.FlagonApp;

import org.springframework.context.ApplicationEvent;

/**
 * Published when a request starts, after {@link AppContextPushedEvent} and before the
 * {@code @BeforeRequest} hooks and the handler, with the request's contexts bound. Flask sends
 * {@code request_started} at the start of {@code full_dispatch_request}. Sent for every request
 * the filter serves, including those that end in an error page or a 404.
 * <p>
 * Flask's {@code request_started} signal. Published to the application's Spring context, so a
 * mounted application's events also reach the root application's listeners;
 * {@link #getApp()} says which application sent it. When no listener for this type exists,
 * nothing is published and nothing allocated.
 * <pre class="code">
 * &#64;EventListener
 * void on(RequestStartedEvent event) {
 *     log.debug("{} in {}", event, event.getApp().getName());
 * }
 * </pre>
 *
 * @author Flagon team
 * @since 0.1.0
 */
public final class RequestStartedEvent extends ApplicationEvent {

	private static final long serialVersionUID = 1L;

	/**
	 * Create a new event.
	 * @param app the application the event is about
	 */
	public RequestStartedEvent(FlagonApp app) {
		super(app);
	}

	/**
	 * Return the application that sent the event.
	 * @return the application
	 */
	public FlagonApp getApp() {
		return (FlagonApp) getSource();
	}

}
