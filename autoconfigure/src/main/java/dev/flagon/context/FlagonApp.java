package dev.flagon.context;

import org.springframework.context.ApplicationContext;

/**
 * One Flagon application: the root application at {@code /}, or an application mounted under
 * a URL prefix. Each has its own Spring context, hooks, {@code g} and session settings, as each
 * {@code Flask} object has in a werkzeug {@code DispatcherMiddleware}.
 * <p>
 * An injected {@code FlagonApp} always names the application serving the current request (or
 * the application context pushed on the current thread), so singletons shared by several apps
 * see the right one.
 * <pre class="code">
 * try (AppContext ctx = app.appContext()) {
 *     Flagon.g().set("job", jobId);
 *     runJob();
 * }
 * </pre>
 *
 * @author Flagon team
 * @since 0.1.0
 */
public interface FlagonApp {

	/**
	 * Return the name of the application: {@code spring.application.name} for the root
	 * application, the mount's name otherwise.
	 * @return the name
	 */
	String getName();

	/**
	 * Return the URL prefix the application is mounted under: the empty string for the root
	 * application, for example {@code /app02} otherwise.
	 * @return the prefix, never ending with {@code /}
	 */
	String getPrefix();

	/**
	 * Return the Spring application context that holds this application's beans.
	 * @return the application context
	 */
	ApplicationContext getApplicationContext();

	/**
	 * Create an application context with a fresh {@code g} and push it onto the current
	 * thread, as Flask's {@code with app.app_context()}. Closing it pops it and runs the
	 * application's {@code @TeardownAppContext} hooks.
	 * @return the pushed context
	 */
	AppContext appContext();

	/**
	 * Create a request context for a request to the given path and query, with no server
	 * involved, and push it onto the current thread, as Flask's
	 * {@code with app.test_request_context(path)}. The session is opened lazily from the
	 * application's session store. Closing it runs the teardown hooks and pops both contexts.
	 * @param pathAndQuery the path relative to the application, optionally with a query string,
	 * for example {@code "/users?page=2"}
	 * @return the pushed context
	 */
	RequestContext testRequestContext(String pathAndQuery);

}
