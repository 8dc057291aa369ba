package dev.flagon.session;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The {@link FlagonSession} that Flagon's stores open and save: a map of values that tracks
 * what the request did to it (read, changed keys, cleared, regenerated, invalidated), so that
 * stores write only what is needed. As in Flask, the permanent flag is the {@code _permanent}
 * key, so cookies stay compatible with Flask's.
 *
 * @author Flagon team
 * @since 0.1.0
 */
public class DefaultFlagonSession implements FlagonSession {

	/**
	 * The key that holds the permanent flag, as in Flask.
	 */
	public static final String PERMANENT_KEY = "_permanent";

	private final SessionValues values;

	private final Map<String, @Nullable Object> data;

	private final boolean loaded;

	private boolean isNew;

	private Instant creationTime;

	private @Nullable String requestedId;

	private @Nullable String id;

	private final Set<String> changedKeys = new LinkedHashSet<>();

	private boolean accessed;

	private boolean modified;

	private boolean cleared;

	private boolean regenerated;

	private boolean invalidated;

	/**
	 * Create a new, empty session.
	 * @param values the value policy that {@link #put} checks values against
	 */
	public DefaultFlagonSession(SessionValues values) {
		this(values, new LinkedHashMap<>(), true, Instant.now());
	}

	/**
	 * Create a session from loaded data.
	 * @param values the value policy that {@link #put} checks values against
	 * @param data the loaded values (taken over, not copied)
	 * @param isNew whether the session is new rather than loaded
	 * @param creationTime when the session was first created
	 */
	public DefaultFlagonSession(SessionValues values, Map<String, @Nullable Object> data, boolean isNew,
			Instant creationTime) {
		Assert.notNull(values, "'values' must not be null");
		Assert.notNull(data, "'data' must not be null");
		Assert.notNull(creationTime, "'creationTime' must not be null");
		this.values = values;
		this.data = data;
		this.loaded = !isNew;
		this.isNew = isNew;
		this.creationTime = creationTime;
	}

	@Override
	public @Nullable Object get(String key) {
		this.accessed = true;
		return this.data.get(key);
	}

	@Override
	public <T> @Nullable T get(String key, Class<T> type) {
		return convert(key, get(key), type);
	}

	@Override
	public void put(String key, @Nullable Object value) {
		Assert.notNull(key, "'key' must not be null");
		this.values.check(key, value);
		renewIfInvalidated();
		this.data.put(key, value);
		changed(key);
	}

	@Override
	public @Nullable Object remove(String key) {
		this.accessed = true;
		if (!this.data.containsKey(key)) {
			return null;
		}
		Object removed = this.data.remove(key);
		changed(key);
		return removed;
	}

	@Override
	public boolean containsKey(String key) {
		this.accessed = true;
		return this.data.containsKey(key);
	}

	@Override
	public Set<String> keys() {
		this.accessed = true;
		return Collections.unmodifiableSet(new LinkedHashSet<>(this.data.keySet()));
	}

	@Override
	public void clear() {
		this.accessed = true;
		if (!this.data.isEmpty()) {
			this.changedKeys.addAll(this.data.keySet());
			this.data.clear();
			this.cleared = true;
			this.modified = true;
		}
	}

	@Override
	public boolean isNew() {
		return this.isNew;
	}

	@Override
	public boolean isAccessed() {
		return this.accessed;
	}

	@Override
	public boolean isModified() {
		return this.modified;
	}

	@Override
	public void markModified() {
		this.accessed = true;
		this.modified = true;
		this.changedKeys.addAll(this.data.keySet());
	}

	@Override
	public boolean isPermanent() {
		return Boolean.TRUE.equals(get(PERMANENT_KEY));
	}

	@Override
	public void setPermanent(boolean permanent) {
		if (permanent != isPermanent()) {
			if (permanent) {
				put(PERMANENT_KEY, true);
			}
			else {
				remove(PERMANENT_KEY);
			}
		}
	}

	@Override
	public void regenerate() {
		this.accessed = true;
		this.modified = true;
		this.regenerated = true;
		this.id = null;
		this.changedKeys.addAll(this.data.keySet());
	}

	@Override
	public void invalidate() {
		clear();
		regenerate();
		this.invalidated = true;
	}

