package dev.flagon.session;

import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The session of the current request, as Flask's {@code session}: a map of JSON-shaped
 * values that lives across requests of one client, kept by the application's
 * {@link SessionStore}.
 * <pre class="code">
 * &#64;GetMapping("/counter")
 * String counter(FlagonSession session) {
 *     int counter = session.get("counter", Integer.class, 0) + 1;
 *     session.put("counter", counter);
 *     return Integer.toString(counter);
 * }
 * </pre>
 * Values are strings, numbers, booleans, {@code null}, lists and maps of them, plus
 * {@code Instant}, {@code UUID} and {@code byte[]}; other types must be registered with a
 * {@link SessionValueType} bean, and anything else is refused by {@link #put} with a message
 * saying so. The session tracks whether it was read ({@link #isAccessed()}) and changed
 * ({@link #isModified()}); changes inside a stored list or map are not seen, so call
 * {@link #markModified()} after them, or put the value again.
 *
 * @author Flagon team
 * @since 0.1.0
 */
public interface FlagonSession {

	/**
	 * Return the value of the given key.
	 * @param key the key
	 * @return the value, or {@code null} if absent
	 */
	@Nullable Object get(String key);

	/**
	 * Return the value of the given key, checked against the given type. Numbers are
	 * converted between {@code Integer}, {@code Long} and {@code Double} when the value fits.
	 * @param <T> the expected type
	 * @param key the key
	 * @param type the expected type
	 * @return the value, or {@code null} if absent
	 * @throws ClassCastException if the value is not of the expected type
	 */
	<T> @Nullable T get(String key, Class<T> type);

	/**
	 * Return the value of the given key, checked against the given type, or a default.
	 * @param <T> the expected type
	 * @param key the key
	 * @param type the expected type
	 * @param defaultValue the value to return when the key is absent
	 * @return the value or the default
	 */
	default <T> T get(String key, Class<T> type, T defaultValue) {
		T value = get(key, type);
		return (value != null) ? value : defaultValue;
	}

	/**
	 * Store a value.
	 * @param key the key
	 * @param value the value: JSON-shaped, {@code Instant}, {@code UUID}, {@code byte[]}, or a
	 * registered type
	 * @throws IllegalArgumentException if the value cannot be stored, naming its type
	 */
	void put(String key, @Nullable Object value);

	/**
	 * Remove a key.
	 * @param key the key
	 * @return the removed value, or {@code null} if absent
	 */
	@Nullable Object remove(String key);

	/**
	 * Return whether the key is present.
	 * @param key the key
	 * @return whether the key is present
	 */
	boolean containsKey(String key);

	/**
	 * Return the keys, in insertion order.
	 * @return a snapshot of the keys
	 */
	Set<String> keys();

	/**
	 * Remove every key. A session left empty is deleted when the response is sent.
	 */
	void clear();

	/**
	 * Return whether this session was created by this request rather than loaded.
	 * @return whether the session is new
	 */
	boolean isNew();

	/**
	 * Return whether this session was read or written during the request.
	 * @return whether the session was accessed
	 */
	boolean isAccessed();

	/**
	 * Return whether this session was changed during the request.
	 * @return whether the session was modified
	 */
	boolean isModified();

	/**
	 * Mark the session as changed, after changing a list or map stored in it.
	 */
	void markModified();

	/**
	 * Return whether the session outlives the browser session
	 * ({@code flagon.session.permanent-lifetime}), as Flask's {@code session.permanent}.
	 * @return whether the session is permanent
	 */
	boolean isPermanent();

	/**
	 * Set whether the session outlives the browser session.
	 * @param permanent whether the session is permanent
	 */
	void setPermanent(boolean permanent);

	/**
	 * Give the session a new identity, keeping its values. Call it when the user logs in,
	 * against session fixation: a server-side session gets a new id and the old one stops
	 * resolving.
	 */
	void regenerate();

	/**
	 * Discard the session: its values are removed, and the store deletes it when the response
	 * is sent. A value {@link #put} afterwards starts a new session with a new identity, as
	 * {@code getSession(true)} does after {@code HttpSession.invalidate()} (Spring Security's
	 * {@code migrateSession()} and {@code newSession()} fixation strategies rely on it).
	 */
	void invalidate();

}
