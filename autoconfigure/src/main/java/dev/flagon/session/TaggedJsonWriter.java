package dev.flagon.session;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Writes session values as tagged JSON, following the rules of Flask's
 * {@code TaggedJSONSerializer}: a one-key object whose key is a tag is a tagged value, and a
 * map whose only key is a tag is wrapped in {@code " di"}. Also checks values without writing
 * them, so that what {@link SessionValues#check} accepts is exactly what can be written.
 */
final class TaggedJsonWriter {

	private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

	private static final String RULE = "session values must be JSON-shaped (String, Boolean, Integer, Long, Double, "
			+ "BigInteger, BigDecimal, null, List, Map with String keys), Instant, UUID or byte[].";

	private final boolean flask;

	private final Set<String> tagKeys;

	private final List<SessionValueType<?>> types;

	TaggedJsonWriter(boolean flask, Set<String> tagKeys, List<SessionValueType<?>> types) {
		this.flask = flask;
		this.tagKeys = tagKeys;
		this.types = types;
	}

	byte[] writeSession(Map<String, ? extends @Nullable Object> session) {
		Output out = new Output(false);
		try {
			writeMap(session, 0, out);
		}
		catch (Rejection ex) {
			String key = ex.path.isEmpty() ? null : String.valueOf(ex.path.removeFirst());
			throw ex.toException(key);
		}
		return out.toByteArray();
	}

	byte[] writeValue(@Nullable Object value) {
		Output out = new Output(false);
		try {
			writeValue(value, 0, out);
		}
		catch (Rejection ex) {
			throw ex.toException(null);
		}
		return out.toByteArray();
	}

	void check(String key, @Nullable Object value) {
		try {
			// as a value of the session object, so that it fits there as well as on its own
			writeValue(value, 1, new Output(true));
		}
		catch (Rejection ex) {
			throw ex.toException(key);
		}
	}

	/**
	 * Write a value that sits inside {@code level} JSON containers.
	 */
	private void writeValue(@Nullable Object value, int level, Output out) {
		if (value == null) {
			out.ascii("null");
		}
		else if (value instanceof String string) {
			writeString(string, out);
		}
		else if (value instanceof Boolean bool) {
			out.ascii(bool ? "true" : "false");
		}
		else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
			out.ascii(value.toString());
		}
		else if (value instanceof BigInteger || value instanceof BigDecimal) {
			String number = value.toString();
			if (number.length() > TaggedJsonReader.MAX_NUMBER_LENGTH) {
				throw new Rejection(Problem.NUMBER_TOO_LONG, value.getClass());
			}
			out.ascii(number);
		}
		else if (value instanceof Double number) {
			out.ascii(out.discard ? "" : FloatRepr.of(number));
		}
		else if (value instanceof Float number) {
			// the decimal a Float prints as, not its binary expansion (0.1f is 0.1, not 0.100000001)
			out.ascii(out.discard ? "" : FloatRepr.of(Double.parseDouble(number.toString())));
		}
		else if (value instanceof Map<?, ?> map && !isRegisteredContainer(map)) {
			writeMap(map, level, out);
		}
		else if (value instanceof List<?> list && !isRegisteredContainer(list)) {
			writeList(list, level, out);
		}
		else if (value instanceof byte[] bytes) {
			writeTagged(" b", out.discard ? "" : Base64.getEncoder().encodeToString(bytes), level, out);
		}
		else if (value instanceof UUID uuid) {
			writeTagged(" u", out.discard ? "" : hex(uuid), level, out);
		}
		else if (value instanceof Instant instant) {
			writeInstant(instant, level, out);
		}
		else {
			writeRegistered(value, level, out);
		}
	}

	private void writeMap(Map<?, ?> map, int level, Output out) {
		if (map.size() == 1) {
			Map.Entry<?, ?> entry = map.entrySet().iterator().next();
			if (entry.getKey() instanceof String key && this.tagKeys.contains(key)) {
				// {" t": x} would read back as a tuple: Flask writes {" di": {" t__": x}}
				open(level + 2);
				out.ascii("{\" di\":");
				out.put('{');
				writeString(key + "__", out);
				out.put(':');
				writeMember(key, entry.getValue(), level + 2, out);
				out.ascii("}}");
				return;
			}
		}
		open(level + 1);
		out.put('{');
		boolean first = true;
		for (Map.Entry<?, ?> entry : entries(map)) {
			if (!(entry.getKey() instanceof String key)) {
				Object rejected = entry.getKey();
				throw new Rejection(Problem.KEY_NOT_STRING, (rejected != null) ? rejected.getClass() : null);
			}
			if (!first) {
				out.put(',');
			}
			first = false;
			writeString(key, out);
			out.put(':');
			writeMember(key, entry.getValue(), level + 1, out);
		}
		out.put('}');
	}

	/**
	 * A Flask app writes its session with sorted keys (its JSON provider's {@code sort_keys}),
	 * in Python's order of code points: so does the Flask dialect, byte for byte.
	 */
	private Iterable<? extends Map.Entry<?, ?>> entries(Map<?, ?> map) {
		if (!this.flask || map.size() < 2) {
			return map.entrySet();
		}
		List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
		for (Map.Entry<?, ?> entry : entries) {
			if (!(entry.getKey() instanceof String)) {
				Object rejected = entry.getKey();
				throw new Rejection(Problem.KEY_NOT_STRING, (rejected != null) ? rejected.getClass() : null);
			}
		}
		entries.sort((a, b) -> compareCodePoints((String) a.getKey(), (String) b.getKey()));
		return entries;
	}

	private static int compareCodePoints(String a, String b) {
		int i = 0;
		int j = 0;
		while (i < a.length() && j < b.length()) {
			int x = a.codePointAt(i);
			int y = b.codePointAt(j);
			if (x != y) {
				return Integer.compare(x, y);
			}
			i += Character.charCount(x);
			j += Character.charCount(y);
		}
		return Integer.compare(a.length() - i, b.length() - j);
	}

	private void writeMember(Object name, @Nullable Object value, int level, Output out) {
		try {
			writeValue(value, level, out);
		}
		catch (Rejection ex) {
			throw ex.at(name);
		}
	}

	private void writeList(List<?> list, int level, Output out) {
		open(level + 1);
		out.put('[');
		int index = 0;
		for (Object item : list) {
			if (index > 0) {
				out.put(',');
			}
			writeMember(index++, item, level + 1, out);
		}
		out.put(']');
	}

	private void writeTagged(String tag, String payload, int level, Output out) {
		open(level + 1);
		out.ascii("{\"");
		out.ascii(tag);
		out.ascii("\":");
		writeString(payload, out);
		out.put('}');
	}

	private void writeInstant(Instant instant, int level, Output out) {
		if (!this.flask) {
			writeTagged(" i", out.discard ? "" : SessionDates.isoInstant(instant), level, out);
			return;
		}
		long seconds = instant.getEpochSecond();
		// Flask and Python write years 1 to 9999 only
		if (!SessionDates.isInPythonYears(seconds)) {
			throw new Rejection(Problem.INSTANT_OUT_OF_RANGE, Instant.class);
		}
		writeTagged(" d", out.discard ? "" : SessionDates.httpDate(seconds), level, out);
	}

	private void writeRegistered(Object value, int level, Output out) {
		SessionValueType<?> type = findType(value.getClass());
		if (type == null) {
			throw new Rejection(Problem.UNSUPPORTED_TYPE, value.getClass());
		}
		open(level + 2);
		if (out.discard) {
			// checking at put time: the conversion runs when the session is saved
			return;
		}
		Object json;
		try {
			json = type.toJson(value);
		}
		catch (RuntimeException ex) {
			throw new Rejection(Problem.CONVERSION_FAILED, value.getClass(), type.tag(), ex);
		}
		if (json == null) {
			throw new Rejection(Problem.CONVERSION_FAILED, value.getClass(), type.tag(), null);
		}
		out.ascii("{\" x\":");
		out.put('{');
		writeString(type.tag(), out);
		out.put(':');
		writeMember("<" + type.tag() + ">", json, level + 2, out);
		out.ascii("}}");
	}

	/**
	 * Whether a map or list is of a registered subclass (such as FlashMap), written with its
	 * type rather than as plain JSON.
	 */
	private boolean isRegisteredContainer(Object container) {
		Class<?> type = container.getClass();
		if (this.types.isEmpty() || type == LinkedHashMap.class || type == HashMap.class || type == ArrayList.class) {
			return false;
		}
		return findType(type) != null;
	}

	private @Nullable SessionValueType<?> findType(Class<?> valueClass) {
		for (SessionValueType<?> type : this.types) {
			if (type.type().isAssignableFrom(valueClass)) {
				return type;
			}
		}
		return null;
	}

	private static void open(int level) {
		if (level > SessionValues.MAX_DEPTH) {
			throw new Rejection(Problem.TOO_DEEP, null);
		}
	}

	private void writeString(String string, Output out) {
		if (out.discard) {
			return;
		}
		out.put('"');
		int length = string.length();
		for (int i = 0; i < length; i++) {
			char c = string.charAt(i);
			if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
				out.put(c);
			}
			else if (c == '"' || c == '\\') {
				out.put('\\');
				out.put(c);
			}
			else if (c == '\n') {
				out.ascii("\\n");
			}
			else if (c == '\r') {
				out.ascii("\\r");
			}
			else if (c == '\t') {
				out.ascii("\\t");
			}
			else if (c == '\b') {
				out.ascii("\\b");
			}
			else if (c == '\f') {
				out.ascii("\\f");
			}
			else if (c < 0x20 || this.flask) {
				// Python's ensure_ascii: \\u escapes with lower-case hex, surrogate pairs as two
				escape(c, out);
			}
			else if (c < 0x80) {
				out.put(c);
			}
			else if (c < 0x800) {
				out.put((byte) (0xc0 | (c >> 6)));
				out.put((byte) (0x80 | (c & 0x3f)));
			}
			else if (!Character.isSurrogate(c)) {
				out.put((byte) (0xe0 | (c >> 12)));
				out.put((byte) (0x80 | ((c >> 6) & 0x3f)));
				out.put((byte) (0x80 | (c & 0x3f)));
			}
			else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(string.charAt(i + 1))) {
				int codePoint = Character.toCodePoint(c, string.charAt(++i));
				out.put((byte) (0xf0 | (codePoint >> 18)));
				out.put((byte) (0x80 | ((codePoint >> 12) & 0x3f)));
				out.put((byte) (0x80 | ((codePoint >> 6) & 0x3f)));
				out.put((byte) (0x80 | (codePoint & 0x3f)));
			}
			else {
				// a lone surrogate has no UTF-8 form
				escape(c, out);
			}
		}
		out.put('"');
	}

	private static void escape(char c, Output out) {
		out.ascii("\\u");
		out.put((byte) HEX[(c >> 12) & 0xf]);
		out.put((byte) HEX[(c >> 8) & 0xf]);
		out.put((byte) HEX[(c >> 4) & 0xf]);
		out.put((byte) HEX[c & 0xf]);
	}

	private static String hex(UUID uuid) {
		char[] chars = new char[32];
		long bits = uuid.getMostSignificantBits();
		for (int i = 15; i >= 0; i--, bits >>>= 4) {
			chars[i] = (char) HEX[(int) (bits & 0xf)];
		}
		bits = uuid.getLeastSignificantBits();
		for (int i = 31; i >= 16; i--, bits >>>= 4) {
			chars[i] = (char) HEX[(int) (bits & 0xf)];
		}
		return new String(chars);
	}

	private enum Problem {

		UNSUPPORTED_TYPE, KEY_NOT_STRING, TOO_DEEP, NUMBER_TOO_LONG, INSTANT_OUT_OF_RANGE, CONVERSION_FAILED

	}

	/**
	 * Unwinds the writer to the top, collecting the path of the rejected value on the way.
	 */
	private static final class Rejection extends RuntimeException {

		private static final long serialVersionUID = 1L;

		private static final int MAX_PATH_SHOWN = 12;

		private final Problem problem;

		private final @Nullable Class<?> type;

		private final @Nullable String tag;

		private final transient Deque<Object> path = new ArrayDeque<>();

		Rejection(Problem problem, @Nullable Class<?> type) {
			this(problem, type, null, null);
		}

		Rejection(Problem problem, @Nullable Class<?> type, @Nullable String tag, @Nullable Throwable cause) {
			super(null, cause, false, false);
			this.problem = problem;
			this.type = type;
			this.tag = tag;
		}

		Rejection at(Object name) {
			this.path.addFirst(name);
			return this;
		}

		UnsupportedSessionValueException toException(@Nullable String key) {
			String subject = (key != null) ? "Session value '" + key + "'" : "Session value";
			String typeName = (this.type != null) ? this.type.getName() : "null";
			String where = (this.path.isEmpty()) ? "it" : describePath(key);
			String message = switch (this.problem) {
				case UNSUPPORTED_TYPE -> (this.path.isEmpty())
						? subject + " of type " + typeName + " cannot be stored: " + RULE
						: subject + " cannot be stored: " + where + " is of type " + typeName + "; " + RULE;
				case KEY_NOT_STRING -> subject + " cannot be stored: " + where
						+ " is a Map with a key of type " + typeName + "; map keys must be Strings.";
				case TOO_DEEP -> subject + " cannot be stored: it nests deeper than " + SessionValues.MAX_DEPTH
						+ " levels.";
				case NUMBER_TOO_LONG -> subject + " cannot be stored: " + where + " is a " + typeName + " of more than "
						+ TaggedJsonReader.MAX_NUMBER_LENGTH + " characters; store it as a String.";
				case INSTANT_OUT_OF_RANGE -> subject + " cannot be stored: " + where
						+ " is an Instant outside the years 1 to 9999, which the Flask cookie format cannot hold.";
				case CONVERSION_FAILED -> subject + " cannot be stored: the SessionValueType '" + this.tag + "' for "
						+ typeName + ((getCause() != null) ? " failed: " + getCause().getMessage()
								: " returned null instead of a JSON-shaped value.");
			};
			if (this.problem == Problem.UNSUPPORTED_TYPE) {
				message += " Convert it, or register a SessionValueType bean for " + typeName + ".";
			}
			return new UnsupportedSessionValueException(message, getCause());
		}

		private String describePath(@Nullable String key) {
			StringBuilder result = new StringBuilder((key != null) ? key : "value");
			Object[] names = this.path.toArray();
			int shown = Math.min(names.length, MAX_PATH_SHOWN);
			for (Object name : Arrays.copyOf(names, shown)) {
				result.append((name instanceof Integer) ? "[" + name + "]" : "." + name);
			}
			if (shown < names.length) {
				result.append("...");
			}
			return result.toString();
		}

	}

	/**
	 * A growable byte buffer that can also discard everything, for checking.
	 */
	private static final class Output {

		private final boolean discard;

		private byte[] bytes;

		private int size;

		Output(boolean discard) {
			this.discard = discard;
			this.bytes = new byte[discard ? 0 : 256];
		}

		void put(char c) {
			put((byte) c);
		}

		void put(byte b) {
			if (this.discard) {
				return;
			}
			if (this.size == this.bytes.length) {
				this.bytes = Arrays.copyOf(this.bytes, this.bytes.length * 2);
			}
			this.bytes[this.size++] = b;
		}

		void ascii(String string) {
			if (this.discard) {
				return;
			}
			int length = string.length();
			if (this.size + length > this.bytes.length) {
				this.bytes = Arrays.copyOf(this.bytes, Math.max(this.bytes.length * 2, this.size + length));
			}
			for (int i = 0; i < length; i++) {
				this.bytes[this.size++] = (byte) string.charAt(i);
			}
		}

		byte[] toByteArray() {
			return Arrays.copyOf(this.bytes, this.size);
		}

	}

}
