package dev.flagon.session.redis.mounted;

import dev.flagon.session.FlagonSession;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A mounted application that logs users in and out of its own session, for tests of
 * several application instances with mounts.
 *
 * @author Flagon team
 */
@Configuration(proxyBeanMethods = false)
public class MountedSessionApp {

	@RestController
	static class MountedSessionController {

		@GetMapping("/login")
		String login(@RequestParam String user, FlagonSession session) {
			session.regenerate();
			session.put("user", user);
			return "ok";
		}

		@GetMapping("/user")
		String user(FlagonSession session) {
			return String.valueOf(session.get("user"));
		}

		@GetMapping("/logout")
		String logout(FlagonSession session) {
			session.invalidate();
			return "ok";
		}

	}

}
