package dev.flagon.session;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.flagon.testsupport.HttpTestClient;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link SessionStore} must do, through a real HTTP client against
 * {@link SessionTestApplication}. Subclasses start the application with their store:
 * <pre class="code">
 * &#64;SpringBootTest(classes = SessionTestApplication.class, webEnvironment = RANDOM_PORT,
 *         properties = "flagon.session.store=...")
 * class MyStoreContractIntegrationTests extends SessionStoreContractTests { }
 * </pre>
 *
 * @author Flagon team
 */
public abstract class SessionStoreContractTests {

	@LocalServerPort
	private int port;

	protected HttpTestClient http;

	@BeforeEach
	void newBrowser() {
		this.http = HttpTestClient.withCookies(this.port);
	}

	/**
	 * Return the name of the cookie the store sets.
	 * @return the cookie name
	 */
	protected String cookieName() {
		return "session";
	}

	/**
	 * Return whether the store keeps sessions under an id that its cookie carries, so that a
	 * session's id stays the same from one request to the next. The cookie store's id is a
	 * digest of its cookie, which changes whenever the session is written.
	 * @return whether ids name stored sessions
	 */
	protected boolean storesSessionsUnderTheirIds() {
		return false;
	}

	protected List<String> sessionCookies(HttpResponse<?> response) {
		return response.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter((header) -> header.startsWith(cookieName() + "="))
			.toList();
	}

	protected static boolean variesOnCookie(HttpResponse<?> response) {
		return response.headers()
			.allValues("Vary")
			.stream()
			.anyMatch((vary) -> List.of(vary.split(",")).stream().anyMatch((name) -> name.trim().equals("Cookie")));
	}

	@Test
	void requestThatNeverTouchesTheSessionSetsNoCookieAndNoVary() {
		HttpResponse<String> response = this.http.get("/session/untouched");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
		assertThat(variesOnCookie(response)).isFalse();
	}

	@Test
	void valuesSurviveAcrossRequests() {
		assertThat(this.http.get("/session/put?key=user&value=alice").statusCode()).isEqualTo(200);
		assertThat(this.http.get("/session/get?key=user").body()).isEqualTo("{\"user\":\"alice\"}");
	}

	@Test
	void counterCountsAcrossRequests() {
		for (int i = 1; i <= 5; i++) {
			assertThat(this.http.get("/session/counter").body()).isEqualTo(Integer.toString(i));
		}
	}

	@Test
	void readingTheSessionVariesOnCookieWithoutSettingOne() {
		this.http.get("/session/put?key=user&value=alice");
		HttpResponse<String> read = this.http.get("/session/get?key=user");
		assertThat(variesOnCookie(read)).isTrue();
		assertThat(sessionCookies(read)).isEmpty();
	}

	@Test
	void readingTheSessionAddsCookieToAVaryTheAppSetOnlyWhenItIsNotThere() {
		this.http.get("/session/put?key=user&value=alice");
		assertThat(this.http.get("/session/vary?vary=Origin").headers().allValues("Vary")).containsExactly("Origin",
				"Cookie");
		assertThat(this.http.get("/session/vary?vary=Origin,%20cookie").headers().allValues("Vary"))
			.containsExactly("Origin, cookie");
		assertThat(this.http.get("/session/vary?vary=*").headers().allValues("Vary")).containsExactly("*");
	}

	@Test
	void writingTheSessionSetsTheCookieAndVariesOnCookie() {
		HttpResponse<String> write = this.http.get("/session/put?key=user&value=alice");
		assertThat(sessionCookies(write)).hasSize(1);
		assertThat(write.headers().allValues("Vary")).containsExactly("Cookie");
	}

	@Test
	void taggedAndNestedValuesRoundTrip() {
		assertThat(this.http.get("/session/types/put").statusCode()).isEqualTo(200);
		assertThat(this.http.get("/session/types/check").body()).isEqualTo("true,true,true,true,true,true");
	}

