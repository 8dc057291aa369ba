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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonReadFeature;

/**
 * Flask's {@code TaggedJSONSerializer} in Java: one registry of tags, each knowing its Java
 * values, their JSON and the way back. Writing tries the tags in order, as {@code tag()}
 * does; reading untags every one-key object whose key is a tag, innermost first, as
 * {@code untag()} does. Checking walks a value as writing does, without writing.
 */
final class TaggedJson {

	/**
	 * The longest number read: parsing a longer one costs quadratic time.
	 */
	static final int MAX_NUMBER_LENGTH = 1000;

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

	private static final char[] HEX = "0123456789abcdef".toCharArray();

	// werkzeug's http_date; Python's years are 1 to 9999
	private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter
		.ofPattern("EEE, dd MMM uuuu HH:mm:ss 'GMT'", Locale.US)
		.withZone(ZoneOffset.UTC);

	private static final Pattern HEX_32 = Pattern.compile("[0-9a-fA-F]{32}");

	private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";

	private final boolean flask;

	private final List<SessionValueType<?>> types;

	private final List<Tag> order;

	private final Map<String, Tag> tags = new LinkedHashMap<>();

	// the tags of final classes, found by one lookup rather than by trying every tag
	private final Map<Class<?>, Tag> byClass = new HashMap<>();

	TaggedJson(boolean flask, List<SessionValueType<?>> types, Map<String, SessionValueType<?>> typesByTag) {
		this.flask = flask;
		this.types = types;
		Tag date = new Tag(" d", Instant.class::isInstance, (value) -> HTTP_DATE.format((Instant) value),
				(json) -> inPythonYears(parseDate((String) json, true)));
		Tag iso = new Tag(" i", Instant.class::isInstance, Object::toString, (json) -> parseDate((String) json, false));
		this.order = List.of(
				new Tag(" di", this::isTagKeyMap, (value) -> Collections.singletonMap(
						((Map<?, ?>) value).keySet().iterator().next() + "__", ((Map<?, ?>) value).values().iterator().next()),
						TaggedJson::dictToJava),
				new Tag(" t", Tuple.class::isInstance, Function.identity(), (json) -> new Tuple((List<?>) json)),
				new Tag(" b", byte[].class::isInstance, (value) -> Base64.getEncoder().encodeToString((byte[]) value),
						(json) -> Base64.getDecoder().decode((String) json)),
				new Tag(" m", Markup.class::isInstance, Object::toString, (json) -> new Markup((String) json)),
				new Tag(" u", UUID.class::isInstance, (value) -> value.toString().replace("-", ""),
						(json) -> uuid((String) json)),
				flask ? date : iso,
				new Tag(" x", (value) -> findType(value.getClass()) != null, this::registeredToJson,
						(json) -> registeredToJava(json, typesByTag)));
		this.order.forEach((tag) -> this.tags.put(tag.key(), tag));
		List.of(Tuple.class, byte[].class, Markup.class, UUID.class, Instant.class)
			.forEach((type) -> this.byClass.put(type, this.order.get(this.byClass.size() + 1)));
		if (!flask) {
			// read both; a Flask app knows only " d", so " i" is no tag there
			this.tags.put(date.key(), date);
		}
	}

	/**
	 * Write a value, or a whole session, whose keys then name the values that fail.
	 */
	byte[] write(@Nullable Object value, boolean session) {
		// Jackson's generator costs 150 ns to set up, as much as writing a small session
		StringBuilder out = new StringBuilder(256);
		try {
			write(value, 0, out);
		}
		catch (Rejection ex) {
			throw ex.toException((session && !ex.path.isEmpty()) ? String.valueOf(ex.path.removeFirst()) : null);
		}
		return out.toString().getBytes(StandardCharsets.UTF_8);
	}

	void check(String key, @Nullable Object value) {
		try {
			// as a value of the session object, so that it fits there as well as on its own
			write(value, 1, null);
		}
		catch (Rejection ex) {
			throw ex.toException(key);
		}
	}

