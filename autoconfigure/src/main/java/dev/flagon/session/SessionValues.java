package dev.flagon.session;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The values a session may hold, and the tagged JSON that every store writes them as.
 * <p>
 * A session may hold {@code null}, {@link String}, {@link Boolean}, {@link Integer},
 * {@link Long}, {@link Short}, {@link Byte}, {@link Double}, {@link Float},
 * {@link BigInteger}, {@link BigDecimal}, {@link List}, {@link Map} with {@code String}
 * keys, {@link Instant}, {@link UUID}, {@code byte[]}, and values of the registered
 * {@link SessionValueType}s, nested up to {@value #MAX_DEPTH} levels of JSON. Values read
 * back as JSON reads them: maps as {@link LinkedHashMap} (order kept), lists as
 * {@link ArrayList}, integers as the first of {@code Integer}, {@code Long},
 * {@code BigInteger} that holds them, other numbers as {@code Double}.
 * <p>
 * The JSON is that of Flask's {@code TaggedJSONSerializer}: a value JSON has no type for is
 * a one-key object whose key is a tag ({@code {" u": "<32 hex digits>"}} for a UUID), a
 * map whose only key is a tag is wrapped as {@code {" di": {"<key>__": value}}}, and a
 * value of a registered type is {@code {" x": {"<tag>": <its JSON>}}}. Stored data never
 * chooses a Java class: a tag reads as its built-in type or the registered type it names.
 * <p>
 * Every value read is written back with its tag, so a session written by Flask goes back
 * to Flask with the same Python types, untouched values included. A Python tuple
 * ({@code " t"}) reads as a mutable {@link List} and a {@code Markup} string ({@code " m"})
 * as a {@link CharSequence} whose {@code toString()} is its text; Java code cannot make
 * either, and a list or string it puts is a plain list or string to Flask.
 * <p>
 * Instances are immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class SessionValues {

	/**
	 * How deeply the JSON of a session may nest, the session object included.
	 */
	public static final int MAX_DEPTH = 64;

	// Values that copies share, by exact class: a subclass of BigInteger or BigDecimal may be mutable
	static final Set<Class<?>> IMMUTABLE = Set.of(String.class, Boolean.class, Integer.class, Long.class,
			Short.class, Byte.class, Double.class, Float.class, BigInteger.class, BigDecimal.class, Instant.class,
			UUID.class, TaggedJson.Markup.class);

	private static final Object NOT_COPYABLE = new Object();

	private final Dialect dialect;

	private final List<SessionValueType<?>> types;

	private final TaggedJson json;

	/**
	 * Create an instance in the {@link Dialect#NATIVE native} dialect.
	 * @param types the extra types sessions may hold, each with a distinct tag; values are
	 * matched against them in this order
	 * @throws IllegalArgumentException if two types share a tag, or a type is one that
	 * sessions hold already
	 */
	public SessionValues(List<? extends SessionValueType<?>> types) {
		this(Dialect.NATIVE, types);
	}

	private SessionValues(Dialect dialect, List<? extends SessionValueType<?>> types) {
		Assert.notNull(types, "'types' must not be null");
		Assert.noNullElements(types, "'types' must not contain null");
		this.dialect = dialect;
		this.types = List.copyOf(types);
		this.json = new TaggedJson(dialect == Dialect.FLASK, this.types);
	}

	/**
	 * Return an instance with the same types that writes the given dialect.
	 * @param dialect the dialect
	 * @return an instance writing that dialect
	 */
	public SessionValues withDialect(Dialect dialect) {
		Assert.notNull(dialect, "'dialect' must not be null");
		return (dialect != this.dialect) ? new SessionValues(dialect, this.types) : this;
	}

	/**
	 * Check that a value can be stored, as a session does when it is put. Registered types
	 * are converted only when the session is written.
	 * @param key the session key, named in the error message
	 * @param value the value, with everything nested in it
	 * @throws UnsupportedSessionValueException if it cannot be stored; the message names the
	 * key, the Java type and how to fix it
	 */
	public void check(String key, @Nullable Object value) {
		Assert.notNull(key, "'key' must not be null");
		this.json.check(key, value);
	}

	/**
	 * Write a whole session as compact UTF-8 tagged JSON, keys in the map's order.
	 * @param session the session attributes
	 * @return the JSON
	 * @throws UnsupportedSessionValueException if a value cannot be stored
	 */
	public byte[] serialize(Map<String, ? extends @Nullable Object> session) {
		Assert.notNull(session, "'session' must not be null");
		return this.json.write(session, true);
	}

	/**
	 * Read a whole session written by {@link #serialize} (or, in the Flask dialect, by Flask).
	 * @param json the JSON
	 * @return the session attributes, in a mutable map that keeps their order
	 * @throws SessionDecodingException if the data cannot be read
	 */
	@SuppressWarnings("unchecked")
	public Map<String, @Nullable Object> deserialize(byte[] json) {
		Assert.notNull(json, "'json' must not be null");
		if (this.json.read(json) instanceof LinkedHashMap<?, ?> session) {
			return (Map<String, @Nullable Object>) session;
		}
		throw new SessionDecodingException("Session data is not a JSON object");
	}

	/**
	 * Copy what {@link #deserialize} returned so that the two share nothing that can change:
	 * maps, lists and byte arrays are copied, immutable values shared. Values of registered
	 * types may be mutable, so a session holding one has no copy.
	 * @param session the session attributes, as {@link #deserialize} returned them
	 * @return a mutable copy that keeps their order, or {@code null} if there is none
	 */
	@SuppressWarnings("unchecked")
	public @Nullable Map<String, @Nullable Object> copyOf(Map<String, ? extends @Nullable Object> session) {
		Assert.notNull(session, "'session' must not be null");
		Object copy = copy(session);
		return (copy != NOT_COPYABLE) ? (Map<String, @Nullable Object>) copy : null;
	}

	private static @Nullable Object copy(@Nullable Object value) {
		if (value == null || IMMUTABLE.contains(value.getClass())) {
			return value;
		}
		// Exactly the classes the reader makes: a registered type may extend them
		if (value.getClass() == LinkedHashMap.class) {
			Map<?, ?> map = (Map<?, ?>) value;
			Map<Object, @Nullable Object> copy = new LinkedHashMap<>((int) Math.ceil(map.size() / 0.75));
			map.forEach((key, item) -> copy.put(key, copy(item)));
			return copy.containsValue(NOT_COPYABLE) ? NOT_COPYABLE : copy;
		}
		if (value.getClass() == ArrayList.class || value.getClass() == TaggedJson.Tuple.class) {
			List<@Nullable Object> copy = (value instanceof TaggedJson.Tuple) ? new TaggedJson.Tuple(List.of())
					: new ArrayList<>(((List<?>) value).size());
			((List<?>) value).forEach((item) -> copy.add(copy(item)));
			return copy.contains(NOT_COPYABLE) ? NOT_COPYABLE : copy;
		}
		return (value instanceof byte[] bytes) ? bytes.clone() : NOT_COPYABLE;
	}

	/**
	 * Write one session value as tagged JSON, for stores that keep each attribute apart.
	 * @param value the value
	 * @return the JSON
	 * @throws UnsupportedSessionValueException if the value cannot be stored
	 */
	public byte[] serializeValue(@Nullable Object value) {
		return this.json.write(value, false);
	}

	/**
	 * Read one session value written by {@link #serializeValue}.
	 * @param json the JSON
	 * @return the value, mutable if it is a list or map
	 * @throws SessionDecodingException if the data cannot be read
	 */
	public @Nullable Object deserializeValue(byte[] json) {
		Assert.notNull(json, "'json' must not be null");
		return this.json.read(json);
	}

	/**
	 * The two dialects of tagged JSON. Only {@code NATIVE} knows the tag {@code " i"}.
	 */
	public enum Dialect {

		/**
		 * What a Flask app reads: non-ASCII escaped as Python does, an {@code Instant} as
		 * an HTTP date ({@code " d"}) to the second, as Flask writes a {@code datetime}.
		 */
		FLASK,

		/**
		 * Flagon's own stores: UTF-8 text, an {@code Instant} in ISO-8601 ({@code " i"}).
		 */
		NATIVE

	}

}
