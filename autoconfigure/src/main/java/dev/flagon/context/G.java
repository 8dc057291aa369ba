package dev.flagon.context;

import java.util.List;

import org.jspecify.annotations.Nullable;

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
 * {@code Flagon.copyCurrentContext}). An injected {@code G} resolves to the {@code g} of the
 * current context on every call.
 *
 * @author Flagon team
 * @since 0.1.0
 */
public interface G {

	/**
	 * Return the value of the given name.
	 * @param name the name
	 * @return the value, or {@code null} if the name is unset or set to {@code null}
	 */
	@Nullable Object get(String name);

	/**
	 * Return the value of the given name, checked against the given type.
	 * @param <T> the expected type
	 * @param name the name
	 * @param type the expected type
	 * @return the value, or {@code null} if the name is unset or set to {@code null}
	 * @throws ClassCastException if the value is not of the expected type
	 */
	default <T> @Nullable T get(String name, Class<T> type) {
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
	<T> @Nullable T getOrDefault(String name, @Nullable T defaultValue);

	/**
	 * Set a value.
	 * @param name the name
	 * @param value the value, may be {@code null}
	 */
	void set(String name, @Nullable Object value);

	/**
	 * Set a value unless the name is already set, as Python's {@code dict.setdefault}.
	 * @param <T> the type of the value
	 * @param name the name
	 * @param defaultValue the value to set when the name is unset
	 * @return the value now held for the name
	 */
	<T> @Nullable T setDefault(String name, @Nullable T defaultValue);

	/**
	 * Remove a name and return its value.
	 * @param name the name
	 * @return the removed value, or {@code null} if the name was unset
	 */
	@Nullable Object pop(String name);

	/**
	 * Return whether the name is set (possibly to {@code null}).
	 * @param name the name
	 * @return whether the name is set
	 */
	boolean contains(String name);

	/**
	 * Return a snapshot of the names that are set, in the order they were first set.
	 * @return the names
	 */
	List<String> names();

}
