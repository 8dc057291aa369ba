package dev.flagon.session.security;

import java.net.http.HttpResponse;
import java.security.Principal;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.flagon.testsupport.HttpTestClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.SessionManagementConfigurer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.session.SessionFixationProtectionEvent;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Security's session-fixation protection on a Flagon store, with each of its three
 * strategies ({@code changeSessionId()}, the default; {@code migrateSession()};
 * {@code newSession()}), each on its own filter chain under {@code /change}, {@code /migrate}
 * and {@code /new}: an anonymous visit leaves a session (the saved request and the CSRF
 * token), and logging in must give that session a new id, publish
 * {@link SessionFixationProtectionEvent} with both ids, keep the user logged in, and leave
 * the cookie from before the login unauthenticated. Run on every store by the subclasses.
 *
 * @author Flagon team
 */
abstract class SessionFixationProtectionTests {

	private static final String ACCEPT = "Accept";

	private static final String HTML = "text/html";

	@LocalServerPort
	private int port;

	@Autowired
	private FixationEvents events;

	private HttpTestClient browser;

	private String cookieName = "session";

	@BeforeEach
	void newBrowser() {
		this.browser = HttpTestClient.withCookies(this.port);
		this.events.clear();
	}

	@ParameterizedTest
	@ValueSource(strings = { "change", "migrate", "new" })
	void loginGivesTheSessionANewIdAndLeavesThePreLoginCookieUnauthenticated(String strategy) {
		String prefix = "/" + strategy;
		HttpResponse<String> anonymous = this.browser.get(prefix + "/me", ACCEPT, HTML);
		assertThat(anonymous.statusCode()).isEqualTo(302);
		assertThat(anonymous.headers().firstValue("Location")).hasValueSatisfying((l) -> assertThat(l).endsWith(prefix + "/login"));
		HttpResponse<String> loginPage = this.browser.get(prefix + "/login", ACCEPT, HTML);
		String preLoginCookie = sessionCookie(anonymous).or(() -> sessionCookie(loginPage)).orElseThrow();

		HttpResponse<String> login = this.browser.post(prefix + "/login",
				HttpTestClient.form("username", "alice", "password", "wonderland", "_csrf", loginPage.body()), ACCEPT, HTML);
		assertThat(login.statusCode()).isEqualTo(302);
		// The saved request survived the fixation protection
		assertThat(login.headers().firstValue("Location")).hasValueSatisfying((l) -> assertThat(l).contains(prefix + "/me"));
		String postLoginCookie = sessionCookie(login).orElseThrow();
		assertThat(postLoginCookie).isNotEqualTo(preLoginCookie);

		assertThat(this.events.all()).singleElement().satisfies((event) -> {
			assertThat(event.getOldSessionId()).isNotBlank();
			assertThat(event.getNewSessionId()).isNotBlank().isNotEqualTo(event.getOldSessionId());
		});

		HttpResponse<String> me = this.browser.get(prefix + "/me", ACCEPT, HTML);
		assertThat(me.statusCode()).isEqualTo(200);
		assertThat(me.body()).isEqualTo("alice");

		HttpTestClient attacker = HttpTestClient.withoutCookies(this.port);
		HttpResponse<String> withOldCookie = attacker.get(prefix + "/me", ACCEPT, HTML, "Cookie",
				this.cookieName + "=" + preLoginCookie);
		assertThat(withOldCookie.statusCode()).as("the pre-login cookie is not logged in").isEqualTo(302);
		HttpResponse<String> withNewCookie = attacker.get(prefix + "/me", ACCEPT, HTML, "Cookie",
				this.cookieName + "=" + postLoginCookie);
		assertThat(withNewCookie.statusCode()).isEqualTo(200);
	}

	private Optional<String> sessionCookie(HttpResponse<String> response) {
		String prefix = this.cookieName + "=";
		return response.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter((cookie) -> cookie.startsWith(prefix) && !cookie.startsWith(prefix + ";"))
			.reduce((first, second) -> second)
			.map((cookie) -> cookie.substring(prefix.length(), cookie.indexOf(';')));
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import({ LoginController.class, FixationEvents.class })
	static class FixationApplication {

		@Bean
		@Order(1)
		SecurityFilterChain changeSessionId(HttpSecurity http) throws Exception {
			return chain(http, "change", SessionManagementConfigurer.SessionFixationConfigurer::changeSessionId);
		}

		@Bean
		@Order(2)
		SecurityFilterChain migrateSession(HttpSecurity http) throws Exception {
			return chain(http, "migrate", SessionManagementConfigurer.SessionFixationConfigurer::migrateSession);
		}

		@Bean
		@Order(3)
		SecurityFilterChain newSession(HttpSecurity http) throws Exception {
			return chain(http, "new", SessionManagementConfigurer.SessionFixationConfigurer::newSession);
		}

		private static SecurityFilterChain chain(HttpSecurity http, String name,
				Customizer<SessionManagementConfigurer<HttpSecurity>.SessionFixationConfigurer> strategy)
				throws Exception {
			String prefix = "/" + name;
			return http.securityMatcher(prefix + "/**")
				.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
				.formLogin((login) -> login.loginPage(prefix + "/login").permitAll())
				.sessionManagement((session) -> session.sessionFixation(strategy))
				.build();
		}

	}

	@RestController
	static class LoginController {

		// The login "page" is its CSRF token, which the form posts back
		@GetMapping("/{strategy}/login")
		String login(@PathVariable String strategy, CsrfToken token) {
			return token.getToken();
		}

		@GetMapping("/{strategy}/me")
		String me(@PathVariable String strategy, Principal principal) {
			return principal.getName();
		}

	}

	static class FixationEvents {

		private final List<SessionFixationProtectionEvent> events = new CopyOnWriteArrayList<>();

		@EventListener
		void onFixation(SessionFixationProtectionEvent event) {
			this.events.add(event);
		}

		List<SessionFixationProtectionEvent> all() {
			return List.copyOf(this.events);
		}

		void clear() {
			this.events.clear();
		}

	}

}
