package dev.flagon.session;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a value cannot be stored in a session because {@link SessionValues} does not
 * know how to write it. The message names the session key, the offending Java type and how
 * to fix it.
 *
 * @since 0.1.0
 */
public final class UnsupportedSessionValueException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	UnsupportedSessionValueException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
