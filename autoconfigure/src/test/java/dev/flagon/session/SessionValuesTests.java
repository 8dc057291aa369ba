package dev.flagon.session;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import dev.flagon.session.SessionValues.Dialect;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.flagon.session.SessionValueAssertions.assertSameValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link SessionValues}.
 */
class SessionValuesTests {

	private static final SessionValueType<Money> MONEY = SessionValueType.of("money", Money.class,
			(money) -> List.of(money.currency(), money.cents()),
			(json) -> new Money((String) ((List<?>) json).get(0), ((Number) ((List<?>) json).get(1)).longValue()));

	private final SessionValues values = new SessionValues(List.of(MONEY));

	private final SessionValues flask = this.values.withDialect(Dialect.FLASK);

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void roundTripsEveryBuiltInTypeInBothDialects(Dialect dialect) {
		SessionValues values = this.values.withDialect(dialect);
		Map<String, @Nullable Object> session = map("string", "text", "true", true, "false", false, "int", 42,
				"negative", -7, "long", 1L << 40, "big", BigInteger.TWO.pow(70), "double", 12.5, "null", null, "list",
				list(1, "two", list(), map()), "map", map("a", map("b", list(3))), "bytes",
				new byte[] { 0, -1, 16, 'x' }, "uuid", UUID.fromString("12345678-1234-5678-1234-567812345678"),
				"instant", Instant.parse("2026-11-21T03:30:00Z"), "money", new Money("EUR", 1250));
		assertSameValue(roundTrip(values, session), session);
	}

	@Test
	@SuppressWarnings("unchecked")
	void copiesWhatItReadsSharingOnlyImmutableValues() {
		Map<String, @Nullable Object> session = this.values.deserialize(this.values.serialize(map("user", "alice",
				"id", 1L << 40, "big", BigInteger.TWO.pow(70), "ratio", 0.5, "flag", true, "nothing", null, "since",
				Instant.parse("2026-11-21T03:30:00Z"), "uuid", UUID.fromString("12345678-1234-5678-1234-567812345678"),
				"cart", list(1, list("a"), map("b", 2)), "address", map("city", "Ghent"), "avatar",
				new byte[] { 1, 2 })));
		Map<String, @Nullable Object> copy = this.values.copyOf(session);
		assertThat(copy).isInstanceOf(LinkedHashMap.class).isNotSameAs(session);
		assertSameValue(copy, session);
		assertThat(copy.keySet()).containsExactlyElementsOf(session.keySet());
		assertThat(copy.get("user")).isSameAs(session.get("user"));
		assertThat(copy.get("since")).isSameAs(session.get("since"));
		assertThat(copy.get("cart")).isNotSameAs(session.get("cart"));
		assertThat(((List<Object>) copy.get("cart")).get(1)).isNotSameAs(((List<Object>) session.get("cart")).get(1));
		assertThat(((List<Object>) copy.get("cart")).get(2)).isNotSameAs(((List<Object>) session.get("cart")).get(2));
		assertThat(copy.get("address")).isNotSameAs(session.get("address"));
		assertThat(copy.get("avatar")).isNotSameAs(session.get("avatar"));
	}

	@Test
	void hasNoCopyOfASessionHoldingARegisteredTypeOrAnotherKindOfMapOrList() {
		assertThat(this.values.copyOf(map("money", new Money("EUR", 1250)))).isNull();
		assertThat(this.values.copyOf(map("nested", list(map("money", new Money("EUR", 1250)))))).isNull();
		assertThat(this.values.copyOf(map("map", new java.util.HashMap<>(Map.of("a", 1))))).isNull();
		assertThat(this.values.copyOf(map("list", new java.util.LinkedList<>(List.of(1))))).isNull();
		assertThat(this.values.copyOf(map("list", new AtomicInteger(1)))).isNull();
		// not final: a subclass may hold state of its own
		assertThat(this.values.copyOf(map("amount", new BigDecimal("12.50") {
		}))).isNull();
	}

