package dev.flagon.session;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when stored session data cannot be read: malformed JSON, JSON nested too deeply,
 * an unknown or malformed tagged value, or a registered type that refuses its JSON. Stores
 * treat it as "no session" and start a fresh, empty one.
 *
 * @since 0.1.0
 */
public final class SessionDecodingException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	SessionDecodingException(String message) {
		super(message);
	}

	SessionDecodingException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
