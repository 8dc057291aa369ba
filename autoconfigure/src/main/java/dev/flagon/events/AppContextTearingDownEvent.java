package dev.flagon.events;

import org.jspecify.annotations.Nullable;

import dev.flagon.context.FlagonApp;

import org.springframework.context.ApplicationEvent;

/**
 * Published when an application context is torn down: after its {@code @TeardownAppContext}
 * hooks (even if one of them threw), with the application context bound and the request
 * context no longer. Flask sends {@code appcontext_tearing_down} at the end of
 * {@code do_teardown_appcontext}. Carries the exception that ended the request, or
 * {@code null}.
 * <p>
 * Contexts pushed with {@link FlagonApp#appContext()} or
 * {@link FlagonApp#testRequestContext(String)} send it too, when closed.
 * <p>
 * Flask's {@code appcontext_tearing_down} signal. Published to the application's Spring context, so a
 * mounted application's events also reach the root application's listeners;
 * {@link #getApp()} says which application sent it. When no listener for this type exists,
 * nothing is published and nothing allocated.
 * <pre class="code">
 * &#64;EventListener
 * void on(AppContextTearingDownEvent event) {
 *     log.debug("{} in {}", event, event.getApp().getName());
 * }
 * </pre>
 *
 * @author Flagon team
 * @since 0.1.0
 */
public final class AppContextTearingDownEvent extends ApplicationEvent {

	private static final long serialVersionUID = 1L;

	private final @Nullable Throwable exception;

	/**
	 * Create a new event.
	 * @param app the application the event is about
	 * @param exception the exception that ended the request, or {@code null}
	 */
	public AppContextTearingDownEvent(FlagonApp app, @Nullable Throwable exception) {
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
