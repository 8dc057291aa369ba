package dev.flagon.benchmarks.app;

import jakarta.servlet.http.HttpSession;

import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Variant (f): the same endpoints as {@link FlagonSessionController} on Spring Session's
 * {@code HttpSession}, as an application without Flagon writes them.
 *
 * @author Flagon team
 */
@RestController
@Profile("spring-session")
class SpringSessionController {

	@GetMapping("/session/init")
	String init(HttpSession session) {
		SessionData.signedIn().forEach(session::setAttribute);
		return "hello " + session.getAttribute("user");
	}

	@GetMapping("/session/read")
	String read(HttpSession session) {
		return "hello " + session.getAttribute("user");
	}

	@GetMapping("/session/write")
	String write(HttpSession session) {
		Integer counter = (Integer) session.getAttribute("counter");
		session.setAttribute("counter", ((counter != null) ? counter : 0) + 1);
		return "hello " + session.getAttribute("user");
	}

}