	@Test
	void removedKeysStayRemoved() {
		this.http.get("/session/put?key=a&value=1");
		this.http.get("/session/put?key=b&value=2");
		this.http.get("/session/remove?key=a");
		assertThat(this.http.get("/session/keys").body()).isEqualTo("b");
	}

	@Test
	void clearedSessionIsEmptyOnTheNextRequest() {
		this.http.get("/session/put?key=user&value=alice");
		HttpResponse<String> clear = this.http.get("/session/clear");
		assertThat(clear.statusCode()).isEqualTo(200);
		assertThat(this.http.get("/session/get?key=user").body()).isEqualTo("{\"user\":null}");
	}

	@Test
	void invalidatedSessionIsEmptyOnTheNextRequest() {
		this.http.get("/session/put?key=user&value=alice");
		assertThat(this.http.get("/session/invalidate").statusCode()).isEqualTo(200);
		assertThat(this.http.get("/session/get?key=user").body()).isEqualTo("{\"user\":null}");
	}

	@Test
	void requestedSessionIdAnswersAsAContainerAndGetSessionAfterInvalidateGivesANewSession() {
		assertThat(this.http.get("/session/http-session/renew").body()).isEqualTo("null false false null");
		this.http.get("/session/put?key=user&value=alice");
		String[] answer = this.http.get("/session/http-session/renew").body().split(" ");
		// requested id, valid, from cookie, session id | getSession(false) | valid, isNew, new id
		assertThat(answer[0]).isNotBlank().isNotEqualTo("null");
		assertThat(answer).containsSubsequence(answer[0], "true", "true", answer[0], "|", "null", "|", "false", "true");
		assertThat(answer[9]).isNotEqualTo(answer[0]);
		assertThat(this.http.get("/session/get?key=user").body()).isEqualTo("{\"user\":\"alice\"}");
		String[] next = this.http.get("/session/http-session/renew").body().split(" ");
		if (storesSessionsUnderTheirIds()) {
			assertThat(next[0]).as("the next request asks for the new session").isEqualTo(answer[9]);
		}
		assertThat(next[1]).isEqualTo("true");
	}

	@Test
	void regeneratedSessionKeepsItsValues() {
		this.http.get("/session/put?key=user&value=alice");
		HttpResponse<String> regenerate = this.http.get("/session/regenerate");
		assertThat(sessionCookies(regenerate)).hasSize(1);
		assertThat(this.http.get("/session/get?key=user").body()).isEqualTo("{\"user\":\"alice\"}");
	}

	@Test
	void garbageCookieGivesAFreshSession() {
		HttpTestClient stranger = HttpTestClient.withoutCookies(this.port);
		for (String garbage : List.of("x", "....", "%%%", "a".repeat(5000), "eyJ1c2VyIjoiYWxpY2UifQ.abc.def")) {
			HttpResponse<String> response = stranger.get("/session/get?key=user", "Cookie", cookieName() + "=" + garbage);
			assertThat(response.statusCode()).as(garbage).isEqualTo(200);
			assertThat(response.body()).isEqualTo("{\"user\":null}");
		}
	}