	@Test
	void keepsKeyOrderInBothDialectsAndEscapesNonAsciiOnlyInFlask() {
		Map<String, @Nullable Object> session = map("b", 1, "a", map("z", 1, "y", list(map("\uffff", 1, "\ud83c\udf76", 2))),
				" t", 3);
		assertThat(json(this.flask.serialize(session)))
			.isEqualTo("{\"b\":1,\"a\":{\"z\":1,\"y\":[{\"\\uffff\":1,\"\\ud83c\\udf76\":2}]},\" t\":3}");
		assertThat(this.values.deserialize(this.values.serialize(session))).isEqualTo(session);
	}

	@Test
	void keepsInstantsToTheNanosecondInNativeAndToTheSecondInFlask() {
		Instant instant = Instant.parse("2026-11-21T03:30:00.123456789Z");
		assertThat(roundTrip(this.values, map("at", instant)).get("at")).isEqualTo(instant);
		assertThat(roundTrip(this.flask, map("at", instant)).get("at"))
			.isEqualTo(Instant.parse("2026-11-21T03:30:00Z"));
	}

	@Test
	void readsOtherNumberTypesBackAsJsonNumbers() {
		Map<String, @Nullable Object> session = map("short", (short) 3, "byte", (byte) 4, "float", 0.1f, "decimal",
				new BigDecimal("2.50"), "wholeDecimal", new BigDecimal("7"));
		assertSameValue(roundTrip(this.values, session),
				map("short", 3, "byte", 4, "float", 0.1, "decimal", 2.5, "wholeDecimal", 7));
	}

	@Test
	void readsIntegersAsTheSmallestTypeThatHoldsThem() {
		Map<String, @Nullable Object> session = read(this.values,
				"{\"i\":2147483647,\"l\":2147483648,\"n\":-9223372036854775808,\"b\":9223372036854775808,"
						+ "\"d\":1.0,\"e\":1e5,\"z\":-0}");
		assertSameValue(session, map("i", Integer.MAX_VALUE, "l", 2147483648L, "n", Long.MIN_VALUE, "b",
				new BigInteger("9223372036854775808"), "d", 1.0, "e", 100000.0, "z", 0));
	}

	@ParameterizedTest
	@CsvSource({ "1e16, 1e+16", "1e15, 1000000000000000.0", "0.0001, 0.0001", "1e-05, 1e-05",
			"1.5e300, 1.5e+300", "-0.0, -0.0", "0.30000000000000004, 0.30000000000000004",
			"123456789.123, 123456789.123", "12.5, 12.5", "100.0, 100.0", "5e-324, 5e-324",
			"1.7976931348623157e308, 1.7976931348623157e+308", "2.82879384806159e17, 2.82879384806159e+17",
			"1e23, 1e+23", "9007199254740993, 9007199254740992.0", "-2.5e-7, -2.5e-07",
			"123456789012345678, 1.2345678901234568e+17", "1234567890123456.7, 1234567890123456.8", "4.35, 4.35",
			"2.2250738585072014e-308, 2.2250738585072014e-308", "NaN, NaN", "Infinity, Infinity",
			"-Infinity, -Infinity" })
	void writesDoublesAsNumbersPythonReadsAndReadsPythonsNotation(String value, String python) {
		double number = Double.parseDouble(value);
		String written = json(this.flask.serializeValue(number));
		if (Double.isFinite(number)) {
			// Python and Java both read the nearest double: a real Flask reads these in FlaskInteropIntegrationTests
			assertThat(Double.doubleToLongBits(Double.parseDouble(written))).isEqualTo(Double.doubleToLongBits(number));
		}
		else {
			assertThat(written).isEqualTo(python);
		}
		Object read = this.flask.deserializeValue(python.getBytes(StandardCharsets.US_ASCII));
		assertThat(read).isInstanceOf(Double.class);
		assertThat(Double.doubleToLongBits((Double) read)).isEqualTo(Double.doubleToLongBits(number));
	}

