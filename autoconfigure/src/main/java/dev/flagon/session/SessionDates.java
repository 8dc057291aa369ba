package dev.flagon.session;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.format.DateTimeFormatter;

/**
 * The two text forms an {@link Instant} takes in session data: ISO-8601 as
 * {@link Instant#toString()} writes it (the {@code encrypted} format) and werkzeug's
 * {@code http_date} (the {@code flask} format). A session read on every request is decoded
 * on every request, and {@link DateTimeFormatter} spends more time on one instant than the
 * rest of a small session costs, so the forms Flagon and Flask write are formatted and
 * parsed by hand here. Anything else is handed to {@link Instant#parse} and
 * {@link DateTimeFormatter#RFC_1123_DATE_TIME}, which accept and reject exactly what they
 * always did.
 */
final class SessionDates {

	private static final long FIRST_SECOND_OF_YEAR_1 = -62135596800L;

	private static final long FIRST_SECOND_OF_YEAR_10000 = 253402300800L;

	private static final long FIRST_SECOND_OF_YEAR_0 = -62167219200L;

	private static final int SECONDS_PER_DAY = 86400;

	private static final String[] DAYS = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };

	private static final String[] MONTHS = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
			"Nov", "Dec" };

	/**
	 * The length of {@code Sun, 06 Nov 1994 08:49:37 GMT}.
	 */
	private static final int HTTP_DATE_LENGTH = 29;

	/**
	 * The length of {@code 1994-11-06T08:49:37Z}.
	 */
	private static final int ISO_LENGTH = 20;

	private SessionDates() {
	}

	/**
	 * Format an instant exactly as {@link Instant#toString()} does.
	 * @param instant the instant
	 * @return its ISO-8601 form
	 */
	static String isoInstant(Instant instant) {
		long seconds = instant.getEpochSecond();
		if (seconds < FIRST_SECOND_OF_YEAR_0 || seconds >= FIRST_SECOND_OF_YEAR_10000) {
			return instant.toString();
		}
		int nanos = instant.getNano();
		// Instant.toString() writes the fraction in groups of three digits
		int fractionDigits = (nanos == 0) ? 0 : (nanos % 1_000_000 == 0) ? 3 : (nanos % 1_000 == 0) ? 6 : 9;
		byte[] text = new byte[ISO_LENGTH + ((fractionDigits > 0) ? fractionDigits + 1 : 0)];
		long epochDay = Math.floorDiv(seconds, SECONDS_PER_DAY);
		int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
		LocalDate date = LocalDate.ofEpochDay(epochDay);
		digits(text, 0, date.getYear(), 4);
		text[4] = '-';
		digits(text, 5, date.getMonthValue(), 2);
		text[7] = '-';
		digits(text, 8, date.getDayOfMonth(), 2);
		text[10] = 'T';
		time(text, 11, secondOfDay);
		int end = 19;
		if (fractionDigits > 0) {
			text[end] = '.';
			digits(text, end + 1, nanos / pow10(9 - fractionDigits), fractionDigits);
			end += fractionDigits + 1;
		}
		text[end] = 'Z';
		return ascii(text);
	}

	/**
	 * Parse an instant as {@link Instant#parse} does.
	 * @param text the text
	 * @return the instant
	 * @throws java.time.format.DateTimeParseException if the text is not an ISO-8601 instant
	 */
	static Instant parseIsoInstant(String text) {
		int length = text.length();
		if (length < ISO_LENGTH || text.charAt(length - 1) != 'Z' || !isDateAt(text, 0)
				|| text.charAt(10) != 'T' || !isTimeAt(text, 11)) {
			return Instant.parse(text);
		}
		int nanos = 0;
		if (length > ISO_LENGTH) {
			int fractionDigits = length - ISO_LENGTH - 1;
			if (text.charAt(19) != '.' || fractionDigits < 1 || fractionDigits > 9 || !isDigits(text, 20, length - 1)) {
				return Instant.parse(text);
			}
			nanos = number(text, 20, fractionDigits) * pow10(9 - fractionDigits);
		}
		long seconds = epochSecond(number(text, 0, 4), number(text, 5, 2), number(text, 8, 2), text, 11);
		return (seconds != Long.MIN_VALUE) ? Instant.ofEpochSecond(seconds, nanos) : Instant.parse(text);
	}

	/**
	 * Format a second as werkzeug's {@code http_date} does:
	 * {@code Sun, 06 Nov 1994 08:49:37 GMT}.
	 * @param epochSecond the second, in the years 1 to 9999
	 * @return its HTTP date
	 */
	static String httpDate(long epochSecond) {
		long epochDay = Math.floorDiv(epochSecond, SECONDS_PER_DAY);
		LocalDate date = LocalDate.ofEpochDay(epochDay);
		byte[] text = new byte[HTTP_DATE_LENGTH];
		name(text, 0, DAYS[date.getDayOfWeek().ordinal()]);
		text[3] = ',';
		text[4] = ' ';
		digits(text, 5, date.getDayOfMonth(), 2);
		text[7] = ' ';
		name(text, 8, MONTHS[date.getMonthValue() - 1]);
		text[11] = ' ';
		digits(text, 12, date.getYear(), 4);
		text[16] = ' ';
		time(text, 17, (int) Math.floorMod(epochSecond, SECONDS_PER_DAY));
		text[25] = ' ';
		name(text, 26, "GMT");
		return ascii(text);
	}

	/**
	 * Parse an HTTP date as {@link DateTimeFormatter#RFC_1123_DATE_TIME} does.
	 * @param text the text
	 * @return the instant
	 * @throws java.time.format.DateTimeParseException if the text is not an RFC 1123 date
	 */
	static Instant parseHttpDate(String text) {
		if (text.length() == HTTP_DATE_LENGTH && text.charAt(3) == ',' && text.charAt(4) == ' '
				&& isDigits(text, 5, 7) && text.charAt(7) == ' ' && text.charAt(11) == ' ' && isDigits(text, 12, 16)
				&& text.charAt(16) == ' ' && isTimeAt(text, 17) && text.regionMatches(25, " GMT", 0, 4)) {
			int month = indexOf(MONTHS, text, 8) + 1;
			long seconds = (month > 0) ? epochSecond(number(text, 12, 4), month, number(text, 5, 2), text, 17)
					: Long.MIN_VALUE;
			if (seconds != Long.MIN_VALUE
					&& indexOf(DAYS, text, 0) == Math.floorMod(Math.floorDiv(seconds, SECONDS_PER_DAY) + 3, 7)) {
				return Instant.ofEpochSecond(seconds);
			}
		}
		return OffsetDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
	}

	/**
	 * The epoch second of a date and the {@code HH:mm:ss} at {@code timeAt}, or
	 * {@link Long#MIN_VALUE} when a field is out of its range (a leap second included).
	 */
	private static long epochSecond(int year, int month, int day, String text, int timeAt) {
		int hour = number(text, timeAt, 2);
		int minute = number(text, timeAt + 3, 2);
		int second = number(text, timeAt + 6, 2);
		if (month < 1 || month > 12 || day < 1 || day > Month.of(month).length(Year.isLeap(year)) || hour > 23
				|| minute > 59 || second > 59) {
			return Long.MIN_VALUE;
		}
		return LocalDate.of(year, month, day).toEpochDay() * SECONDS_PER_DAY + hour * 3600 + minute * 60 + second;
	}

	private static boolean isDateAt(String text, int at) {
		return isDigits(text, at, at + 4) && text.charAt(at + 4) == '-' && isDigits(text, at + 5, at + 7)
				&& text.charAt(at + 7) == '-' && isDigits(text, at + 8, at + 10);
	}

	private static boolean isTimeAt(String text, int at) {
		return isDigits(text, at, at + 2) && text.charAt(at + 2) == ':' && isDigits(text, at + 3, at + 5)
				&& text.charAt(at + 5) == ':' && isDigits(text, at + 6, at + 8);
	}

	private static boolean isDigits(String text, int from, int to) {
		for (int i = from; i < to; i++) {
			char c = text.charAt(i);
			if (c < '0' || c > '9') {
				return false;
			}
		}
		return true;
	}

	private static int number(String text, int from, int length) {
		int value = 0;
		for (int i = from; i < from + length; i++) {
			value = value * 10 + (text.charAt(i) - '0');
		}
		return value;
	}

	private static int indexOf(String[] names, String text, int at) {
		for (int i = 0; i < names.length; i++) {
			if (text.startsWith(names[i], at)) {
				return i;
			}
		}
		return -1;
	}

	private static void time(byte[] text, int at, int secondOfDay) {
		digits(text, at, secondOfDay / 3600, 2);
		text[at + 2] = ':';
		digits(text, at + 3, secondOfDay / 60 % 60, 2);
		text[at + 5] = ':';
		digits(text, at + 6, secondOfDay % 60, 2);
	}

	private static void digits(byte[] text, int at, int value, int count) {
		for (int i = at + count - 1; i >= at; i--, value /= 10) {
			text[i] = (byte) ('0' + value % 10);
		}
	}

	private static void name(byte[] text, int at, String name) {
		for (int i = 0; i < name.length(); i++) {
			text[at + i] = (byte) name.charAt(i);
		}
	}

	private static int pow10(int exponent) {
		int value = 1;
		for (int i = 0; i < exponent; i++) {
			value *= 10;
		}
		return value;
	}

	private static String ascii(byte[] text) {
		return new String(text, StandardCharsets.ISO_8859_1);
	}

	/**
	 * Whether an instant falls in the years 1 to 9999, Python's years.
	 * @param epochSecond the instant's epoch second
	 * @return whether Python can hold it
	 */
	static boolean isInPythonYears(long epochSecond) {
		return epochSecond >= FIRST_SECOND_OF_YEAR_1 && epochSecond < FIRST_SECOND_OF_YEAR_10000;
	}

}