	@Test
	void sessionCookieIsFoundInTheCookieHeadersAsWerkzeugFindsIt() {
		HttpTestClient stranger = HttpTestClient.withoutCookies(this.port);
		String header = sessionCookies(stranger.get("/session/put?key=user&value=alice")).get(0);
		String name = cookieName();
		String value = header.substring(name.length() + 1, header.indexOf(';'));
		List<String> found = List.of(name + "=" + value, "a=1; " + name + "=" + value + "; b=2",
				"a=1;" + name + "=" + value, ";; " + name + " = " + value + " ;", name + "=\"" + value + "\"",
				"a=\"x;y\"; " + name + "=" + value, name + "=not-a-session; " + name + "=" + value);
		for (String cookies : found) {
			assertThat(stranger.get("/session/get?key=user", "Cookie", cookies).body()).as(cookies)
				.isEqualTo("{\"user\":\"alice\"}");
			assertThat(stranger.get("/session/http-session/get?key=user", "Cookie", cookies).body())
				.as("getSession(false) with %s", cookies)
				.isEqualTo("alice");
		}
		assertThat(stranger.get("/session/get?key=user", "Cookie", "a=1", "Cookie", name + "=" + value).body())
			.as("in the second of two Cookie headers")
			.isEqualTo("{\"user\":\"alice\"}");
		assertThat(stranger.get("/session/http-session/get?key=user", "Cookie", "a=1", "Cookie", name + "=" + value)
			.body()).as("getSession(false), in the second of two Cookie headers").isEqualTo("alice");
		List<String> notFound = List.of("x" + name + "=" + value, name + "x=" + value, "a=" + name + "=" + value,
				"a=\"x; " + name + "=" + value + "\"", name, "=" + value, "");
		for (String cookies : notFound) {
			HttpResponse<String> response = stranger.get("/session/get?key=user", "Cookie", cookies);
			assertThat(response.statusCode()).as(cookies).isEqualTo(200);
			assertThat(response.body()).as(cookies).isEqualTo("{\"user\":null}");
		}
	}

	@Test
	void httpSessionIsAViewOfTheSameSession() {
		assertThat(this.http.get("/session/http-session/get?key=user").body()).isEqualTo("no session");
		this.http.get("/session/http-session/put?key=user&value=bob");
		assertThat(this.http.get("/session/get?key=user").body()).isEqualTo("{\"user\":\"bob\"}");
		this.http.get("/session/put?key=role&value=admin");
		assertThat(this.http.get("/session/http-session/get?key=role").body()).isEqualTo("admin");
	}

	@Test
	void hooksCanUseTheSessionAndAfterHookChangesAreSaved() {
		this.http.get("/session/untouched?hookPut=before&afterPut=after");
		assertThat(this.http.get("/session/get?key=fromBeforeHook").body()).isEqualTo("{\"fromBeforeHook\":\"before\"}");
		assertThat(this.http.get("/session/get?key=fromAfterHook").body()).isEqualTo("{\"fromAfterHook\":\"after\"}");
	}

	@Test
	void sessionIsSavedOnRedirects() {
		HttpResponse<String> response = this.http.get("/session/redirect?value=r1");
		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(sessionCookies(response)).hasSize(1);
		assertThat(this.http.get("/session/get?key=redirected").body()).isEqualTo("{\"redirected\":\"r1\"}");
	}

	@Test
	void sessionIsSavedWhenAViewRendersTheResponse() {
		HttpResponse<String> response = this.http.get("/session/view?value=v1");
		assertThat(response.body()).isEqualTo("<p>v1</p>");
		assertThat(sessionCookies(response)).hasSize(1);
		assertThat(this.http.get("/session/get?key=viewed").body()).isEqualTo("{\"viewed\":\"v1\"}");
	}

	@Test
	void sessionIsSavedOnHeaderOnlyResponses() {
		HttpResponse<String> response = this.http.get("/session/entity?value=e1");
		assertThat(response.statusCode()).isEqualTo(303);
		assertThat(this.http.get("/session/get?key=entity").body()).isEqualTo("{\"entity\":\"e1\"}");
	}

	@Test
	void sessionIsSavedOnErrors() {
		HttpResponse<String> response = this.http.get("/session/error?value=x1", "Accept", "application/json");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(this.http.get("/session/get?key=errored").body()).isEqualTo("{\"errored\":\"x1\"}");
	}

