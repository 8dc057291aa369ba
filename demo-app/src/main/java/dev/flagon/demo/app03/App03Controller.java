package dev.flagon.demo.app03;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import dev.flagon.context.FlagonApp;
import dev.flagon.hooks.AfterRequest;
import dev.flagon.session.FlagonSession;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * app03's handlers. Its {@code @AfterRequest} hook, declared on the controller, applies to
 * this controller's responses only, as a Flask blueprint's would.
 *
 * @author Flagon team
 * @since 0.1.0
 */
@RestController
public class App03Controller {

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

	@AfterRequest
	void servedBy(HttpServletResponse response, FlagonApp app) {
		response.setHeader("X-Served-By", app.getName());
	}

}