	@Test
	void writesTaggedValuesAsFlaskDoes() {
		Map<String, @Nullable Object> session = map("b", new byte[] { 0, -1, 16, 'b', 'i', 'n', 'a', 'r', 'y' }, "u",
				UUID.fromString("12345678-1234-5678-1234-567812345678"), "d", Instant.parse("2026-11-21T03:30:00Z"),
				"early", Instant.parse("0042-01-05T00:00:09Z"));
		assertThat(json(this.flask.serialize(session)))
			.isEqualTo("{\"b\":{\" b\":\"AP8QYmluYXJ5\"},\"u\":{\" u\":\"12345678123456781234567812345678\"},"
					+ "\"d\":{\" d\":\"Sat, 21 Nov 2026 03:30:00 GMT\"},\"early\":{\" d\":\"Sun, 05 Jan 0042 00:00:09 GMT\"}}");
	}

	@Test
	void writesInstantsWithTheirOwnTagInNative() {
		assertThat(json(this.values.serializeValue(Instant.parse("2026-11-21T03:30:00.5Z"))))
			.isEqualTo("{\" i\":\"2026-11-21T03:30:00.500Z\"}");
	}

	@Test
	void readsTuplesAsListsAndMarkupAsTextAndWritesBothBackWithTheirTags() {
		String json = "{\"t\":{\" t\":[1,{\" t\":[]}]},\"m\":{\" m\":\"<b>hi</b>\"}}";
		Map<String, @Nullable Object> session = read(this.flask, json);
		assertThat(session.get("t")).isInstanceOf(List.class).isEqualTo(List.of(1, List.of()));
		assertThat(session.get("m")).isInstanceOf(CharSequence.class).hasToString("<b>hi</b>");
		assertThat(json(this.flask.serialize(session))).isEqualTo(json);
		assertThat(json(this.values.serialize(session))).isEqualTo(json);
		this.flask.check("t", session.get("t"));
		this.flask.check("m", session.get("m"));
	}

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void writesBackEveryTagItReadsUnchanged(Dialect dialect) {
		SessionValues values = this.values.withDialect(dialect);
		String date = (dialect == Dialect.FLASK) ? "{\" d\":\"Sat, 21 Nov 2026 03:30:00 GMT\"}"
				: "{\" i\":\"2026-11-21T03:30:00.123Z\"}";
		String json = "{\"t\":{\" t\":[1,{\" b\":\"AP8=\"},{\" m\":\"<i>x</i>\"}]},\"b\":{\" b\":\"AP8QYg==\"},"
				+ "\"m\":{\" m\":\"&lt;\"},\"u\":{\" u\":\"12345678123456781234567812345678\"},\"d\":" + date + ","
				+ "\"di\":{\" di\":{\" t__\":{\" t\":[]}}},\"x\":{\" x\":{\"money\":[\"EUR\",5]}},\"l\":[1.5,null,true]}";
		Map<String, @Nullable Object> session = read(values, json);
		assertThat(json(values.serialize(session))).isEqualTo(json);
		Map<String, @Nullable Object> copyable = new LinkedHashMap<>(session);
		copyable.remove("x");
		assertThat(json(values.serialize(values.copyOf(copyable)))).isEqualTo(json(values.serialize(copyable)));
		session.put("other", 1);
		assertThat(json(values.serialize(session))).isEqualTo(json.substring(0, json.length() - 1) + ",\"other\":1}");
	}

