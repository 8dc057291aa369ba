package dev.flagon.benchmarks.app;

import dev.flagon.session.FlagonSession;

import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Variants (d) and (e): Flagon's session, in a cookie or in Redis. {@code /session/init}
 * signs in; {@code /session/read} only reads; {@code /session/write} reads and changes a
 * value; {@code /session/none}, asked with the session cookie, never touches the session.
 *
 * @author Flagon team
 */
@RestController
@Profile({ "cookie", "cookie-flask", "redis" })
class FlagonSessionController {

	@GetMapping("/session/init")
	String init(FlagonSession session) {
		SessionData.signedIn().forEach(session::put);
		return "hello " + session.get("user");
	}

	@GetMapping("/session/read")
	String read(FlagonSession session) {
		return "hello " + session.get("user");
	}

	@GetMapping("/session/none")
	String none() {
		return "hello " + BenchApplication.USER;
	}

	@GetMapping("/session/write")
	String write(FlagonSession session) {
		session.put("counter", session.get("counter", Integer.class, 0) + 1);
		return "hello " + session.get("user");
	}

}
