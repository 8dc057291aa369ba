package dev.flagon.dispatch;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.flagon.Flagon;
import dev.flagon.context.G;
import dev.flagon.hooks.AfterRequest;
import dev.flagon.hooks.BeforeRequest;
import dev.flagon.hooks.TeardownAppContext;
import dev.flagon.hooks.TeardownRequest;
import dev.flagon.testsupport.Journal;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An application for Flask's request features beyond the hooks: when teardown runs relative
 * to the response, {@code afterThisRequest}, streamed bodies. Hooks record into a
 * {@link Journal} keyed by the {@code id} request parameter.
 *
 * @author Flagon team
 */
@SpringBootConfiguration
@EnableAutoConfiguration(excludeName = { "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration" })
@Import({ RequestFeaturesTestApplication.Hooks.class, RequestFeaturesTestApplication.BodiesController.class })
public class RequestFeaturesTestApplication {

	@Bean
	Journal journal() {
		return new Journal();
	}

	static String id(HttpServletRequest request) {
		String id = request.getParameter("id");
		return (id != null) ? id : "none";
	}

	static class Hooks {

		private final Journal journal;

		Hooks(Journal journal) {
			this.journal = journal;
		}

		@BeforeRequest
		void rememberId(HttpServletRequest request, G g) {
			g.set("id", id(request));
		}

		@AfterRequest
		void afterRequest(HttpServletRequest request, HttpServletResponse response) {
			this.journal.add(id(request), "afterRequest");
			response.setHeader("X-After-Request-Saw", String.valueOf(response.getHeader("X-Once")));
		}

		@TeardownRequest
		void teardownRequest(HttpServletRequest request) {
			this.journal.add(id(request), "teardownRequest");
		}

		// Takes a moment, as closing a connection or a transaction does: a response sent
		// before teardown reaches the client before this is recorded
		@TeardownAppContext
		void teardownAppContext(G g) throws InterruptedException {
			Thread.sleep(1);
			this.journal.add(String.valueOf(g.get("id")), "teardownAppContext");
		}

	}

	@RestController
	static class BodiesController {

		private final Journal journal;

		BodiesController(Journal journal) {
			this.journal = journal;
		}

		@GetMapping("/after-this-request")
		String afterThisRequest(HttpServletRequest request) {
			String id = id(request);
			Flagon.afterThisRequest((response) -> {
				this.journal.add(id, "afterThisRequest1");
				response.setHeader("X-Once", "1");
			});
			Flagon.afterThisRequest((response) -> this.journal.add(id, "afterThisRequest2"));
			return "registered";
		}

		@GetMapping("/text")
		String text() {
			return "text";
		}

		@GetMapping("/json")
		Map<String, Object> json(G g) {
			return Map.of("id", String.valueOf(g.get("id")));
		}

	}

}
