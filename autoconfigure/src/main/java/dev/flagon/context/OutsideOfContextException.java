package dev.flagon.context;

/**
 * Thrown when code asks for the current request, session, {@code g} or app on a thread that
 * has no such context bound: Flask's "Working outside of request context".
 *
 * @author Flagon team
 * @since 0.1.0
 */
public class OutsideOfContextException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	static final String NO_REQUEST = """
			Working outside of request context. This typically means that you attempted to use \
			functionality that needed an active HTTP request. Run the code inside a request, \
			wrap it with Flagon.copyCurrentContext(...) when handing it to another thread, or push \
			a context in tests with: try (RequestContext ctx = app.testRequestContext("/path")) { ... }""";

	static final String NO_APP = """
			Working outside of application context. This typically means that you attempted to use \
			functionality that needed the current application (g, the current app). Run the code \
			inside a request, or push a context with: try (AppContext ctx = app.appContext()) { ... }""";

	/**
	 * Create a new exception.
	 * @param message the message, saying how to get a context
	 */
	public OutsideOfContextException(String message) {
		super(message);
	}

	static OutsideOfContextException noRequest() {
		return new OutsideOfContextException(NO_REQUEST);
	}

	static OutsideOfContextException noApp() {
		return new OutsideOfContextException(NO_APP);
	}

}