	/**
	 * Turn an invalidated session into a new, empty one with a new id, as a servlet
	 * container's {@code getSession(true)} does after {@code invalidate()}. Stores then
	 * delete the old session and save the new one. Does nothing to a session that is not
	 * invalidated.
	 */
	private void renewIfInvalidated() {
		if (this.invalidated) {
			this.invalidated = false;
			this.isNew = true;
			this.creationTime = Instant.now();
		}
	}

	/**
	 * Return the id of this session, as its {@code HttpSession} view and Spring Security
	 * see it: the id it was opened under ({@link #getRequestedId()}) until it is
	 * {@link #regenerate() regenerated} or {@link #invalidate() invalidated}, then a
	 * {@link #newId() new one}. A new session gets a new id when first asked.
	 * @return the id
	 */
	public String getId() {
		String id = this.id;
		if (id == null) {
			String requested = this.regenerated ? null : getRequestedId();
			id = (requested != null) ? requested : newId();
			this.id = id;
		}
		return id;
	}

	/**
	 * Return the id that the request asked for: the id of the stored session this session
	 * was opened from, whatever happened to it since, or {@code null} for a session that was
	 * created new.
	 * @return the requested id, or {@code null}
	 * @see #openedId()
	 */
	public @Nullable String getRequestedId() {
		if (this.requestedId == null && this.loaded) {
			this.requestedId = openedId();
		}
		return this.requestedId;
	}

	/**
	 * Return the id of the stored session this session was opened from; asked once, and
	 * only of sessions that were not created new. Stores with ids return the id they read;
	 * the default is a random id that stays the session's until it is regenerated.
	 * @return the id
	 */
	protected String openedId() {
		return newId();
	}

	/**
	 * Return a new, random id for a new or regenerated session. Defaults to a random UUID.
	 * @return the id
	 */
	protected String newId() {
		return UUID.randomUUID().toString();
	}

	/**
	 * Return when the session was first created.
	 * @return the creation time
	 */
	public Instant getCreationTime() {
		return this.creationTime;
	}

	/**
	 * Return the values, without marking the session accessed: for stores.
	 * @return the live map of values
	 */
	public Map<String, @Nullable Object> getData() {
		return this.data;
	}

	/**
	 * Return the keys put, removed or marked since the session was opened: for stores that
	 * write changes only.
	 * @return the changed keys
	 */
	public Set<String> getChangedKeys() {
		return Collections.unmodifiableSet(this.changedKeys);
	}

	/**
	 * Return whether {@link #clear()} removed every value of a loaded session.
	 * @return whether the session was cleared
	 */
	public boolean isCleared() {
		return this.cleared;
	}

	/**
	 * Return whether {@link #regenerate()} was called.
	 * @return whether the session needs a new identity
	 */
	public boolean isRegenerated() {
		return this.regenerated;
	}

	/**
	 * Return whether {@link #invalidate()} was called.
	 * @return whether the session must be deleted
	 */
	public boolean isInvalidated() {
		return this.invalidated;
	}

	private static <T> @Nullable T convert(String key, @Nullable Object value, Class<T> type) {
		if (value == null || type.isInstance(value)) {
			return type.cast(value);
		}
		if (type == String.class && value instanceof CharSequence text) {
			// A Markup value from a Flask cookie
			return type.cast(text.toString());
		}
		if (value instanceof Number number) {
			Object converted = null;
			if (type == Integer.class && number.longValue() == number.intValue() && isIntegral(number)) {
				converted = number.intValue();
			}
			else if (type == Long.class && isIntegral(number)) {
				converted = number.longValue();
			}
			else if (type == Double.class) {
				converted = number.doubleValue();
			}
			if (converted != null) {
				return type.cast(converted);
			}
		}
		throw new ClassCastException("Session value '" + key + "' is a " + value.getClass().getName() + ", not a "
				+ type.getName());
	}

	private static boolean isIntegral(Number number) {
		return number instanceof Integer || number instanceof Long || number instanceof Short
				|| number instanceof Byte || (number instanceof BigInteger big && big.bitLength() < 64);
	}

	private void changed(String key) {
		this.accessed = true;
		this.modified = true;
		this.changedKeys.add(key);
	}

	@Override
	public String toString() {
		return "<FlagonSession " + this.data.keySet() + (this.modified ? " modified" : "") + ">";
	}

}
