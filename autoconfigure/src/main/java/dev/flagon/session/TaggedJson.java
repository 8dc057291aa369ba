package dev.flagon.session;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonReadFeature;

import org.springframework.util.Assert;

/**
 * Flask's {@code TaggedJSONSerializer} in Java: one registry of tags, each turning its values
 * into JSON and back. Writing tags a value as {@code tag()} does, as
 * {@code {"<key>": <its JSON, tagged in turn>}}; reading untags every one-key object whose key
 * is a tag, innermost first, as {@code untag()} does. Checking a value writes it without
 * converting the registered types.
 */
final class TaggedJson {

	// The longest number read: parsing a longer one costs quadratic time
	private static final int MAX_NUMBER_LENGTH = 1000;

	private static final String RULE = "session values must be JSON-shaped (String, Boolean, Integer, Long, Double, "
			+ "BigInteger, BigDecimal, null, List, Map with String keys), Instant, UUID or byte[].";

	// Python writes NaN and Infinity; the nesting limit keeps recursion off the stack's end;
	// strings are not limited: the data is authenticated, and what was written must read back
	private static final JsonFactory READER = JsonFactory.builder()
		.enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
		.streamReadConstraints(StreamReadConstraints.builder()
			.maxNestingDepth(SessionValues.MAX_DEPTH)
			.maxNumberLength(MAX_NUMBER_LENGTH)
			.maxStringLength(Integer.MAX_VALUE)
			.maxNameLength(Integer.MAX_VALUE)
			.build())
		.build();

