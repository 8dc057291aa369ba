package dev.flagon.autoconfigure;

import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.flagon.Flagon;
import dev.flagon.session.FlagonSession;

/**
 * The injectable {@link FlagonSession}: each call goes to the session of the current
 * request, as werkzeug's {@code LocalProxy}.
 *
 * @author Flagon team
 */
final class CurrentFlagonSession implements FlagonSession {

	@Override
	public @Nullable Object get(String key) {
		return Flagon.session().get(key);
	}

	@Override
	public <T> @Nullable T get(String key, Class<T> type) {
		return Flagon.session().get(key, type);
	}

	@Override
	public <T> T get(String key, Class<T> type, T defaultValue) {
		return Flagon.session().get(key, type, defaultValue);
	}

	@Override
	public void put(String key, @Nullable Object value) {
		Flagon.session().put(key, value);
	}

	@Override
	public @Nullable Object remove(String key) {
		return Flagon.session().remove(key);
	}

	@Override
	public boolean containsKey(String key) {
		return Flagon.session().containsKey(key);
	}

	@Override
	public Set<String> keys() {
		return Flagon.session().keys();
	}

	@Override
	public void clear() {
		Flagon.session().clear();
	}

	@Override
	public boolean isNew() {
		return Flagon.session().isNew();
	}

	@Override
	public boolean isAccessed() {
		return Flagon.session().isAccessed();
	}

	@Override
	public boolean isModified() {
		return Flagon.session().isModified();
	}

	@Override
	public void markModified() {
		Flagon.session().markModified();
	}

	@Override
	public boolean isPermanent() {
		return Flagon.session().isPermanent();
	}

	@Override
	public void setPermanent(boolean permanent) {
		Flagon.session().setPermanent(permanent);
	}

	@Override
	public void regenerate() {
		Flagon.session().regenerate();
	}

	@Override
	public void invalidate() {
		Flagon.session().invalidate();
	}

	@Override
	public String toString() {
		return Flagon.hasRequestContext() ? Flagon.session().toString() : "<flagon.session proxy, unbound>";
	}

}