	@Test
	void readsDatesAsTheJdkReadsThemAndRefusesImpossibleOnes() {
		for (String iso : List.of("2026-11-21T03:30:00Z", "2026-11-21T03:30:00.5Z", "0001-01-01T00:00:00.123456789Z",
				"2024-02-29T23:59:59.000001Z", "+10000-01-01T00:00:00Z", "-0001-12-31T00:00:00Z")) {
			assertThat(this.values.deserializeValue(bytes("{\" i\":\"" + iso + "\"}"))).isEqualTo(Instant.parse(iso));
		}
		assertThat(this.flask.deserializeValue(bytes("{\" d\":\"Thu, 29 Feb 2024 23:59:59 GMT\"}")))
			.isEqualTo(Instant.parse("2024-02-29T23:59:59Z"));
		assertThat(this.flask.deserializeValue(bytes("{\" d\":\"Sun, 6 Nov 1994 08:49:37 GMT\"}")))
			.isEqualTo(Instant.parse("1994-11-06T08:49:37Z"));
		for (String date : List.of("{\" i\":\"2026-02-30T00:00:00Z\"}", "{\" i\":\"2026-11-31T00:00:00Z\"}",
				"{\" d\":\"Mon, 30 Feb 2026 00:00:00 GMT\"}",
				"{\" d\":\"Mon, 01 Foo 2026 00:00:00 GMT\"}", "{\" d\":\"Mon, 01 Jan 0000 00:00:00 GMT\"}")) {
			assertThatExceptionOfType(SessionDecodingException.class).as(date)
				.isThrownBy(() -> this.values.deserializeValue(bytes(date)));
		}
	}

	@Test
	void acceptsUuidsWithDashesAndInUpperCase() {
		UUID uuid = UUID.fromString("12345678-1234-5678-1234-56781234abcd");
		assertThat(this.values.deserializeValue(bytes("{\" u\":\"12345678-1234-5678-1234-56781234ABCD\"}")))
			.isEqualTo(uuid);
		assertThatExceptionOfType(SessionDecodingException.class)
			.isThrownBy(() -> this.values.deserializeValue(bytes("{\" u\":\"123456781234567812345678123ABCD\"}")));
	}

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void wrapsAOneKeyMapWhoseKeyIsATag(Dialect dialect) {
		SessionValues values = this.values.withDialect(dialect);
		for (String tag : List.of(" di", " t", " b", " m", " u", " d", " x")) {
			Map<String, @Nullable Object> session = map("x", map(tag, "not a tag"));
			assertThat(json(values.serialize(session)))
				.isEqualTo("{\"x\":{\" di\":{\"" + tag + "__\":\"not a tag\"}}}");
			assertSameValue(roundTrip(values, session), session);
		}
	}

	@Test
	void wrapsTheInstantTagOnlyInNative() {
		Map<String, @Nullable Object> session = map("x", map(" i", "not a tag"));
		assertThat(json(this.values.serialize(session))).isEqualTo("{\"x\":{\" di\":{\" i__\":\"not a tag\"}}}");
		assertThat(json(this.flask.serialize(session))).isEqualTo("{\"x\":{\" i\":\"not a tag\"}}");
		assertSameValue(roundTrip(this.flask, session), session);
		assertSameValue(roundTrip(this.values, session), session);
	}

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void wrapsASessionWhoseOnlyKeyIsATag(Dialect dialect) {
		SessionValues values = this.values.withDialect(dialect);
		Map<String, @Nullable Object> session = map(" t", list(1, 2));
		assertThat(json(values.serialize(session))).isEqualTo("{\" di\":{\" t__\":[1,2]}}");
		assertSameValue(roundTrip(values, session), session);
	}

	@Test
	void writesMapsWithATagKeyAmongOthersOrWithUnknownSpacedKeysAsTheyAre() {
		Map<String, @Nullable Object> session = map("a", map(" t", 1, "b", 2), "c", map(" zz", map(" di", 3)));
		assertThat(json(this.flask.serialize(session)))
			.isEqualTo("{\"a\":{\" t\":1,\"b\":2},\"c\":{\" zz\":{\" di\":{\" di__\":3}}}}");
		assertSameValue(roundTrip(this.flask, session), session);
	}

	@Test
	void wrapsNestedCollisionsInsideOut() {
		Map<String, @Nullable Object> session = map("x", map(" di", map(" t", map(" b", "AA=="))));
		assertSameValue(roundTrip(this.flask, session), session);
		assertThat(json(this.flask.serialize(session)))
			.isEqualTo("{\"x\":{\" di\":{\" di__\":{\" di\":{\" t__\":{\" di\":{\" b__\":\"AA==\"}}}}}}}");
	}