	// werkzeug's http_date
	private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM uuuu HH:mm:ss 'GMT'",
			Locale.US).withZone(ZoneOffset.UTC);

	private final boolean flask;

	// the registered types in their order
	private final Map<String, SessionValueType<?>> typesByTag = new LinkedHashMap<>();

	// every tag by its key: what reading untags, and the one-key maps that writing wraps in " di"
	private final Map<String, Tag> tags = new HashMap<>();

	// the tags of the built-in types, all final classes, for writing
	private final Map<Class<?>, Tag> byClass = new HashMap<>();

	private final Tag registered;

	TaggedJson(boolean flask, List<SessionValueType<?>> types) {
		this.flask = flask;
		register(" di", null, (map) -> Collections.singletonMap(firstKey(map) + "__", firstValue(map)),
				TaggedJson::dictToJava);
		register(" t", Tuple.class, (tuple) -> Collections.unmodifiableList((Tuple) tuple),
				(json) -> new Tuple((List<?>) json));
		register(" b", byte[].class, (bytes) -> Base64.getEncoder().encodeToString((byte[]) bytes),
				(json) -> Base64.getDecoder().decode((String) json));
		register(" m", Markup.class, Object::toString, (json) -> new Markup((String) json));
		register(" u", UUID.class, (uuid) -> uuid.toString().replace("-", ""), (json) -> uuid((String) json));
		// Flask knows " d", to the second; Flagon's own stores write " i", to the nanosecond, and read both
		register(" d", flask ? Instant.class : null, (instant) -> HTTP_DATE.format((Instant) instant),
				(json) -> httpDate((String) json));
		if (!flask) {
			register(" i", Instant.class, Object::toString, (json) -> isoInstant((String) json));
		}
		this.registered = register(" x", null, this::registeredToJson, this::registeredToJava);
		for (SessionValueType<?> type : types) {
			Class<?> javaType = type.type();
			// A Map or List subclass (Spring MVC's FlashMap) may be registered, a supertype of what is read not
			Assert.isTrue(!SessionValues.IMMUTABLE.contains(javaType) && !this.byClass.containsKey(javaType)
					&& !javaType.isAssignableFrom(LinkedHashMap.class) && !javaType.isAssignableFrom(ArrayList.class),
					() -> "Session value type '" + type.tag() + "' cannot be registered for " + javaType.getName()
							+ ": sessions hold that type already");
			SessionValueType<?> previous = this.typesByTag.put(type.tag(), type);
			Assert.isTrue(previous == null, () -> "Session value types for " + previous.type().getName() + " and "
					+ javaType.getName() + " have the same tag '" + type.tag() + "': give each a distinct tag");
		}
	}

	private Tag register(String key, @Nullable Class<?> type, Function<Object, @Nullable Object> toJson,
			Function<@Nullable Object, Object> toJava) {
		Tag tag = new Tag(key, toJson, toJava);
		this.tags.put(key, tag);
		if (type != null) {
			this.byClass.put(type, tag);
		}
		return tag;
	}

	// Write a value, or a whole session, whose keys then name the values that fail
	byte[] write(@Nullable Object value, boolean session) {
		StringBuilder out = new StringBuilder(256);
		try {
			write(value, 0, out, true);
		}
		catch (Rejection ex) {
			throw ex.toException((session && !ex.path.isEmpty()) ? String.valueOf(ex.path.removeFirst()) : null);
		}
		return out.toString().getBytes(StandardCharsets.UTF_8);
	}

	void check(String key, @Nullable Object value) {
		if (value == null || value instanceof String || value instanceof Integer || value instanceof Boolean) {
			return;
		}
		try {
			// as a value of the session object, so that it fits there as well as on its own
			write(value, 1, new StringBuilder(), false);
		}
		catch (Rejection ex) {
			throw ex.toException(key);
		}
	}

	// Write a value that sits inside depth JSON containers: as it is if JSON has a type for it,
	// its members tagged (Flask's PassDict and PassList), else tagged; registered types converted
	// only if convert
	private void write(@Nullable Object value, int depth, StringBuilder out, boolean convert) {
		Tag tag;
		if (value instanceof String string) {
			string(string, out);
		}
		else if (value == null || value instanceof Integer || value instanceof Long || value instanceof Boolean
				|| value instanceof Double) {
			// Java's notation: Python reads it as the same number, NaN and Infinity too
			out.append(value);
		}
		else if ((tag = tagOf(value)) != null) {
			// a registered type's JSON is two objects deep
			open((tag != this.registered) ? depth : depth + 1);
			if (this.flask && value instanceof Instant instant) {
				inPythonYears(instant);
			}
			// checking converts only what holds other values: a tuple or a wrapped map
			if (convert || (tag != this.registered && (value instanceof Map || value instanceof List))) {
				out.append("{\"").append(tag.key()).append("\":");
				write(tag.toJson().apply(value), depth + 1, out, convert);
				out.append('}');
			}
		}
		else if (value instanceof Map<?, ?> map) {
			open(depth);
			int start = out.append('{').length();
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				if (!(entry.getKey() instanceof String name)) {
					throw new Rejection("is a Map with a key of type " + ((entry.getKey() != null)
							? entry.getKey().getClass().getName() : "null") + "; map keys must be Strings.", null);
				}
				string(name, (out.length() > start) ? out.append(',') : out).append(':');
				writeMember(name, entry.getValue(), depth + 1, out, convert);
			}
			out.append('}');
		}
		else if (value instanceof List<?> list) {
			open(depth);
			int start = out.append('[').length();
			int index = 0;
			for (Object item : list) {
				writeMember(index++, item, depth + 1, (out.length() > start) ? out.append(',') : out, convert);
			}
			out.append(']');
		}
		else if (value instanceof Float || value instanceof Short || value instanceof Byte
				|| value instanceof BigInteger || value instanceof BigDecimal) {
			// a Float as the decimal it prints as (0.1, not 0.100000001)
			String number = value.toString();
			if (number.length() > MAX_NUMBER_LENGTH) {
				throw new Rejection("is a " + value.getClass().getName() + " of more than " + MAX_NUMBER_LENGTH
						+ " characters; store it as a String.", null);
			}
			out.append(number);
		}
		else {
			throw Rejection.unsupported(value.getClass());
		}
	}

	private @Nullable Tag tagOf(Object value) {
		Tag tag = this.byClass.get(value.getClass());
		if (tag != null || findType(value.getClass()) != null) {
			return (tag != null) ? tag : this.registered;
		}
		return (value instanceof Map<?, ?> map && map.size() == 1 && this.tags.containsKey(firstKey(map)))
				? this.tags.get(" di") : null;
	}

	private void writeMember(Object name, @Nullable Object value, int depth, StringBuilder out, boolean convert) {
		try {
			write(value, depth, out, convert);
		}
		catch (Rejection ex) {
			throw ex.at(name);
		}
	}

	private static void open(int depth) {
		if (depth >= SessionValues.MAX_DEPTH) {
			throw new Rejection("it nests deeper than " + SessionValues.MAX_DEPTH + " levels.", null);
		}
	}

	// In the Flask dialect with Python's ensure_ascii escapes, so that Flagon writes a Flask
	// session as Flask does; a lone surrogate, which has no UTF-8, escaped in both
	private StringBuilder string(String string, StringBuilder out) {
		out.append('"');
		int plain = 0;
		for (int i = 0; i < string.length(); i++) {
			char c = string.charAt(i);
			if (c >= 0x20 && c != '"' && c != '\\'
					&& (this.flask ? c < 0x7f : !Character.isSurrogate(c) || isPaired(string, i))) {
				continue;
			}
			out.append(string, plain, i).append('\\');
			plain = i + 1;
			int simple = "\"\\\n\r\t\b\f".indexOf(c);
			out.append((simple >= 0) ? "\"\\nrtbf".substring(simple, simple + 1) : "u" + HexFormat.of().toHexDigits(c));
		}
		return out.append(string, plain, string.length()).append('"');
	}

	private static boolean isPaired(String string, int i) {
		return Character.isHighSurrogate(string.charAt(i))
				? i + 1 < string.length() && Character.isLowSurrogate(string.charAt(i + 1))
				: i > 0 && Character.isHighSurrogate(string.charAt(i - 1));
	}

	@Nullable Object read(byte[] json) {
		try (JsonParser parser = READER.createParser(ObjectReadContext.empty(), json)) {
			Object value = read(parser, parser.nextToken());
			if (parser.nextToken() != null) {
				throw new SessionDecodingException("Session data has content after its JSON value");
			}
			return value;
		}
		catch (JacksonException ex) {
			throw new SessionDecodingException("Session data is not valid JSON: " + ex.getOriginalMessage(), ex);
		}
	}

	private @Nullable Object read(JsonParser parser, @Nullable JsonToken token) {
		if (token == null) {
			throw new SessionDecodingException("Session data is empty or ends too early");
		}
		return switch (token) {
			case START_OBJECT -> {
				Map<String, @Nullable Object> map = new LinkedHashMap<>();
				String name;
				while ((name = parser.nextName()) != null) {
					// a repeated name keeps its first position and its last value, as in Python
					map.put(name, read(parser, parser.nextToken()));
				}
				yield untag(map);
			}
			case START_ARRAY -> {
				List<@Nullable Object> list = new ArrayList<>();
				JsonToken next;
				while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
					list.add(read(parser, next));
				}
				yield list;
			}
			case VALUE_STRING -> parser.getString();
			// integers as the first of Integer, Long and BigInteger that holds them, others as Double
			case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getNumberValue();
			case VALUE_TRUE, VALUE_FALSE -> parser.getBooleanValue();
			case VALUE_NULL -> null;
			default -> throw new SessionDecodingException("Unexpected JSON token " + token);
		};
	}

	private Object untag(Map<String, @Nullable Object> map) {
		Tag tag = (map.size() == 1) ? this.tags.get(firstKey(map)) : null;
		try {
			return (tag != null) ? tag.toJava().apply(firstValue(map)) : map;
		}
		catch (RuntimeException ex) {
			throw new SessionDecodingException("Session data has a '" + tag.key().strip()
					+ "' tagged value that cannot be read: " + ex.getMessage(), ex);
		}
	}

	private static Object dictToJava(@Nullable Object json) {
		Map<?, ?> map = (Map<?, ?>) json;
		String key = (String) firstKey(map);
		Assert.isTrue(map.size() == 1 && key.endsWith("__"), "it must hold one key that ends in __");
		return new LinkedHashMap<>(Collections.singletonMap(key.substring(0, key.length() - 2), firstValue(map)));
	}

	private Object registeredToJson(Object value) {
		SessionValueType<?> type = findType(value.getClass());
		try {
			Object json = type.toJson(value);
			if (json != null) {
				return Collections.singletonMap(type.tag(), json);
			}
		}
		catch (RuntimeException ex) {
			throw new Rejection("the SessionValueType '" + type.tag() + "' for " + value.getClass().getName()
					+ " failed: " + ex.getMessage(), ex);
		}
		throw new Rejection("the SessionValueType '" + type.tag() + "' for " + value.getClass().getName()
				+ " returned null instead of a JSON-shaped value.", null);
	}

	private Object registeredToJava(@Nullable Object json) {
		Map<?, ?> map = (Map<?, ?>) json;
		Assert.isTrue(map.size() == 1, "it must hold one tag of a SessionValueType");
		SessionValueType<?> type = this.typesByTag.get(firstKey(map));
		Assert.notNull(type, () -> "unknown type '" + firstKey(map) + "': no SessionValueType has that tag");
		Object result = (firstValue(map) != null) ? type.fromJson(firstValue(map)) : null;
		Assert.isTrue(type.type().isInstance(result),
				() -> "its SessionValueType '" + type.tag() + "' did not turn its JSON into a " + type.type().getName());
		return result;
	}

	private @Nullable SessionValueType<?> findType(Class<?> valueClass) {
		for (SessionValueType<?> type : this.typesByTag.values()) {
			if (type.type().isAssignableFrom(valueClass)) {
				return type;
			}
		}
		return null;
	}

	private static @Nullable Object firstKey(Object map) {
		return ((Map<?, ?>) map).keySet().iterator().next();
	}

	private static @Nullable Object firstValue(Object map) {
		return ((Map<?, ?>) map).values().iterator().next();
	}

	private static Instant inPythonYears(Instant instant) {
		if (instant.getEpochSecond() < -62135596800L || instant.getEpochSecond() >= 253402300800L) {
			throw new Rejection("is an Instant outside the years 1 to 9999, which the Flask cookie format cannot "
					+ "hold.", null);
		}
		return instant;
	}

	// The two forms written, werkzeug's http_date and Instant.toString(), are read by hand for
	// a tenth of what the JDK's parsers cost (docs/benchmarks.md); those parsers decide the rest
	private static Instant httpDate(String text) {
		int month = (text.length() == 29 && text.charAt(3) == ',' && text.startsWith(" GMT", 25))
				? "JanFebMarAprMayJunJulAugSepOctNovDec".indexOf(text.substring(8, 11)) : -1;
		Instant instant = (month % 3 == 0) ? utc(text, 12, month / 3 + 1, 5, 17, "0") : null;
		instant = (instant != null) ? instant : DateTimeFormatter.RFC_1123_DATE_TIME.parse(text, Instant::from);
		// an offset could push a date past either end
		return inPythonYears(instant);
	}

	private static Instant isoInstant(String text) {
		int length = text.length();
		Instant instant = (length >= 20 && length <= 30 && text.charAt(4) == '-' && text.charAt(10) == 'T'
				&& text.charAt(13) == ':' && text.charAt(length - 1) == 'Z' && (length == 20 || text.charAt(19) == '.'))
						? utc(text, 0, 0, 8, 11, (length == 20) ? "0" : text.substring(20, length - 1)) : null;
		return (instant != null) ? instant : Instant.parse(text);
	}

	// The date in the usual places (the month's digits at 5 if month is 0), or null if not quite
	private static @Nullable Instant utc(String text, int year, int month, int day, int time, String fraction) {
		try {
			return LocalDateTime.of(number(text, year, year + 4), (month != 0) ? month : number(text, 5, 7),
					number(text, day, day + 2), number(text, time, time + 2), number(text, time + 3, time + 5),
					number(text, time + 6, time + 8),
					number(fraction, 0, fraction.length()) * (int) Math.pow(10, 9 - fraction.length()))
				.toInstant(ZoneOffset.UTC);
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private static int number(String text, int from, int to) {
		return Integer.parseUnsignedInt(text, from, to, 10);
	}

	private static UUID uuid(String text) {
		// as Python's UUID(hex), which drops every dash
		String hex = text.replace("-", "");
		Assert.isTrue(hex.length() == 32, "a UUID has 32 hex digits");
		return new UUID(HexFormat.fromHexDigitsToLong(hex, 0, 16), HexFormat.fromHexDigitsToLong(hex, 16, 32));
	}

	// A tag: its key, its values' JSON, and the value its JSON reads back as
	private record Tag(String key, Function<Object, @Nullable Object> toJson,
			Function<@Nullable Object, Object> toJava) {

	}

	// A Python tuple read from a Flask session: a list to Java code, written back as a tuple
	static final class Tuple extends ArrayList<@Nullable Object> {

		Tuple(Collection<?> items) {
			super(items);
		}

	}

	// A markupsafe Markup string read from a Flask session: text to Java code, written back as Markup
	record Markup(String text) implements CharSequence {

		@Override
		public int length() {
			return this.text.length();
		}

		@Override
		public char charAt(int index) {
			return this.text.charAt(index);
		}

		@Override
		public CharSequence subSequence(int start, int end) {
			return this.text.subSequence(start, end);
		}

		@Override
		public String toString() {
			return this.text;
		}

	}

	// Unwinds the walk to the top, collecting the path of the rejected value on the way; a problem
	// that starts with "is" is said of that path ("cart.items[1] is ...")
	private static final class Rejection extends RuntimeException {

		private final transient Deque<Object> path = new ArrayDeque<>();

		// a type that sessions cannot hold, for a message that says the fix
		private @Nullable String unsupported;

		Rejection(String problem, @Nullable Throwable cause) {
			super(problem, cause, false, false);
		}

		static Rejection unsupported(Class<?> type) {
			Rejection rejection = new Rejection("is of type " + type.getName() + "; " + RULE, null);
			rejection.unsupported = type.getName();
			return rejection;
		}

		Rejection at(Object name) {
			this.path.addFirst(name);
			return this;
		}

		UnsupportedSessionValueException toException(@Nullable String key) {
			StringBuilder where = new StringBuilder((key != null) ? key : "value");
			this.path.forEach((name) -> where.append((name instanceof Integer) ? "[" + name + "]" : "." + name));
			String subject = (key != null) ? "Session value '" + key + "'" : "Session value";
			String problem = (getMessage().startsWith("is ") ? (this.path.isEmpty() ? "it " : where + " ") : "")
					+ getMessage();
			if (this.unsupported != null) {
				problem = (this.path.isEmpty() ? RULE : problem) + " Convert it, or register a SessionValueType bean "
						+ "for " + this.unsupported + ".";
				subject += this.path.isEmpty() ? " of type " + this.unsupported : "";
			}
			return new UnsupportedSessionValueException(subject + " cannot be stored: " + problem, getCause());
		}

	}

}
