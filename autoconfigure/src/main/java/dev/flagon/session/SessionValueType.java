package dev.flagon.session;

import java.util.function.Function;
import java.util.regex.Pattern;

import org.springframework.util.Assert;

/**
 * An extra type of value that sessions may hold, beyond those {@link SessionValues} always
 * supports. A value is stored as the JSON that {@code toJson} returns, under the tag, and
 * read back by {@code fromJson} only when the stored data names a registered tag: stored
 * data never chooses a Java class. Declare one as a bean:
 * <pre class="code">
 * &#64;Bean
 * SessionValueType&lt;Money&gt; moneySessionValueType() {
 *     return SessionValueType.of("money", Money.class,
 *             (money) -&gt; List.of(money.currency(), money.amount().toPlainString()),
 *             (json) -&gt; Money.of((List&lt;?&gt;) json));
 * }
 * </pre>
 *
 * @param <T> the Java type of the values
 * @since 0.1.0
 */
public final class SessionValueType<T> {

	private static final Pattern TAG = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

	private final String tag;

	private final Class<T> type;

	private final Function<T, Object> toJson;

	private final Function<Object, T> fromJson;

	private SessionValueType(String tag, Class<T> type, Function<T, Object> toJson, Function<Object, T> fromJson) {
		this.tag = tag;
		this.type = type;
		this.toJson = toJson;
		this.fromJson = fromJson;
	}

	/**
	 * Create a session value type.
	 * @param tag the name stored with each value, unique among registered types: letters,
	 * digits, {@code .}, {@code _} and {@code -}, at most 64 characters; keep it short, it
	 * is written into every session that holds such a value
	 * @param type the Java type; values that are instances of it (subclasses included) are
	 * written with {@code toJson}
	 * @param toJson turns a value into any non-null value that sessions can store
	 * @param fromJson turns that value, as {@link SessionValues} reads it back, into a value;
	 * it may throw if it is not what it expects, and the session is then unreadable
	 * @param <T> the Java type of the values
	 * @return the session value type
	 */
	public static <T> SessionValueType<T> of(String tag, Class<T> type, Function<T, Object> toJson,
			Function<Object, T> fromJson) {
		Assert.notNull(tag, "'tag' must not be null");
		Assert.isTrue(TAG.matcher(tag).matches(), () -> "Session value type tag '" + tag
				+ "' is invalid: use 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
		Assert.notNull(type, "'type' must not be null");
		Assert.notNull(toJson, "'toJson' must not be null");
		Assert.notNull(fromJson, "'fromJson' must not be null");
		return new SessionValueType<>(tag, type, toJson, fromJson);
	}

	/**
	 * Return the tag name stored with each value.
	 * @return the tag
	 */
	public String tag() {
		return this.tag;
	}

	/**
	 * Return the Java type of the values.
	 * @return the type
	 */
	public Class<T> type() {
		return this.type;
	}

	Object toJson(Object value) {
		return this.toJson.apply(this.type.cast(value));
	}

	T fromJson(Object json) {
		return this.fromJson.apply(json);
	}

}
