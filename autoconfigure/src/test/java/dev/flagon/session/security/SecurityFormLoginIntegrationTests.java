package dev.flagon.session.security;

import java.net.http.HttpResponse;
import java.security.Principal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.flagon.session.FlagonSession;
import dev.flagon.testsupport.HttpTestClient;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Security's form login, CSRF protection, saved request and logout, unchanged, on the
 * encrypted cookie store: everything Spring Security keeps in the {@code HttpSession} lives in
 * Flagon's session.
 *
 * @author Flagon team
 */
@SpringBootTest(classes = SecurityFormLoginIntegrationTests.SecuredApplication.class,
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "flagon.secret-key=security-test-secret-key-of-at-least-32-bytes",
				"spring.security.user.name=alice", "spring.security.user.password=wonderland",
				"spring.security.user.roles=USER" })
class SecurityFormLoginIntegrationTests {

	private static final String ACCEPT = "Accept";

	private static final String HTML = "text/html";

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	@LocalServerPort
	private int port;

	private HttpTestClient browser;

	@BeforeEach
	void newBrowser() {
		this.browser = HttpTestClient.withCookies(this.port);
	}

	private String csrfToken(String page) {
		Matcher matcher = CSRF.matcher(page);
		assertThat(matcher.find()).as("CSRF token in %s", page).isTrue();
		return matcher.group(1);
	}

	@Test
	void formLoginSavedRequestAndLogoutWorkOnTheCookieStore() {
		HttpResponse<String> protectedPage = this.browser.get("/me", ACCEPT, HTML);
		assertThat(protectedPage.statusCode()).isEqualTo(302);
		assertThat(protectedPage.headers().firstValue("Location")).hasValueSatisfying((l) -> assertThat(l).endsWith("/login"));

		HttpResponse<String> loginPage = this.browser.get("/login", ACCEPT, HTML);
		assertThat(loginPage.statusCode()).isEqualTo(200);
		String token = csrfToken(loginPage.body());

		HttpResponse<String> wrongPassword = this.browser.post("/login", HttpTestClient.form("username", "alice", "password", "nope", "_csrf", token), ACCEPT, HTML);
		assertThat(wrongPassword.headers().firstValue("Location")).hasValueSatisfying((l) -> assertThat(l).contains("error"));

		HttpResponse<String> login = this.browser.post("/login", HttpTestClient.form("username", "alice", "password", "wonderland", "_csrf", token), ACCEPT, HTML);
		assertThat(login.statusCode()).isEqualTo(302);
		assertThat(login.headers().firstValue("Location")).hasValueSatisfying((l) -> assertThat(l).contains("/me"));
		assertThat(login.headers().allValues("Set-Cookie")).anySatisfy((c) -> assertThat(c).startsWith("session="));

		HttpResponse<String> me = this.browser.get("/me", ACCEPT, HTML);
		assertThat(me.statusCode()).isEqualTo(200);
		assertThat(me.body()).startsWith("alice [").contains("ROLE_USER").contains("SPRING_SECURITY_CONTEXT");

		String logoutToken = csrfToken(this.browser.get("/logout", ACCEPT, HTML).body());
		HttpResponse<String> logout = this.browser.post("/logout", HttpTestClient.form("_csrf", logoutToken), ACCEPT, HTML);
		assertThat(logout.statusCode()).isEqualTo(302);
		assertThat(this.browser.get("/me", ACCEPT, HTML).statusCode()).isEqualTo(302);
	}

	@Test
	void loginWithoutTheCsrfTokenIsRefused() {
		this.browser.get("/login", ACCEPT, HTML);
		HttpResponse<String> login = this.browser.post("/login", HttpTestClient.form("username", "alice", "password", "wonderland"), ACCEPT, HTML);
		assertThat(login.statusCode()).isIn(302, 403);
		assertThat(this.browser.get("/me", ACCEPT, HTML).statusCode()).isEqualTo(302);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(MeController.class)
	static class SecuredApplication {

	}

	@RestController
	static class MeController {

		@GetMapping("/me")
		String me(Principal principal, FlagonSession session) {
			String authorities = String.valueOf(((org.springframework.security.core.Authentication) principal).getAuthorities());
			return principal.getName() + " " + authorities + " keys=" + session.keys();
		}

	}

}
