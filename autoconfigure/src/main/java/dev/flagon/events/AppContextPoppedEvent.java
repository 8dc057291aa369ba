package dev.flagon.events;

import dev.flagon.context.FlagonApp;

import org.springframework.context.ApplicationEvent;

/**
 * Published when an application context has ended, after {@link AppContextTearingDownEvent}:
 * the last event of a request. Flask sends {@code appcontext_popped} at the end of
 * {@code AppContext.pop}. Every teardown hook of the request has run, and its {@code g}
 * is gone.
 * <p>
 * As in Flask, it is sent once the context has left the thread: a listener sees no context
 * (or an outer one) and learns the application from {@link #getApp()}. Contexts pushed with
 * {@link FlagonApp#appContext()} or {@link FlagonApp#testRequestContext(String)} send it too,
 * when closed.
 * <p>
 * Flask's {@code appcontext_popped} signal. Published to the application's Spring context, so a
 * mounted application's events also reach the root application's listeners;
 * {@link #getApp()} says which application sent it. When no listener for this type exists,
 * nothing is published and nothing allocated.
 * <pre class="code">
 * &#64;EventListener
 * void on(AppContextPoppedEvent event) {
 *     log.debug("{} in {}", event, event.getApp().getName());
 * }
 * </pre>
 *
 * @author Flagon team
 * @since 0.1.0
 */
public final class AppContextPoppedEvent extends ApplicationEvent {

	private static final long serialVersionUID = 1L;

	/**
	 * Create a new event.
	 * @param app the application the event is about
	 */
	public AppContextPoppedEvent(FlagonApp app) {
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
