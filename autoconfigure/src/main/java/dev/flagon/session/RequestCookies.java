package dev.flagon.session;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * Finds one cookie in a request's {@code Cookie} headers, read as werkzeug's
 * {@code parse_cookie} reads them: pairs split on {@code ;}, a name and a value each trimmed
 * of white space, a quoted value unquoted and its backslash escapes undone. Characters are
 * those the server decoded the header into.
 * <p>
 * A session store wants one cookie of the many a browser sends. {@code request.getCookies()}
 * makes a {@code Cookie} of each, decoding every name and value: with nine cookies in the
 * header, that took 1.5 us of a request where these scans take 0.5 us.
 *
 * @author Flagon team
 * @since 0.1.0
 */
final class RequestCookies {

	private RequestCookies() {
	}

	/**
	 * Return the values of the cookies of the given name, in the order the request sent
	 * them. A name without {@code =} has the empty value.
	 * @param request the request
	 * @param name the cookie's name, matched exactly
	 * @return the values, empty when the request has no such cookie
	 */
	static List<String> values(HttpServletRequest request, String name) {
		Enumeration<String> headers = request.getHeaders(HttpHeaders.COOKIE);
		if (headers == null) {
			return List.of();
		}
		Found found = new Found();
		while (headers.hasMoreElements()) {
			scan(headers.nextElement(), name, found);
		}
		return found.values();
	}

	/**
	 * Return whether the request has a cookie of the given name.
	 * @param request the request
	 * @param name the cookie's name, matched exactly
	 * @return whether the request has the cookie, with any value
	 */
	static boolean contains(HttpServletRequest request, String name) {
		Enumeration<String> headers = request.getHeaders(HttpHeaders.COOKIE);
		if (headers != null) {
			while (headers.hasMoreElements()) {
				if (scan(headers.nextElement(), name, null)) {
					return true;
				}
			}
		}
		return false;
	}

	/**
	 * Scan one header for the cookie, adding each of its values to {@code found}; without
	 * {@code found}, answer {@code true} at the first, before reading its value.
	 */
	private static boolean scan(String header, String name, @Nullable Found found) {
		int length = header.length();
		int i = 0;
		while (i < length) {
			int nameEnd = i;
			while (nameEnd < length && header.charAt(nameEnd) != '=' && header.charAt(nameEnd) != ';') {
				nameEnd++;
			}
			boolean wanted = isName(header, i, nameEnd, name);
			if (wanted && found == null) {
				return true;
			}
			if (nameEnd == length || header.charAt(nameEnd) == ';') {
				if (wanted) {
					found.add("");
				}
				i = nameEnd + 1;
				continue;
			}
			int valueStart = skipSpace(header, nameEnd + 1, length);
			int valueEnd = quotedValueEnd(header, valueStart);
			int separator;
			if (valueEnd != -1) {
				// A quoted value may hold ';'
				separator = skipSpace(header, valueEnd, length);
			}
			else {
				separator = header.indexOf(';', valueStart);
				separator = (separator != -1) ? separator : length;
				valueEnd = trimEnd(header, valueStart, separator);
			}
			if (wanted) {
				found.add(value(header, valueStart, valueEnd));
			}
			i = separator + 1;
		}
		return false;
	}

	/**
	 * Return the end of the quoted value at {@code start} when it is followed by white space
	 * and a {@code ;} or the end of the header, or -1.
	 */
	private static int quotedValueEnd(String header, int start) {
		if (start == header.length() || header.charAt(start) != '"') {
			return -1;
		}
		for (int i = start + 1; i < header.length(); i++) {
			char c = header.charAt(i);
			if (c == '\\') {
				i++;
			}
			else if (c == '"') {
				int after = skipSpace(header, i + 1, header.length());
				return (after == header.length() || header.charAt(after) == ';') ? i + 1 : -1;
			}
		}
		return -1;
	}

	private static String value(String header, int start, int end) {
		if (end - start >= 2 && header.charAt(start) == '"' && header.charAt(end - 1) == '"') {
			return unquote(header, start + 1, end - 1);
		}
		return header.substring(start, end);
	}

	private static boolean isName(String header, int start, int end, String name) {
		start = skipSpace(header, start, end);
		end = trimEnd(header, start, end);
		return end - start == name.length() && header.startsWith(name, start);
	}

	/**
	 * Undo backslash escapes, as werkzeug does: {@code \ooo} is an octal byte, a backslash
	 * before any other character is dropped, and the bytes are read as UTF-8.
	 */
	private static String unquote(String header, int start, int end) {
		int backslash = header.indexOf('\\', start);
		if (backslash == -1 || backslash >= end) {
			return header.substring(start, end);
		}
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(end - start);
		int i = start;
		while (i < end) {
			if (header.charAt(i) == '\\' && i + 1 < end) {
				if (i + 3 < end && isOctal(header, i + 1)) {
					bytes.write(Integer.parseInt(header, i + 1, i + 4, 8));
					i += 4;
					continue;
				}
				// The escaped character stands for itself
				i++;
			}
			int next = i + Character.charCount(header.codePointAt(i));
			bytes.writeBytes(header.substring(i, next).getBytes(StandardCharsets.UTF_8));
			i = next;
		}
		return bytes.toString(StandardCharsets.UTF_8);
	}

	private static boolean isOctal(String header, int start) {
		return header.charAt(start) >= '0' && header.charAt(start) <= '3' && header.charAt(start + 1) >= '0'
				&& header.charAt(start + 1) <= '7' && header.charAt(start + 2) >= '0' && header.charAt(start + 2) <= '7';
	}

	private static int skipSpace(String header, int start, int end) {
		while (start < end && isSpace(header.charAt(start))) {
			start++;
		}
		return start;
	}

	private static int trimEnd(String header, int start, int end) {
		while (end > start && isSpace(header.charAt(end - 1))) {
			end--;
		}
		return end;
	}

	// Python's \s in ASCII mode
	private static boolean isSpace(char c) {
		return c == ' ' || (c >= '\t' && c <= '\r');
	}

	/**
	 * The values found: most requests have one or none, which need no list of their own.
	 */
	private static final class Found {

		private @Nullable String first;

		private @Nullable List<String> all;

		void add(String value) {
			if (this.first == null) {
				this.first = value;
			}
			else {
				if (this.all == null) {
					this.all = new ArrayList<>(List.of(this.first));
				}
				this.all.add(value);
			}
		}

		List<String> values() {
			if (this.all != null) {
				return this.all;
			}
			return (this.first != null) ? List.of(this.first) : List.of();
		}

	}

}