	@Test
	void escapesTextAsPythonDoesInFlaskAndWritesUtf8InNative() {
		String text = "\"\\/\b\f\n\r\t\u0000\u001f\u007f \u00e9\u4f50\ud83c\udf76\ud800!";
		assertThat(json(this.flask.serializeValue(text))).isEqualTo(
				"\"\\\"\\\\/\\b\\f\\n\\r\\t\\u0000\\u001f\\u007f \\u00e9\\u4f50\\ud83c\\udf76\\ud800!\"");
		assertThat(json(this.values.serializeValue(text)))
			.isEqualTo("\"\\\"\\\\/\\b\\f\\n\\r\\t\\u0000\\u001f\u007f \u00e9\u4f50\ud83c\udf76\\ud800!\"");
		assertThat(this.flask.deserializeValue(this.flask.serializeValue(text))).isEqualTo(text);
		assertThat(this.values.deserializeValue(this.values.serializeValue(text))).isEqualTo(text);
	}

	@Test
	void escapesWhatFollowsPlainTextOfAnyLength() {
		for (int plain : new int[] { 1, 255, 256, 257, 1000 }) {
			String prefix = "a".repeat(plain);
			String text = prefix + "\"\n\u00e9";
			assertThat(json(this.flask.serializeValue(text))).isEqualTo("\"" + prefix + "\\\"\\n\\u00e9\"");
			assertThat(json(this.values.serializeValue(text))).isEqualTo("\"" + prefix + "\\\"\\n\u00e9\"");
			assertThat(json(this.values.serialize(map(prefix, text)))).isEqualTo(
					"{\"" + prefix + "\":\"" + prefix + "\\\"\\n\u00e9\"}");
		}
	}

	@Test
	void keepsKeyOrderAndTakesTheLastValueOfARepeatedKey() {
		Map<String, @Nullable Object> session = read(this.values, "{\"z\":1,\"a\":2,\"z\":3}");
		assertSameValue(session, map("z", 3, "a", 2));
		assertSameValue(this.values.deserializeValue(bytes("{\" t\":[1],\" t\":[2]}")), list(2));
	}

	@Test
	void refusesAnUnsupportedTypeNamingTheKeyTheTypeAndTheFix() {
		assertThatExceptionOfType(UnsupportedSessionValueException.class)
			.isThrownBy(() -> this.values.check("cart", new Cart()))
			.withMessage("Session value 'cart' of type dev.flagon.session.SessionValuesTests$Cart cannot be stored: "
					+ "session values must be JSON-shaped (String, Boolean, Integer, Long, Double, BigInteger, "
					+ "BigDecimal, null, List, Map with String keys), Instant, UUID or byte[]. Convert it, or "
					+ "register a SessionValueType bean for dev.flagon.session.SessionValuesTests$Cart.");
	}

	@Test
	void refusesAnUnsupportedTypeNestedInsideAValueNamingItsPath() {
		Map<String, @Nullable Object> cart = map("items", list("a", map("sku", new Cart())));
		assertThatExceptionOfType(UnsupportedSessionValueException.class)
			.isThrownBy(() -> this.values.check("cart", cart))
			.withMessageStartingWith("Session value 'cart' cannot be stored: cart.items[1].sku is of type "
					+ "dev.flagon.session.SessionValuesTests$Cart; session values must be JSON-shaped")
			.withMessageEndingWith("register a SessionValueType bean for dev.flagon.session.SessionValuesTests$Cart.");
		assertThatExceptionOfType(UnsupportedSessionValueException.class)
			.isThrownBy(() -> this.values.serialize(map("ok", 1, "cart", cart)))
			.withMessageStartingWith("Session value 'cart' cannot be stored: cart.items[1].sku is of type");
	}

