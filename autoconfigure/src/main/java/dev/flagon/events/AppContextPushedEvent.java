package dev.flagon.events;

import dev.flagon.context.FlagonApp;

import org.springframework.context.ApplicationEvent;

/**
 * Published when an application context has been pushed: for a request, once, when the
 * filter has bound the request's contexts and before {@link RequestStartedEvent}, so before
 * any {@code @BeforeRequest} hook. Flask sends {@code appcontext_pushed} from
 * {@code AppContext.push}, once the context is current: listeners see {@code Flagon.g()}
 * and {@code Flagon.currentApp()}.
 * <p>
 * Contexts pushed with {@link FlagonApp#appContext()} or
 * {@link FlagonApp#testRequestContext(String)} send it too, when pushed.
 * <p>
 * Flask's {@code appcontext_pushed} signal. Published to the application's Spring context, so a
 * mounted application's events also reach the root application's listeners;
 * {@link #getApp()} says which application sent it. When no listener for this type exists,
 * nothing is published and nothing allocated.
 * <pre class="code">
 * &#64;EventListener
 * void on(AppContextPushedEvent event) {
 *     log.debug("{} in {}", event, event.getApp().getName());
 * }
 * </pre>
 *
 * @author Flagon team
 * @since 0.1.0
 */
public final class AppContextPushedEvent extends ApplicationEvent {

	private static final long serialVersionUID = 1L;

	/**
	 * Create a new event.
	 * @param app the application the event is about
	 */
	public AppContextPushedEvent(FlagonApp app) {
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
