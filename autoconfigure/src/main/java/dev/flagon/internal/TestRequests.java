package dev.flagon.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.util.UriComponents;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Builds the requests of {@code testRequestContext}. Kept apart so that spring-test is only
 * loaded when it is used.
 *
 * @author Flagon team
 */
final class TestRequests {

	private TestRequests() {
	}

	static HttpServletRequest request(String prefix, String pathAndQuery) {
		UriComponents uri = UriComponentsBuilder.fromUriString(pathAndQuery).build();
		MockHttpServletRequest request = new MockHttpServletRequest("GET", prefix + uri.getPath());
		request.setServletPath(prefix);
		request.setPathInfo(uri.getPath());
		String query = uri.getQuery();
		if (query != null) {
			request.setQueryString(query);
			uri.getQueryParams()
				.forEach((name, values) -> values
					.forEach((value) -> request.addParameter(name, (value != null) ? decode(value) : "")));
		}
		return request;
	}

	static HttpServletResponse response() {
		return new MockHttpServletResponse();
	}

	private static String decode(String value) {
		return URLDecoder.decode(value, StandardCharsets.UTF_8);
	}

}