	@Test
	void refusesSetsArraysAndMutableNumbers() {
		for (Object value : List.of(new HashSet<>(Set.of(1)), new int[] { 1 }, new String[] { "a" },
				new AtomicInteger(1), Optional.empty(), 'c')) {
			assertThatExceptionOfType(UnsupportedSessionValueException.class)
				.isThrownBy(() -> this.values.check("value", value))
				.withMessageContaining("of type " + value.getClass().getName());
		}
	}

	@Test
	void refusesMapsWithKeysThatAreNotStrings() {
		Map<Object, Object> map = new LinkedHashMap<>();
		map.put(1, "one");
		assertThatExceptionOfType(UnsupportedSessionValueException.class)
			.isThrownBy(() -> this.values.check("prefs", map("byId", map)))
			.withMessage("Session value 'prefs' cannot be stored: prefs.byId is a Map with a key of type "
					+ "java.lang.Integer; map keys must be Strings.");
	}

	@Test
	void refusesInstantsFlaskCannotWriteOnlyInFlask() {
		Instant farFuture = Instant.parse("+10000-01-01T00:00:00Z");
		this.values.check("when", farFuture);
		assertThatExceptionOfType(UnsupportedSessionValueException.class)
			.isThrownBy(() -> this.flask.check("when", farFuture))
			.withMessageContaining("'when' cannot be stored: it is an Instant outside the years 1 to 9999");
		this.flask.check("when", Instant.parse("9999-12-31T23:59:59.999Z"));
		this.flask.check("when", Instant.parse("0001-01-01T00:00:00Z"));
	}

	@Test
	void refusesNumbersTooLongToReadBack() {
		BigInteger longest = BigInteger.TEN.pow(999);
		assertSameValue(roundTrip(this.values, map("n", longest)), map("n", longest));
		assertThatExceptionOfType(UnsupportedSessionValueException.class)
			.isThrownBy(() -> this.values.check("n", list(BigInteger.TEN.pow(1000))))
			.withMessage("Session value 'n' cannot be stored: n[0] is a java.math.BigInteger of more than 1000 "
					+ "characters; store it as a String.");
		assertThatExceptionOfType(SessionDecodingException.class)
			.isThrownBy(() -> read(this.values, "{\"n\":1" + "0".repeat(1000) + "}"));
	}

	@Test
	void readsLongStringsAndKeys() {
		String longText = "x".repeat(100_000);
		Map<String, @Nullable Object> session = map(longText, longText);
		assertSameValue(roundTrip(this.values, session), session);
	}

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void roundTripsRegisteredTypesAsTheirJsonUnderTheirTag(Dialect dialect) {
		SessionValues values = this.values.withDialect(dialect);
		Map<String, @Nullable Object> session = map("price", new Money("EUR", 1250), "prices",
				list(new Money("USD", 1)));
		assertThat(json(values.serialize(session)))
			.isEqualTo("{\"price\":{\" x\":{\"money\":[\"EUR\",1250]}},\"prices\":[{\" x\":{\"money\":[\"USD\",1]}}]}");
		assertSameValue(roundTrip(values, session), session);
	}

	@Test
	void checksRegisteredTypesWithoutConvertingThem() {
		AtomicInteger conversions = new AtomicInteger();
		SessionValueType<Cart> cart = SessionValueType.of("cart", Cart.class, (value) -> {
			conversions.incrementAndGet();
			return Map.of();
		}, (json) -> new Cart());
		SessionValues values = new SessionValues(List.of(cart));
		values.check("cart", new Cart());
		assertThat(conversions).hasValue(0);
		values.serialize(map("cart", new Cart()));
		assertThat(conversions).hasValue(1);
	}

