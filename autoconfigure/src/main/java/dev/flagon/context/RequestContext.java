package dev.flagon.context;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

/**
 * The request context: the current request and response, as Flask's {@code RequestContext}.
 * As in Flask 3.2, where the request context was merged into the application context, it is
 * the {@link AppContext} of its request too: one object is pushed for a request, runs its
 * hooks, saves its session and is popped. The request filter pushes one for every request;
 * {@link FlagonApp#testRequestContext(String)} pushes one without a server.
 * <pre class="code">
 * try (RequestContext ctx = app.testRequestContext("/users?page=2")) {
 *     assertThat(Flagon.request().getParameter("page")).isEqualTo("2");
 * }
 * </pre>
 * A request context lives through every dispatch of its request (the error page, async
 * dispatches) and ends exactly once: its {@code @TeardownRequest} hooks run, then its
 * {@code @TeardownAppContext} hooks.
 *
 * @author Flagon team
 * @since 0.1.0
 */
public interface RequestContext extends AppContext {

	/**
	 * Return the request.
	 * @return the request
	 */
	HttpServletRequest getRequest();

	/**
	 * Return the response, if there is one.
	 * @return the response, or {@code null} if the context has none
	 */
	@Nullable HttpServletResponse getResponse();

}
