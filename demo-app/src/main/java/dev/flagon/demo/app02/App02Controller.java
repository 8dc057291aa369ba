package dev.flagon.demo.app02;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.flagon.context.FlagonApp;
import dev.flagon.session.FlagonSession;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * app02's handlers, at paths relative to its prefix. Its session is its own: logging in to
 * app01 does not log you in here.
 *
 * @author Flagon team
 * @since 0.1.0
 */
@RestController
public class App02Controller {

	@GetMapping(path = "/", produces = MediaType.TEXT_PLAIN_VALUE)
	String home(FlagonApp app) {
		return app.getName() + " index";
	}

	@GetMapping("/whoami")
	Map<String, @Nullable Object> whoami(FlagonApp app, FlagonSession session) {
		Map<String, @Nullable Object> whoami = new LinkedHashMap<>();
		whoami.put("app", app.getName());
		whoami.put("user", session.get("user"));
		return whoami;
	}

	@GetMapping(path = "/counter", produces = MediaType.TEXT_PLAIN_VALUE)
	String counter(FlagonSession session) {
		Number counter = session.get("counter", Number.class);
		long next = ((counter != null) ? counter.longValue() : 0) + 1;
		session.put("counter", next);
		return Long.toString(next);
	}

}
