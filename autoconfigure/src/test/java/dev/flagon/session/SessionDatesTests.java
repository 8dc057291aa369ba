package dev.flagon.session;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link SessionDates}: the hand-written forms must agree with
 * {@link Instant#toString()}, {@link Instant#parse} and
 * {@link DateTimeFormatter#RFC_1123_DATE_TIME} on every input, the ones they reject
 * included.
 */
class SessionDatesTests {

	private static final long FIRST_SECOND_OF_YEAR_0 = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();

	private static final long FIRST_SECOND_OF_YEAR_1 = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond();

	private static final long FIRST_SECOND_OF_YEAR_10000 = Instant.parse("+10000-01-01T00:00:00Z").getEpochSecond();

	private static final DateTimeFormatter WERKZEUG_HTTP_DATE = DateTimeFormatter
		.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", java.util.Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	private final SplittableRandom random = new SplittableRandom(20261121);

	@Test
	void formatsInstantsAsInstantToStringDoes() {
		for (int i = 0; i < 200_000; i++) {
			Instant instant = randomInstant(Instant.MIN.getEpochSecond() / 1000, Instant.MAX.getEpochSecond() / 1000);
			assertThat(SessionDates.isoInstant(instant)).isEqualTo(instant.toString());
		}
		for (long second : new long[] { FIRST_SECOND_OF_YEAR_0 - 1, FIRST_SECOND_OF_YEAR_0, FIRST_SECOND_OF_YEAR_1,
				-1, 0, 951782400 /* 2000-02-29 */, FIRST_SECOND_OF_YEAR_10000 - 1, FIRST_SECOND_OF_YEAR_10000,
				Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond() }) {
			for (int nanos : new int[] { 0, 1, 1_000, 1_000_000, 100_000_000, 120_000, 999_999_999 }) {
				Instant instant = Instant.ofEpochSecond(second, nanos);
				assertThat(SessionDates.isoInstant(instant)).isEqualTo(instant.toString());
			}
		}
	}

	@Test
	void parsesWhatInstantToStringWrites() {
		for (int i = 0; i < 200_000; i++) {
			Instant instant = randomInstant(Instant.MIN.getEpochSecond() / 1000, Instant.MAX.getEpochSecond() / 1000);
			assertThat(SessionDates.parseIsoInstant(instant.toString())).isEqualTo(instant);
		}
	}

	@Test
	void formatsHttpDatesAsWerkzeugDoes() {
		for (int i = 0; i < 200_000; i++) {
			long second = this.random.nextLong(FIRST_SECOND_OF_YEAR_1, FIRST_SECOND_OF_YEAR_10000);
			assertThat(SessionDates.httpDate(second)).isEqualTo(WERKZEUG_HTTP_DATE.format(Instant.ofEpochSecond(second)));
		}
		assertThat(SessionDates.httpDate(784111777)).isEqualTo("Sun, 06 Nov 1994 08:49:37 GMT");
		assertThat(SessionDates.httpDate(FIRST_SECOND_OF_YEAR_1)).isEqualTo("Mon, 01 Jan 0001 00:00:00 GMT");
		assertThat(SessionDates.httpDate(FIRST_SECOND_OF_YEAR_10000 - 1)).isEqualTo("Fri, 31 Dec 9999 23:59:59 GMT");
	}

	@Test
	void parsesHttpDatesAsRfc1123Does() {
		for (int i = 0; i < 200_000; i++) {
			long second = this.random.nextLong(FIRST_SECOND_OF_YEAR_1, FIRST_SECOND_OF_YEAR_10000);
			String text = SessionDates.httpDate(second);
			assertThat(SessionDates.parseHttpDate(text)).isEqualTo(Instant.ofEpochSecond(second))
				.isEqualTo(rfc1123(text));
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "2026-11-21T03:30:00Z", "2026-11-21T03:30:00.5Z", "2026-11-21T03:30:00.123456789Z",
			"0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "2024-02-29T00:00:00Z", "2023-02-29T00:00:00Z",
			"2026-04-31T00:00:00Z", "2026-13-01T00:00:00Z", "2026-00-01T00:00:00Z", "2026-01-00T00:00:00Z",
			"2026-11-21T24:00:00Z", "2026-11-21T23:60:00Z", "2016-12-31T23:59:60Z", "2026-11-21T03:30:00.Z",
			"2026-11-21T03:30:00.1234567890Z", "2026-11-21t03:30:00z", "2026-11-21T03:30:00+01:00",
			"+10000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z", "2026-11-21T03:30Z", "2026-11-21 03:30:00Z",
			"2026-1a-21T03:30:00Z", "2026-11-21T03:30:00", "", "Z", "\u0662\u0660\u0662\u0666-11-21T03:30:00Z" })
	void parsesAndRejectsIsoInstantsAsInstantParseDoes(String text) {
		assertSameOutcome(SessionDates::parseIsoInstant, Instant::parse, text);
	}

	@ParameterizedTest
	@ValueSource(strings = { "Sun, 06 Nov 1994 08:49:37 GMT", "Mon, 06 Nov 1994 08:49:37 GMT",
			"sun, 06 nov 1994 08:49:37 GMT", "Sun, 6 Nov 1994 08:49:37 GMT", "Sun, 06 Nov 1994 08:49:37 +0000",
			"Sun, 06 Nov 1994 08:49:37 +0100", "Sun, 06 Nov 1994 08:49:60 GMT", "Sun, 06 Nov 1994 24:00:00 GMT",
			"Wed, 31 Feb 1994 08:49:37 GMT", "Thu, 29 Feb 2024 00:00:00 GMT", "Sun, 06 Xyz 1994 08:49:37 GMT",
			"Sun, 06 Nov 1994 08:49:37 UTC", "Sun, 06 Nov 1994 08:49:37 GMTX", "06 Nov 1994 08:49:37 GMT",
			"Mon, 01 Jan 0001 00:00:00 GMT", "Sat, 01 Jan 0000 00:00:00 GMT", "", "Sun, 0a Nov 1994 08:49:37 GMT" })
	void parsesAndRejectsHttpDatesAsRfc1123Does(String text) {
		assertSameOutcome(SessionDates::parseHttpDate, SessionDatesTests::rfc1123, text);
	}

	@Test
	void parsesAndRejectsMangledTextsAsTheJdkDoes() {
		String[] seeds = { "2026-11-21T03:30:00Z", "2026-11-21T03:30:00.123Z", "Sun, 06 Nov 1994 08:49:37 GMT" };
		String alphabet = "0123456789-:.TZ, GMTSunNov+t";
		for (int i = 0; i < 50_000; i++) {
			char[] text = seeds[this.random.nextInt(seeds.length)].toCharArray();
			text[this.random.nextInt(text.length)] = alphabet.charAt(this.random.nextInt(alphabet.length()));
			String mangled = new String(text);
			assertSameOutcome(SessionDates::parseIsoInstant, Instant::parse, mangled);
			assertSameOutcome(SessionDates::parseHttpDate, SessionDatesTests::rfc1123, mangled);
		}
	}

	@Test
	void tellsPythonsYears() {
		assertThat(SessionDates.isInPythonYears(FIRST_SECOND_OF_YEAR_1 - 1)).isFalse();
		assertThat(SessionDates.isInPythonYears(FIRST_SECOND_OF_YEAR_1)).isTrue();
		assertThat(SessionDates.isInPythonYears(FIRST_SECOND_OF_YEAR_10000 - 1)).isTrue();
		assertThat(SessionDates.isInPythonYears(FIRST_SECOND_OF_YEAR_10000)).isFalse();
	}

	private Instant randomInstant(long fromSecond, long toSecond) {
		long second = (this.random.nextInt(4) == 0) ? this.random.nextLong(fromSecond, toSecond)
				: this.random.nextLong(FIRST_SECOND_OF_YEAR_0 - 86400, FIRST_SECOND_OF_YEAR_10000 + 86400);
		int nanos = switch (this.random.nextInt(4)) {
			case 0 -> 0;
			case 1 -> this.random.nextInt(1000) * 1_000_000;
			case 2 -> this.random.nextInt(1_000_000) * 1_000;
			default -> this.random.nextInt(1_000_000_000);
		};
		return Instant.ofEpochSecond(second, nanos);
	}

	private static Instant rfc1123(String text) {
		return OffsetDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
	}

	private static void assertSameOutcome(Function<String, Instant> parser, Function<String, Instant> jdk,
			String text) {
		Instant expected;
		try {
			expected = jdk.apply(text);
		}
		catch (DateTimeException ex) {
			assertThatExceptionOfType(DateTimeException.class).as(text).isThrownBy(() -> parser.apply(text));
			return;
		}
		assertThat(parser.apply(text)).as(text).isEqualTo(expected);
	}

}