	@Test
	void sessionIsSavedOnStreamingResponses() {
		HttpResponse<String> response = this.http
			.send(this.http.request("/session/stream?value=s1").POST(HttpRequest.BodyPublishers.noBody()).build());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).hasSize(16 * 8192);
		assertThat(this.http.get("/session/get?key=streamed").body()).isEqualTo("{\"streamed\":\"s1\"}");
	}

	@Test
	void flashAttributesSurviveTheRedirectOnce() {
		HttpResponse<String> redirect = this.http.get("/session/flash?message=saved");
		assertThat(redirect.statusCode()).isEqualTo(302);
		assertThat(this.http.get("/session/flashed").body()).isEqualTo("saved");
		assertThat(this.http.get("/session/flashed").body()).isEqualTo("none");
	}

	@Test
	void flashAttributesAreLookedForOnlyWhileACookieSaysOneWaits() {
		String flashCookie = cookieName() + "_flash=";
		HttpResponse<String> redirect = this.http.get("/session/flash?message=saved");
		assertThat(redirect.headers().allValues("Set-Cookie")).filteredOn((header) -> header.startsWith(flashCookie))
			.singleElement()
			.satisfies((header) -> assertThat(header).startsWith(flashCookie + "1;").contains("Max-Age=18", "HttpOnly"));
		HttpResponse<String> flashed = this.http.get("/session/flashed");
		assertThat(flashed.body()).isEqualTo("saved");
		assertThat(flashed.headers().allValues("Set-Cookie")).filteredOn((header) -> header.startsWith(flashCookie))
			.singleElement()
			.satisfies((header) -> assertThat(header).startsWith(flashCookie + ";").contains("Max-Age=0"));
		HttpResponse<String> untouched = this.http.get("/session/untouched");
		assertThat(untouched.headers().allValues("Set-Cookie")).isEmpty();
		assertThat(variesOnCookie(untouched)).isFalse();
	}

	@Test
	void aFlashCookieWithNoFlashWaitingIsDeleted() {
		HttpTestClient stranger = HttpTestClient.withoutCookies(this.port);
		String session = sessionCookies(stranger.get("/session/put?key=user&value=alice")).get(0).split(";", 2)[0];
		HttpResponse<String> response = stranger.get("/session/untouched", "Cookie",
				session + "; " + cookieName() + "_flash=1");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().allValues("Set-Cookie")).singleElement()
			.satisfies((header) -> assertThat(header).startsWith(cookieName() + "_flash=;").contains("Max-Age=0"));
	}

	@Test
	void requestThatNeverReadsTheSessionLeavesItsCookieUnread() {
		this.http.get("/session/put?key=user&value=alice");
		HttpResponse<String> response = this.http.get("/session/untouched");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
		assertThat(variesOnCookie(response)).isFalse();
	}

	@Test
	void requestThatNeverReadsAPermanentSessionNeitherRefreshesItNorVariesOnIt() {
		this.http.get("/session/put?key=user&value=alice");
		this.http.get("/session/permanent");
		HttpResponse<String> untouched = this.http.get("/session/untouched");
		assertThat(untouched.statusCode()).isEqualTo(200);
		assertThat(untouched.headers().allValues("Set-Cookie")).isEmpty();
		assertThat(variesOnCookie(untouched)).isFalse();
		assertThat(variesOnCookie(this.http.get("/session/get?key=user"))).isTrue();
	}

	@Test
	void permanentSessionCookieOutlivesTheBrowserSession() {
		HttpResponse<String> response = this.http.get("/session/permanent");
		assertThat(sessionCookies(response)).singleElement()
			.satisfies((cookie) -> assertThat(cookie).containsIgnoringCase("Max-Age=").containsIgnoringCase("Expires="));
		assertThat(this.http.get("/session/get?key=user").body()).isEqualTo("{\"user\":\"perm\"}");
	}

	@Test
	void nonPermanentSessionCookieEndsWithTheBrowserSession() {
		HttpResponse<String> response = this.http.get("/session/put?key=user&value=alice");
		assertThat(sessionCookies(response)).singleElement()
			.satisfies((cookie) -> assertThat(cookie).doesNotContainIgnoringCase("Max-Age=")
				.doesNotContainIgnoringCase("Expires="));
	}

}
