package dev.flagon.demo.app01;

import java.net.URI;

import org.jspecify.annotations.Nullable;

import dev.flagon.context.FlagonApp;
import dev.flagon.demo.Page;
import dev.flagon.session.FlagonSession;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Logging in and out of app01: the user name goes into the session, as in Flask's
 * quick-start. There is no password: this is a demo of sessions, not of authentication.
 *
 * @author Flagon team
 * @since 0.1.0
 */
@RestController
public class LoginController {

	private static final int MAX_USER_LENGTH = 64;

	@GetMapping(path = "/login", produces = MediaType.TEXT_HTML_VALUE)
	String loginForm(FlagonApp app) {
		return form(app, null);
	}

	@PostMapping(path = "/login", produces = MediaType.TEXT_HTML_VALUE)
	ResponseEntity<String> login(@RequestParam(name = "user", required = false) @Nullable String user,
			FlagonSession session, FlagonApp app) {
		String name = (user != null) ? user.strip() : "";
		if (!StringUtils.hasText(name) || name.length() > MAX_USER_LENGTH) {
			return ResponseEntity.badRequest()
				.body(form(app, "Enter a user name of 1 to " + MAX_USER_LENGTH + " characters."));
		}
		// A new session identity on login, so that a session planted before it is worth nothing
		session.regenerate();
		session.put("user", name);
		return redirect("/index");
	}

	@PostMapping("/logout")
	ResponseEntity<String> logout(FlagonSession session) {
		session.clear();
		return redirect("/login");
	}

	private static ResponseEntity<String> redirect(String location) {
		return ResponseEntity.status(HttpStatus.FOUND).location(URI.create(location)).build();
	}

	private static String form(FlagonApp app, @Nullable String error) {
		String message = (error != null) ? "<p class=\"error\" id=\"error\">" + Page.escape(error) + "</p>" : "";
		String body = """
				<h1>Log in to app01</h1>
				%s
				<form method="post" action="/login">
				  <label for="user">User name</label>
				  <input type="text" id="user" name="user" autofocus required maxlength="%d">
				  <button type="submit" id="login">Log in</button>
				</form>
				""".formatted(message, MAX_USER_LENGTH);
		return Page.render("Log in", body, app.getName());
	}

}
