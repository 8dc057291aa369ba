package dev.flagon.session;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonReadFeature;

/**
 * Reads tagged JSON written by {@link TaggedJsonWriter} or by Flask. A one-key object whose
 * key is a tag of the dialect becomes the tagged value; every other object is a
 * {@link LinkedHashMap}, every array an {@link ArrayList}. Objects are untagged innermost
 * first, as Flask does.
 */
final class TaggedJsonReader {

	/**
	 * The longest number read: parsing a longer one costs quadratic time.
	 */
	static final int MAX_NUMBER_LENGTH = 1000;

	// Python writes NaN and Infinity; the nesting limit keeps recursion off the stack's end.
	// Strings and names are not limited: the data is authenticated or trusted, and
	// whatever the writer wrote must read back.
	private static final JsonFactory JSON = JsonFactory.builder()
		.enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
		.streamReadConstraints(StreamReadConstraints.builder()
			.maxNestingDepth(SessionValues.MAX_DEPTH)
			.maxNumberLength(MAX_NUMBER_LENGTH)
			.maxStringLength(Integer.MAX_VALUE)
			.maxNameLength(Integer.MAX_VALUE)
			.build())
		.build();

	private final Set<String> tagKeys;

	private final Map<String, SessionValueType<?>> typesByTag;

	TaggedJsonReader(Set<String> tagKeys, Map<String, SessionValueType<?>> typesByTag) {
		this.tagKeys = tagKeys;
		this.typesByTag = typesByTag;
	}

	@SuppressWarnings("unchecked")
	Map<String, @Nullable Object> readSession(byte[] json) {
		Object value = readValue(json);
		if (!(value instanceof LinkedHashMap)) {
			throw new SessionDecodingException("Session data is not a JSON object");
		}
		return (Map<String, @Nullable Object>) value;
	}

	@Nullable Object readValue(byte[] json) {
		try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), json)) {
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
			case START_ARRAY -> readArray(parser);
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

	private List<@Nullable Object> readArray(JsonParser parser) {
		List<@Nullable Object> list = new ArrayList<>();
		JsonToken token;
		while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
			list.add(read(parser, token));
		}
		return list;
	}

	private @Nullable Object readObject(JsonParser parser) {
		Map<String, @Nullable Object> map = new LinkedHashMap<>();
		String name;
		while ((name = parser.nextName()) != null) {
			// a repeated name keeps its first position and its last value, as in Python
			map.put(name, read(parser, parser.nextToken()));
		}
		if (map.size() == 1) {
			Map.Entry<String, @Nullable Object> entry = map.entrySet().iterator().next();
			if (this.tagKeys.contains(entry.getKey())) {
				return untag(entry.getKey(), entry.getValue());
			}
		}
		return map;
	}

	private Object untag(String tag, @Nullable Object value) {
		try {
			Object result = switch (tag) {
				case " t" -> (List<?>) value;
				case " b" -> Base64.getDecoder().decode((String) value);
				case " u" -> parseUuid((String) value);
				case " d" -> parseHttpDate((String) value);
				case " i" -> SessionDates.parseIsoInstant((String) value);
				case " m" -> (String) value;
				case " di" -> untagDict(value);
				case " x" -> untagRegistered(value);
				default -> null;
			};
			if (result != null) {
				return result;
			}
		}
		catch (SessionDecodingException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			throw new SessionDecodingException("Session data has a malformed '" + tag.strip() + "' tagged value", ex);
		}
		throw new SessionDecodingException("Session data has a malformed '" + tag.strip() + "' tagged value");
	}

	private @Nullable Object untagDict(@Nullable Object value) {
		if (value instanceof Map<?, ?> map && map.size() == 1) {
			Map.Entry<?, ?> entry = map.entrySet().iterator().next();
			String key = (String) entry.getKey();
			if (key.endsWith("__")) {
				Map<String, @Nullable Object> result = new LinkedHashMap<>(2);
				result.put(key.substring(0, key.length() - 2), entry.getValue());
				return result;
			}
		}
		return null;
	}

	private @Nullable Object untagRegistered(@Nullable Object value) {
		if (!(value instanceof Map<?, ?> map) || map.size() != 1) {
			return null;
		}
		Map.Entry<?, ?> entry = map.entrySet().iterator().next();
		SessionValueType<?> type = this.typesByTag.get((String) entry.getKey());
		if (type == null) {
			throw new SessionDecodingException(
					"Session data has a value of unknown type '" + entry.getKey() + "': no SessionValueType has that tag");
		}
		Object json = entry.getValue();
		Object result = (json != null) ? type.fromJson(json) : null;
		if (!type.type().isInstance(result)) {
			throw new SessionDecodingException("SessionValueType '" + type.tag() + "' did not turn its JSON into a "
					+ type.type().getName());
		}
		return result;
	}

	private static @Nullable Instant parseHttpDate(String value) {
		Instant instant = SessionDates.parseHttpDate(value);
		// Python's years are 1 to 9999; an offset could push a date past either end
		return SessionDates.isInPythonYears(instant.getEpochSecond()) ? instant : null;
	}

	private static UUID parseUuid(String value) {
		String hex = value;
		if (value.length() == 36 && value.charAt(8) == '-' && value.charAt(13) == '-' && value.charAt(18) == '-'
				&& value.charAt(23) == '-') {
			hex = value.substring(0, 8) + value.substring(9, 13) + value.substring(14, 18) + value.substring(19, 23)
					+ value.substring(24);
		}
		if (hex.length() != 32) {
			throw new IllegalArgumentException("UUID must have 32 hex digits");
		}
		for (int i = 0; i < 32; i++) {
			char c = hex.charAt(i);
			if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
				throw new IllegalArgumentException("UUID must have 32 hex digits");
			}
		}
		return new UUID(Long.parseUnsignedLong(hex, 0, 16, 16), Long.parseUnsignedLong(hex, 16, 32, 16));
	}

}
