package dev.flagon.autoconfigure;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.flagon.Flagon;
import dev.flagon.context.G;

/**
 * The injectable {@link G}: each call goes to the {@code g} of the current application
 * context, as werkzeug's {@code LocalProxy}.
 *
 * @author Flagon team
 */
final class CurrentG implements G {

	@Override
	public @Nullable Object get(String name) {
		return Flagon.g().get(name);
	}

	@Override
	public <T> @Nullable T getOrDefault(String name, @Nullable T defaultValue) {
		return Flagon.g().getOrDefault(name, defaultValue);
	}

	@Override
	public void set(String name, @Nullable Object value) {
		Flagon.g().set(name, value);
	}

	@Override
	public <T> @Nullable T setDefault(String name, @Nullable T defaultValue) {
		return Flagon.g().setDefault(name, defaultValue);
	}

	@Override
	public @Nullable Object pop(String name) {
		return Flagon.g().pop(name);
	}

	@Override
	public boolean contains(String name) {
		return Flagon.g().contains(name);
	}

	@Override
	public List<String> names() {
		return Flagon.g().names();
	}

	@Override
	public String toString() {
		return Flagon.hasAppContext() ? Flagon.g().toString() : "<flagon.g proxy, unbound>";
	}

}
