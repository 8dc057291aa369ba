package dev.flagon.dispatch;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.Executor;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.flagon.Flagon;
import dev.flagon.context.G;
import dev.flagon.hooks.AfterRequest;
import dev.flagon.hooks.BeforeRequest;
import dev.flagon.hooks.TeardownAppContext;
import dev.flagon.hooks.TeardownRequest;
import dev.flagon.session.FlagonSession;
import dev.flagon.testsupport.Journal;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import static java.nio.charset.StandardCharsets.UTF_8;

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

		private final Executor taskExecutor;

		BodiesController(Journal journal,
				@Qualifier(TaskExecutionAutoConfiguration.APPLICATION_TASK_EXECUTOR_BEAN_NAME) Executor taskExecutor) {
			this.journal = journal;
			this.taskExecutor = taskExecutor;
		}

		@PostMapping("/login")
		String login(@RequestParam String user, FlagonSession session) {
			session.put("user", user);
			return "logged in";
		}

		@GetMapping("/stream")
		StreamingResponseBody stream(HttpServletRequest request) {
			String id = id(request);
			Thread requestThread = Thread.currentThread();
			return (out) -> {
				out.write((seen() + " ownThread=" + (Thread.currentThread() != requestThread)).getBytes(UTF_8));
				out.flush();
				String change;
				try {
					Flagon.session().put("late", "lost?");
					change = "accepted";
				}
				catch (IllegalStateException ex) {
					change = "refused";
				}
				out.write((" change=" + change).getBytes(UTF_8));
				this.journal.add(id, "streamed");
			};
		}

		@GetMapping("/sse")
		SseEmitter sse(HttpServletRequest request) {
			String id = id(request);
			SseEmitter emitter = new SseEmitter(10_000L);
			this.taskExecutor.execute(() -> {
				try {
					emitter.send("boot executor " + seen());
					Thread copied = new Thread(Flagon.copyCurrentContext(() -> {
						try {
							emitter.send("copied " + seen());
							this.journal.add(id, "streamed");
							emitter.complete();
						}
						catch (IOException | RuntimeException ex) {
							emitter.completeWithError(ex);
						}
					}));
					copied.start();
				}
				catch (IOException | RuntimeException ex) {
					emitter.completeWithError(ex);
				}
			});
			return emitter;
		}

		private static String seen() {
			return "g=" + Flagon.g().get("id") + " user=" + Flagon.session().get("user") + " app="
					+ Flagon.currentApp().getName();
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