	@Test
	void refusesARegisteredTypeThatFailsToConvert() {
		SessionValueType<Cart> failing = SessionValueType.of("cart", Cart.class, (value) -> {
			throw new IllegalStateException("boom");
		}, (json) -> new Cart());
		SessionValueType<Money> returningNull = SessionValueType.of("money", Money.class, (value) -> null,
				(json) -> new Money("EUR", 0));
		SessionValues values = new SessionValues(List.of(failing, returningNull));
		assertThatExceptionOfType(UnsupportedSessionValueException.class)
			.isThrownBy(() -> values.serialize(map("cart", new Cart())))
			.withMessageContaining("'cart' cannot be stored: the SessionValueType 'cart' for "
					+ "dev.flagon.session.SessionValuesTests$Cart failed: boom")
			.withCauseInstanceOf(IllegalStateException.class);
		assertThatExceptionOfType(UnsupportedSessionValueException.class)
			.isThrownBy(() -> values.serialize(map("m", new Money("EUR", 1))))
			.withMessageContaining("returned null");
	}

	@Test
	void refusesToRegisterTypesThatClashOrThatSessionsHoldAlready() {
		SessionValueType<Money> other = SessionValueType.of("money", Money.class, Money::currency,
				(json) -> new Money("EUR", 0));
		assertThatIllegalArgumentException().isThrownBy(() -> new SessionValues(List.of(MONEY, other)))
			.withMessageContaining("have the same tag");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SessionValues(List.of(SessionValueType.of("s", String.class, (s) -> s, (j) -> ""))))
			.withMessageContaining("sessions hold that type already");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SessionValues(
					List.of(SessionValueType.of("m", LinkedHashMap.class, (m) -> m, (j) -> new LinkedHashMap<>()))))
			.withMessageContaining("sessions hold that type already");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SessionValueType.of(" x", Money.class, Money::currency, (json) -> new Money("", 0)))
			.withMessageContaining("tag ' x' is invalid");
	}

	@Test
	void neverLetsTheDataChooseAJavaClass() {
		assertThatExceptionOfType(SessionDecodingException.class)
			.isThrownBy(() -> read(this.values, "{\"a\":{\" x\":{\"java.io.File\":\"/etc/passwd\"}}}"))
			.withMessageContaining("unknown type 'java.io.File'");
		assertThatExceptionOfType(SessionDecodingException.class)
			.isThrownBy(() -> read(new SessionValues(List.of()), "{\"a\":{\" x\":{\"money\":[\"EUR\",1]}}}"))
			.withMessageContaining("unknown type 'money'");
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\" b\":5}", "{\" b\":\"not base64!\"}", "{\" u\":\"xyz\"}",
			"{\" u\":\"\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18123456781234567812345678\"}", "{\" d\":\"yesterday\"}",
			"{\" d\":null}", "{\" i\":\"2026-13-01T00:00:00Z\"}", "{\" t\":\"abc\"}", "{\" m\":[]}", "{\" di\":5}",
			"{\" di\":{\"a\":1}}", "{\" di\":{\"a__\":1,\"b__\":2}}", "{\" x\":5}", "{\" x\":{\"money\":null}}",
			"{\" x\":{\"money\":\"not a list\"}}", "{\" x\":{\"money\":[\"EUR\",1],\"other\":1}}" })
	void refusesMalformedTaggedValues(String json) {
		assertThatExceptionOfType(SessionDecodingException.class).isThrownBy(() -> read(this.values, "{\"a\":" + json + "}"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "[]", "\"text\"", "null", "{", "{\"a\":1", "{\"a\":1}{}", "{\"a\":1} x",
			"{'a':1}", "{\"a\":01}", "{\"a\":undefined}", "{\"a\":\"\u0001\"}", "{\"a\":[1,]}" })
	void refusesMalformedJson(String json) {
		assertThatExceptionOfType(SessionDecodingException.class).isThrownBy(() -> read(this.values, json));
	}

	@Test
	void refusesInvalidUtf8() {
		byte[] json = { '{', '"', 'a', '"', ':', '"', (byte) 0xc3, '"', '}' };
		assertThatExceptionOfType(SessionDecodingException.class).isThrownBy(() -> this.values.deserialize(json));
	}

	@Test
	void readsAndWritesJsonNestedExactlyToTheLimit() {
		Object value = "bottom";
		for (int i = 1; i < SessionValues.MAX_DEPTH; i++) {
			value = list(value);
		}
		Map<String, @Nullable Object> session = map("deep", value);
		assertSameValue(roundTrip(this.values, session), session);
		Map<String, @Nullable Object> deeper = map("deep", list(value));
		assertThatExceptionOfType(UnsupportedSessionValueException.class)
			.isThrownBy(() -> this.values.check("deep", deeper.get("deep")))
			.withMessage("Session value 'deep' cannot be stored: it nests deeper than 64 levels.");
		assertThatExceptionOfType(UnsupportedSessionValueException.class)
			.isThrownBy(() -> this.values.serialize(deeper));
		String json = "{\"deep\":" + "[".repeat(SessionValues.MAX_DEPTH) + "\"bottom\""
				+ "]".repeat(SessionValues.MAX_DEPTH) + "}";
		assertThatExceptionOfType(SessionDecodingException.class).isThrownBy(() -> read(this.values, json));
	}

	@Test
	void countsTagsTowardsTheNestingLimit() {
		Object value = new byte[1];
		for (int i = 1; i < SessionValues.MAX_DEPTH; i++) {
			value = list(value);
		}
		Object tooDeep = value;
		assertThatExceptionOfType(UnsupportedSessionValueException.class)
			.isThrownBy(() -> this.values.check("deep", tooDeep));
	}

	@Test
	void refusesDeeplyNestedJsonWithoutOverflowingTheStack() {
		String json = "{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
		assertThatExceptionOfType(SessionDecodingException.class).isThrownBy(() -> read(this.values, json));
		String objects = "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000);
		assertThatExceptionOfType(SessionDecodingException.class).isThrownBy(() -> read(this.values, objects));
	}

	@Test
	void refusesAValueThatContainsItselfWithoutOverflowingTheStack() {
		List<Object> loop = new ArrayList<>();
		loop.add(loop);
		assertThatExceptionOfType(UnsupportedSessionValueException.class)
			.isThrownBy(() -> this.values.check("loop", loop))
			.withMessageContaining("nests deeper than 64 levels");
	}

	@Test
	void roundTripsSingleValuesForStoresThatKeepEachAttributeApart() {
		for (Object value : List.of("text", 1, 2.5, true, list(1, map("a", new byte[] { 1 })), new Money("EUR", 5),
				UUID.randomUUID(), Instant.now())) {
			assertSameValue(this.values.deserializeValue(this.values.serializeValue(value)), value);
		}
		assertThat(this.values.deserializeValue(this.values.serializeValue(null))).isNull();
	}

	@Test
	@SuppressWarnings("unchecked")
	void readsSessionsIntoMutableMapsAndLists() {
		Map<String, @Nullable Object> session = read(this.values, "{\"a\":[1,{\"b\":2}],\"t\":{\" t\":[1]}}");
		session.put("c", 3);
		((List<Object>) session.get("a")).add(4);
		((Map<String, Object>) ((List<?>) session.get("a")).get(1)).put("d", 5);
		((List<Object>) session.get("t")).add(2);
		assertSameValue(session, map("a", list(1, map("b", 2, "d", 5), 4), "t", list(1, 2), "c", 3));
	}

	private static Map<String, @Nullable Object> roundTrip(SessionValues values, Map<String, @Nullable Object> session) {
		return values.deserialize(values.serialize(session));
	}

	private static Map<String, @Nullable Object> read(SessionValues values, String json) {
		return values.deserialize(bytes(json));
	}

	private static byte[] bytes(String json) {
		return json.getBytes(StandardCharsets.UTF_8);
	}

	private static String json(byte[] json) {
		return new String(json, StandardCharsets.UTF_8);
	}

	private static Map<String, @Nullable Object> map(@Nullable Object... keysAndValues) {
		Map<String, @Nullable Object> map = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			map.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return map;
	}

	private static List<@Nullable Object> list(@Nullable Object... values) {
		List<@Nullable Object> list = new ArrayList<>();
		for (Object value : values) {
			list.add(value);
		}
		return list;
	}

	record Money(String currency, long cents) {

	}

	static final class Cart {

	}

}
