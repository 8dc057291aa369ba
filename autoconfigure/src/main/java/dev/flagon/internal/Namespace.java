package dev.flagon.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.flagon.context.G;

import org.springframework.util.Assert;

/**
 * The {@link G} of one context: a map, created on first write, guarded by this object's
 * lock (contexts may be shared by several threads through {@code copyCurrentContext}).
 *
 * @author Flagon team
 */
final class Namespace implements G {

	private @Nullable Map<String, @Nullable Object> values;

	@Override
	public synchronized @Nullable Object get(String name) {
		return (this.values != null) ? this.values.get(name) : null;
	}

	@Override
	@SuppressWarnings("unchecked")
	public synchronized <T> @Nullable T getOrDefault(String name, @Nullable T defaultValue) {
		return (this.values != null && this.values.containsKey(name)) ? (T) this.values.get(name) : defaultValue;
	}

	@Override
	public synchronized void set(String name, @Nullable Object value) {
		Assert.notNull(name, "'name' must not be null");
		values().put(name, value);
	}

	@Override
	@SuppressWarnings("unchecked")
	public synchronized <T> @Nullable T setDefault(String name, @Nullable T defaultValue) {
		Assert.notNull(name, "'name' must not be null");
		Map<String, @Nullable Object> values = values();
		if (values.containsKey(name)) {
			return (T) values.get(name);
		}
		values.put(name, defaultValue);
		return defaultValue;
	}

	@Override
	public synchronized @Nullable Object pop(String name) {
		return (this.values != null) ? this.values.remove(name) : null;
	}

	@Override
	public synchronized boolean contains(String name) {
		return this.values != null && this.values.containsKey(name);
	}

	@Override
	public synchronized List<String> names() {
		return (this.values != null) ? new ArrayList<>(this.values.keySet()) : List.of();
	}

	private Map<String, @Nullable Object> values() {
		Map<String, @Nullable Object> values = this.values;
		if (values == null) {
			values = new LinkedHashMap<>();
			this.values = values;
		}
		return values;
	}

	@Override
	public synchronized String toString() {
		Set<String> names = (this.values != null) ? this.values.keySet() : Set.of();
		return "<flagon.g of " + names + ">";
	}

}
