package dev.flagon.internal;

import io.micrometer.context.ThreadLocalAccessor;
import org.jspecify.annotations.Nullable;

/**
 * Carries Flagon's contexts across threads for Micrometer context propagation, so that
 * {@code @Async} methods and context-propagating task executors see the caller's request,
 * session and {@code g}. Registered through {@code META-INF/services}.
 *
 * @author Flagon team
 */
public final class FlagonContextAccessor implements ThreadLocalAccessor<Object> {

	/**
	 * The key of this accessor.
	 */
	public static final String KEY = "dev.flagon.context";

	@Override
	public Object key() {
		return KEY;
	}

	@Override
	public @Nullable Object getValue() {
		return ContextHolder.snapshot();
	}

	@Override
	public void setValue(Object value) {
		ContextHolder.restore(value);
	}

	@Override
	public void setValue() {
		ContextHolder.restore(null);
	}

	@Override
	public void restore(Object previousValue) {
		ContextHolder.restore(previousValue);
	}

}
