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

	/**
	 * Create a new exception.
	 * @param message the message, saying how to get a context
	 */
	public OutsideOfContextException(String message) {
		super(message);
	}

}
