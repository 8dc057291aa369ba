package dev.flagon.session.cookie;

/**
 * Thrown when a session no longer fits in a cookie that browsers keep. The request fails
 * before anything is sent, instead of the browser silently dropping the cookie (and, with
 * it, the session).
 *
 * @author Flagon team
 * @since 0.1.0
 */
public class SessionTooLargeException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	private final int size;

	/**
	 * Create a new exception.
	 * @param cookieName the name of the cookie
	 * @param size the size of the cookie
	 * @param limit the most bytes a cookie may have
	 */
	public SessionTooLargeException(String cookieName, int size, int limit) {
		super("Session cookie '" + cookieName + "' would be " + size + " bytes, over the " + limit
				+ "-byte limit browsers keep. Store less in the session (ids rather than objects), or keep sessions "
				+ "server-side with flagon.session.store=redis.");
		this.size = size;
	}

	/**
	 * Return the size the cookie would have had.
	 * @return the size in bytes
	 */
	public int getSize() {
		return this.size;
	}

}