	/**
	 * Write, or only check when {@code out} is null, a value that sits inside {@code depth}
	 * JSON containers.
	 */
	private void write(@Nullable Object value, int depth, @Nullable StringBuilder out) {
		if (out == null && (value instanceof String || value instanceof Integer || value instanceof Long
				|| value instanceof Boolean)) {
			// checking the commonest values, which need nothing more
			return;
		}
		Tag tag = (value == null || value instanceof String || value instanceof Number || value instanceof Boolean)
				? null : tagOf(value);
		if (tag == null) {
			writeJson(value, depth, out);
			return;
		}
		open(depth + ((tag.key().equals(" x")) ? 2 : 1));
		if (value instanceof Instant instant && this.flask && inPythonYears(instant) == null) {
			throw new Rejection(true,
					"is an Instant outside the years 1 to 9999, which the Flask cookie format cannot hold.", null);
		}
		if (out == null && !tag.key().equals(" di") && !tag.key().equals(" t")) {
			// checking: leaves need no conversion, registered types are converted when written
			return;
		}
		Object json = tag.toJson().apply(value);
		if (out != null) {
			out.append("{\"").append(tag.key()).append("\":");
		}
		writeJson(json, depth + 1, out);
		if (out != null) {
			out.append('}');
		}
	}

	private @Nullable Tag tagOf(Object value) {
		Tag tag = this.byClass.get(value.getClass());
		if (tag != null) {
			return tag;
		}
		if ((value instanceof Map<?, ?> map && map.size() != 1) || (value instanceof List && !(value instanceof Tuple))) {
			// most values: only a registered Map or List type (such as FlashMap) is tagged
			return (findType(value.getClass()) != null) ? this.order.get(this.order.size() - 1) : null;
		}
		for (Tag candidate : this.order) {
			if (candidate.check().test(value)) {
				return candidate;
			}
		}
		return null;
	}

