package dev.flagon.session;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * Thrown when a request needs its session and the session cannot be had: sessions are
 * disabled ({@code flagon.session.store=none}), or the session store cannot be reached.
 * Requests failing with it are answered with {@code 503 Service Unavailable}.
 *
 * @author Flagon team
 * @since 0.1.0
 */
@ResponseStatus(code = HttpStatus.SERVICE_UNAVAILABLE, reason = "Session unavailable")
public class SessionUnavailableException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create a new exception.
	 * @param message the message
	 */
	public SessionUnavailableException(String message) {
		super(message);
	}

	/**
	 * Create a new exception.
	 * @param message the message
	 * @param cause the cause
	 */
	public SessionUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
