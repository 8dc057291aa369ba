package com.example.secured;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.web.authentication.session.SessionFixationProtectionEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Security's form login over real HTTP, with one of its session-fixation strategies
 * (chosen by each subclass).
 */
abstract class FormLoginTests {

	@LocalServerPort
	private int port;

	@Autowired
	private SessionFixationEvents sessionFixationEvents;

	private Browser browser;

	@BeforeEach
	void newBrowser() {
		this.browser = new Browser(this.port);
		this.sessionFixationEvents.clear();
	}

	/**
	 * Return whether the strategy keeps what the visitor put in the session before login.
	 */
	abstract boolean keepsTheVisitorsSession();

	@Test
	void loginLeadsBackToTheSavedRequestAndKeepsTheUserLoggedIn() {
		HttpResponse<String> anonymous = this.browser.get("/secured/me");
		assertThat(anonymous.statusCode()).isEqualTo(302);
		assertThat(anonymous.headers().firstValue("Location")).hasValueSatisfying((location) -> assertThat(location).endsWith("/login"));

		HttpResponse<String> login = this.browser.logIn("alice", "wonderland");
		assertThat(login.statusCode()).isEqualTo(302);
		String savedRequest = login.headers().firstValue("Location").orElseThrow();
		assertThat(savedRequest).contains("/secured/me");

		HttpResponse<String> me = this.browser.get(savedRequest);
		assertThat(me.statusCode()).isEqualTo(200);
		assertThat(me.body()).isEqualTo("hello alice");
		assertThat(this.browser.get("/secured/me").body()).isEqualTo("hello alice");
	}

	@Test
	void loginPublishesASessionFixationProtectionEventWithANewId() {
		this.browser.get("/secured/me");
		this.browser.logIn("alice", "wonderland");

		List<SessionFixationProtectionEvent> events = this.sessionFixationEvents.events();
		assertThat(events).hasSize(1);
		SessionFixationProtectionEvent event = events.get(0);
		assertThat(event.getOldSessionId()).isNotBlank();
		assertThat(event.getNewSessionId()).isNotBlank().isNotEqualTo(event.getOldSessionId());
	}

	@Test
	void theCookieFromBeforeLoginIsNotLoggedIn() {
		this.browser.get("/secured/me");
		this.browser.get("/login");
		Map<String, String> beforeLogin = this.browser.cookies();
		assertThat(beforeLogin).containsKey("session");

		assertThat(this.browser.logIn("alice", "wonderland").statusCode()).isEqualTo(302);
		assertThat(this.browser.get("/secured/me").statusCode()).isEqualTo(200);

		Browser attacker = new Browser(this.port);
		attacker.useCookies(beforeLogin);
		HttpResponse<String> withOldCookie = attacker.get("/secured/me");
		assertThat(withOldCookie.statusCode()).as("the pre-login cookie after login").isEqualTo(302);
		assertThat(withOldCookie.headers().firstValue("Location")).hasValueSatisfying((location) -> assertThat(location).endsWith("/login"));
		assertThat(this.browser.cookies().get("session")).isNotEqualTo(beforeLogin.get("session"));
	}

	@Test
	void loginWithoutTheCsrfTokenIsRefused() {
		this.browser.get("/login");
		HttpResponse<String> login = this.browser.post("/login", "username", "alice", "password", "wonderland");
		assertThat(login.statusCode()).isEqualTo(403);
		assertThat(this.browser.get("/secured/me").statusCode()).isEqualTo(302);
		assertThat(this.sessionFixationEvents.events()).isEmpty();
	}

	@Test
	void postsAfterLoginNeedTheCsrfToken() {
		this.browser.logIn("alice", "wonderland");
		assertThat(this.browser.post("/secured/orders").statusCode()).isEqualTo(403);

		String token = this.browser.get("/csrf").body();
		HttpResponse<String> order = this.browser.post("/secured/orders", "_csrf", token);
		assertThat(order.statusCode()).isEqualTo(200);
		assertThat(order.body()).startsWith("alice ordered");
	}

	@Test
	void theVisitorsSessionIsKeptOrDroppedAsTheStrategySays() {
		String token = this.browser.get("/csrf").body();
		assertThat(this.browser.post("/cart", "item", "apple", "_csrf", token).body()).isEqualTo("added apple");

		assertThat(this.browser.logIn("alice", "wonderland").statusCode()).isEqualTo(302);
		assertThat(this.browser.get("/secured/me").body()).isEqualTo("hello alice");
		assertThat(this.browser.get("/cart").body()).isEqualTo(keepsTheVisitorsSession() ? "apple" : "null");
	}

}