	/**
	 * Write a value as it is, its members tagged: Flask's {@code PassDict} and {@code PassList}.
	 */
	private void writeJson(@Nullable Object json, int depth, @Nullable StringBuilder out) {
		if (json instanceof Map<?, ?> map) {
			open(depth + 1);
			if (out != null) {
				out.append('{');
			}
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				if (!(entry.getKey() instanceof String name)) {
					Object key = entry.getKey();
					throw new Rejection(true, "is a Map with a key of type "
							+ ((key != null) ? key.getClass().getName() : "null") + "; map keys must be Strings.", null);
				}
				if (out != null) {
					string(name, (out.charAt(out.length() - 1) != '{') ? out.append(',') : out).append(':');
				}
				writeMember(name, entry.getValue(), depth + 1, out);
			}
			if (out != null) {
				out.append('}');
			}
		}
		else if (json instanceof List<?> list) {
			open(depth + 1);
			if (out != null) {
				out.append('[');
			}
			int index = 0;
			for (Object item : list) {
				if (out != null && index > 0) {
					out.append(',');
				}
				writeMember(index++, item, depth + 1, out);
			}
			if (out != null) {
				out.append(']');
			}
		}
		else if (json != null && !(json instanceof String || json instanceof Boolean || json instanceof Number)) {
			throw Rejection.unsupported(json.getClass());
		}
		else if (json instanceof Number && !(json instanceof Integer || json instanceof Long || json instanceof Double
				|| json instanceof BigDecimal || json instanceof BigInteger || json instanceof Float
				|| json instanceof Short || json instanceof Byte)) {
			throw Rejection.unsupported(json.getClass());
		}
		else if ((json instanceof BigInteger || json instanceof BigDecimal)
				&& json.toString().length() > MAX_NUMBER_LENGTH) {
			throw new Rejection(true, "is a " + json.getClass().getName() + " of more than " + MAX_NUMBER_LENGTH
					+ " characters; store it as a String.", null);
		}
		else if (out != null && json instanceof String string) {
			string(string, out);
		}
		else if (out != null) {
			// null, true, false; numbers in Java's notation, which Python reads as the same
			// number (NaN and Infinity too), a Float as the decimal it prints as (0.1, not 0.100000001)
			out.append(json);
		}
	}

	/**
	 * Write a JSON string: in the Flask dialect with Python's {@code ensure_ascii} escapes,
	 * so that Flagon writes a Flask session as Flask does; a lone surrogate, which has no
	 * UTF-8, escaped in both.
	 */
	private StringBuilder string(String string, StringBuilder out) {
		out.append('"');
		int plain = 0;
		for (int i = 0; i < string.length(); i++) {
			char c = string.charAt(i);
			if (c >= 0x20 && c != '"' && c != '\\' && (c < 0x7f || (!this.flask && !Character.isSurrogate(c)))) {
				continue;
			}
			if (!this.flask && Character.isHighSurrogate(c) && i + 1 < string.length()
					&& Character.isLowSurrogate(string.charAt(i + 1))) {
				i++;
				continue;
			}
			out.append(string, plain, i).append('\\');
			plain = i + 1;
			int escape = (c == '"' || c == '\\') ? c : (c == '\n') ? 'n' : (c == '\r') ? 'r' : (c == '\t') ? 't'
					: (c == '\b') ? 'b' : (c == '\f') ? 'f' : 0;
			if (escape != 0) {
				out.append((char) escape);
			}
			else {
				out.append('u').append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xf]).append(HEX[(c >> 4) & 0xf])
					.append(HEX[c & 0xf]);
			}
		}
		return out.append(string, plain, string.length()).append('"');
	}

	private void writeMember(Object name, @Nullable Object value, int depth, @Nullable StringBuilder out) {
		try {
			write(value, depth, out);
		}
		catch (Rejection ex) {
			throw ex.at(name);
		}
	}

	private static void open(int depth) {
		if (depth > SessionValues.MAX_DEPTH) {
			throw new Rejection(false, "it nests deeper than " + SessionValues.MAX_DEPTH + " levels.", null);
		}
	}

	private boolean isTagKeyMap(Object value) {
		return value instanceof Map<?, ?> map && map.size() == 1
				&& this.tags.containsKey(map.keySet().iterator().next());
	}

	private static @Nullable Object dictToJava(@Nullable Object json) {
		if (!(json instanceof Map<?, ?> map && map.size() == 1 && map.keySet().iterator().next() instanceof String key
				&& key.endsWith("__"))) {
			return null;
		}
		Map<String, @Nullable Object> result = new LinkedHashMap<>(2);
		result.put(key.substring(0, key.length() - 2), map.values().iterator().next());
		return result;
	}

	private Object registeredToJson(Object value) {
		SessionValueType<?> type = findType(value.getClass());
		String failed = "the SessionValueType '" + type.tag() + "' for " + value.getClass().getName();
		Object json;
		try {
			json = type.toJson(value);
		}
		catch (RuntimeException ex) {
			throw new Rejection(false, failed + " failed: " + ex.getMessage(), ex);
		}
		if (json == null) {
			throw new Rejection(false, failed + " returned null instead of a JSON-shaped value.", null);
		}
		return Collections.singletonMap(type.tag(), json);
	}

	private static @Nullable Object registeredToJava(@Nullable Object json,
			Map<String, SessionValueType<?>> typesByTag) {
		if (!(json instanceof Map<?, ?> map) || map.size() != 1) {
			return null;
		}
		Map.Entry<?, ?> entry = map.entrySet().iterator().next();
		SessionValueType<?> type = typesByTag.get((String) entry.getKey());
		if (type == null) {
			throw new SessionDecodingException(
					"Session data has a value of unknown type '" + entry.getKey() + "': no SessionValueType has that tag");
		}
		Object result = (entry.getValue() != null) ? type.fromJson(entry.getValue()) : null;
		if (!type.type().isInstance(result)) {
			throw new SessionDecodingException("SessionValueType '" + type.tag() + "' did not turn its JSON into a "
					+ type.type().getName());
		}
		return result;
	}

	private @Nullable SessionValueType<?> findType(Class<?> valueClass) {
		for (SessionValueType<?> type : this.types) {
			if (type.type().isAssignableFrom(valueClass)) {
				return type;
			}
		}
		return null;
	}

	private static @Nullable Instant inPythonYears(Instant instant) {
		// an offset could push a date past either end
		return (instant.getEpochSecond() >= -62135596800L && instant.getEpochSecond() < 253402300800L) ? instant : null;
	}

	/**
	 * Read the date forms that Flask and Flagon write by hand, for a tenth of what the JDK's
	 * parsers cost (docs/benchmarks.md), and any other form with those parsers.
	 */
	private static Instant parseDate(String text, boolean http) {
		int length = text.length();
		int month = (http && length == 29) ? MONTHS.indexOf(text.substring(8, 11)) : -1;
		try {
			if (month % 3 == 0 && text.startsWith(" GMT", 25) && text.charAt(3) == ',') {
				return LocalDateTime.of(number(text, 12, 16), month / 3 + 1, number(text, 5, 7), number(text, 17, 19),
						number(text, 20, 22), number(text, 23, 25)).toInstant(ZoneOffset.UTC);
			}
			if (!http && length >= 20 && length <= 30 && text.charAt(4) == '-' && text.charAt(10) == 'T'
					&& text.charAt(13) == ':' && text.charAt(length - 1) == 'Z' && (length == 20 || text.charAt(19) == '.')) {
				int nanos = (length == 20) ? 0 : number(text, 20, length - 1) * (int) Math.pow(10, 30 - length);
				return LocalDateTime.of(number(text, 0, 4), number(text, 5, 7), number(text, 8, 10), number(text, 11, 13),
						number(text, 14, 16), number(text, 17, 19), nanos).toInstant(ZoneOffset.UTC);
			}
		}
		catch (RuntimeException ex) {
			// not quite the usual form: the JDK's parser decides
		}
		return http ? DateTimeFormatter.RFC_1123_DATE_TIME.parse(text, Instant::from) : Instant.parse(text);
	}

	private static int number(String text, int from, int to) {
		return Integer.parseUnsignedInt(text, from, to, 10);
	}

	private static UUID uuid(String text) {
		// as Python's UUID(hex), which drops every dash
		String hex = text.replace("-", "");
		if (!HEX_32.matcher(hex).matches()) {
			throw new IllegalArgumentException("UUID must have 32 hex digits");
		}
		return new UUID(Long.parseUnsignedLong(hex, 0, 16, 16), Long.parseUnsignedLong(hex, 16, 32, 16));
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
			case START_OBJECT -> readObject(parser);
			case START_ARRAY -> {
				List<@Nullable Object> list = new ArrayList<>();
				JsonToken next;
				while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
					list.add(read(parser, next));
				}
				yield list;
			}
			case VALUE_STRING -> parser.getString();
			case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
				case INT -> parser.getIntValue();
				case LONG -> parser.getLongValue();
				default -> parser.getBigIntegerValue();
			};
			case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
			case VALUE_TRUE -> Boolean.TRUE;
			case VALUE_FALSE -> Boolean.FALSE;
			case VALUE_NULL -> null;
			default -> throw new SessionDecodingException("Unexpected JSON token " + token);
		};
	}

	private @Nullable Object readObject(JsonParser parser) {
		Map<String, @Nullable Object> map = new LinkedHashMap<>();
		String name;
		while ((name = parser.nextName()) != null) {
			// a repeated name keeps its first position and its last value, as in Python
			map.put(name, read(parser, parser.nextToken()));
		}
		Tag tag = (map.size() == 1) ? this.tags.get(map.keySet().iterator().next()) : null;
		if (tag == null) {
			return map;
		}
		RuntimeException failure = null;
		try {
			Object value = tag.toJava().apply(map.values().iterator().next());
			if (value != null) {
				return value;
			}
		}
		catch (RuntimeException ex) {
			failure = ex;
		}
		throw (failure instanceof SessionDecodingException decoding) ? decoding
				: new SessionDecodingException("Session data has a malformed '" + tag.key().strip() + "' tagged value",
						failure);
	}

	// A tag: which values it takes, their JSON, and the value its JSON reads back as
	private record Tag(String key, Predicate<Object> check, Function<Object, @Nullable Object> toJson,
			Function<@Nullable Object, @Nullable Object> toJava) {

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

	// Unwinds the walk to the top, collecting the path of the rejected value on the way
	private static final class Rejection extends RuntimeException {

		// whether the problem is said of the rejected value's path ("cart.items[1] is ...")
		private final boolean located;

		private @Nullable String unsupported;

		private final transient Deque<Object> path = new ArrayDeque<>();

		Rejection(boolean located, String problem, @Nullable Throwable cause) {
			super(problem, cause, false, false);
			this.located = located;
		}

		static Rejection unsupported(Class<?> type) {
			Rejection rejection = new Rejection(true, "is of type " + type.getName() + "; " + RULE, null);
			rejection.unsupported = type.getName();
			return rejection;
		}

		Rejection at(Object name) {
			this.path.addFirst(name);
			return this;
		}

		UnsupportedSessionValueException toException(@Nullable String key) {
			StringBuilder where = new StringBuilder((key != null) ? key : "value");
			// at most MAX_DEPTH names
			this.path.forEach((name) -> where.append((name instanceof Integer) ? "[" + name + "]" : "." + name));
			String subject = (key != null) ? "Session value '" + key + "'" : "Session value";
			String problem = (this.located ? (this.path.isEmpty() ? "it " : where + " ") : "") + getMessage();
			if (this.unsupported != null) {
				problem = (this.path.isEmpty() ? RULE : problem) + " Convert it, or register a SessionValueType bean for "
						+ this.unsupported + ".";
				subject += this.path.isEmpty() ? " of type " + this.unsupported : "";
			}
			return new UnsupportedSessionValueException(subject + " cannot be stored: " + problem, getCause());
		}

	}

}
