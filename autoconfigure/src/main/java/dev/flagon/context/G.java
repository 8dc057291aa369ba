package dev.flagon.context;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * A namespace for data that lives as long as one application context, usually one request:
 * Flask's {@code g}. Names keep the order in which they were first set.
 * <pre class="code">
 * &#64;BeforeRequest
 * void loadUser(G g) {
 *     g.set("user", users.current());
 * }
 * </pre>
 * Methods are safe to call from several threads sharing one context (see
 * {@code Flagon.copyCurrentContext}).
 *
 * @author Flagon team
 * @since 0.1.0
 */
public class G {

	private @Nullable Map<String, @Nullable Object> values;

	/**
	 * Create an empty namespace. Application contexts create their own; user code rarely
	 * needs this.
	 */
	public G() {
	}

	/**
	 * Return the value of the given name.
	 * @param name the name
	 * @return the value, or {@code null} if the name is unset or set to {@code null}
	 */
	public synchronized @Nullable Object get(String name) {
		return (this.values != null) ? this.values.get(name) : null;
	}

	/**
	 * Return the value of the given name, checked against the given type.
	 * @param <T> the expected type
	 * @param name the name
	 * @param type the expected type
	 * @return the value, or {@code null} if the name is unset or set to {@code null}
	 * @throws ClassCastException if the value is not of the expected type
	 */
	public <T> @Nullable T get(String name, Class<T> type) {
		Object value = get(name);
		if (value != null && !type.isInstance(value)) {
			throw new ClassCastException("g." + name + " is a " + value.getClass().getName() + ", not a "
					+ type.getName());
		}
		return type.cast(value);
	}

	/**
	 * Return the value of the given name, or the given default when the name is unset.
	 * @param <T> the type of the value
	 * @param name the name
	 * @param defaultValue the value to return when the name is unset
	 * @return the value or the default
	 */
	@SuppressWarnings("unchecked")
	public synchronized <T> @Nullable T getOrDefault(String name, @Nullable T defaultValue) {
		return (this.values != null && this.values.containsKey(name)) ? (T) this.values.get(name) : defaultValue;
	}

	/**
	 * Set a value.
	 * @param name the name
	 * @param value the value, may be {@code null}
	 */
	public synchronized void set(String name, @Nullable Object value) {
		Assert.notNull(name, "'name' must not be null");
		values().put(name, value);
	}

	/**
	 * Set a value unless the name is already set, as Python's {@code dict.setdefault}.
	 * @param <T> the type of the value
	 * @param name the name
	 * @param defaultValue the value to set when the name is unset
	 * @return the value now held for the name
	 */
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

	/**
	 * Remove a name and return its value.
	 * @param name the name
	 * @return the removed value, or {@code null} if the name was unset
	 */
	public synchronized @Nullable Object pop(String name) {
		return (this.values != null) ? this.values.remove(name) : null;
	}

	/**
	 * Return whether the name is set (possibly to {@code null}).
	 * @param name the name
	 * @return whether the name is set
	 */
	public synchronized boolean contains(String name) {
		return this.values != null && this.values.containsKey(name);
	}

	/**
	 * Return a snapshot of the names that are set, in the order they were first set.
	 * @return the names
	 */
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
