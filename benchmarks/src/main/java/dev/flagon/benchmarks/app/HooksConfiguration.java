package dev.flagon.benchmarks.app;

import jakarta.servlet.http.HttpServletResponse;

import dev.flagon.context.G;
import dev.flagon.hooks.AfterRequest;
import dev.flagon.hooks.BeforeRequest;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Variant (c): a {@code @BeforeRequest} hook setting {@code g} and an {@code @AfterRequest}
 * hook setting a header, around the same endpoint. The session is never touched, so the
 * cookie store configured for the app costs nothing.
 *
 * @author Flagon team
 */
@Configuration(proxyBeanMethods = false)
@Profile("hooks")
class HooksConfiguration {

	@Component
	@Profile("hooks")
	static class Hooks {

		@BeforeRequest
		void user(G g) {
			g.set("user", BenchApplication.USER);
		}

		@AfterRequest
		void header(HttpServletResponse response) {
			response.setHeader(BenchApplication.HEADER, "1");
		}

	}

	@RestController
	@Profile("hooks")
	static class HelloController {

		private final G g;

		HelloController(G g) {
			this.g = g;
		}

		@GetMapping("/hello")
		String hello() {
			return "hello " + this.g.get("user");
		}

	}

}
