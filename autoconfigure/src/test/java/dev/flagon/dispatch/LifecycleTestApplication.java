package dev.flagon.dispatch;

import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import dev.flagon.Flagon;
import dev.flagon.context.FlagonApp;
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
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * An application with hooks at every stage, recording what runs into a {@link Journal}
 * keyed by the {@code id} request parameter.
 *
 * @author Flagon team
 */
@SpringBootConfiguration
@EnableAutoConfiguration(excludeName = { "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration" })
@EnableAsync
@Import({ LifecycleTestApplication.AppHooks.class, LifecycleTestApplication.LateHooks.class,
		LifecycleTestApplication.MainController.class, LifecycleTestApplication.ScopedController.class,
		LifecycleTestApplication.AsyncService.class, LifecycleTestApplication.GReader.class })
public class LifecycleTestApplication {

	@Bean
	Journal journal() {
		return new Journal();
	}

	static String id(HttpServletRequest request) {
		String id = request.getParameter("id");
		return (id != null) ? id : "none";
	}

	@Order(1)
	static class AppHooks {

		private final Journal journal;

		AppHooks(Journal journal) {
			this.journal = journal;
		}

		@BeforeRequest
		void first(HttpServletRequest request, G g) {
			this.journal.add(id(request), "before1");
			g.set("id", id(request));
			g.set("marker", "g-of-" + id(request));
		}

		@BeforeRequest
		@Nullable Object second(HttpServletRequest request) {
			this.journal.add(id(request), "before2");
			String stop = request.getParameter("stop");
			if (stop == null) {
				return null;
			}
			return switch (stop) {
				case "text" -> "stopped by a hook";
				case "entity" -> ResponseEntity.status(418).header("X-Stopped", "yes").body("teapot");
				default -> Map.of("stopped", true, "by", "hook");
			};
		}

		@AfterRequest
		void after1(HttpServletRequest request, HttpServletResponse response, G g) {
			this.journal.add(id(request), "after1");
			response.addHeader("X-After", "1");
			response.setHeader("X-G-Marker", String.valueOf(g.get("marker")));
		}

		@AfterRequest
		void after2(HttpServletRequest request, HttpServletResponse response) {
			this.journal.add(id(request), "after2");
			response.addHeader("X-After", "2");
		}

		@TeardownRequest
		void teardown1(HttpServletRequest request, @Nullable Throwable error) {
			this.journal.add(id(request), "teardown1:" + ((error != null) ? error.getMessage() : "null"));
		}

		@TeardownRequest
		void teardown2(HttpServletRequest request) {
			this.journal.add(id(request), "teardown2");
			if (request.getParameter("teardownFails") != null) {
				throw new IllegalStateException("teardown2 failed");
			}
		}

		@TeardownAppContext
		void appTeardown(G g, FlagonApp app) {
			this.journal.add(String.valueOf(g.get("id")), "appTeardown:" + g.get("marker") + ":" + app.getName()
					+ ":hasRequestContext=" + Flagon.hasRequestContext());
		}

	}

	@Order(2)
	static class LateHooks {

		private final Journal journal;

		LateHooks(Journal journal) {
			this.journal = journal;
		}

		@BeforeRequest
		void third(HttpServletRequest request) {
			this.journal.add(id(request), "before3");
		}

		@AfterRequest
		void after3(HttpServletRequest request) {
			this.journal.add(id(request), "after3");
		}

		@TeardownRequest
		void teardown3(HttpServletRequest request) {
			this.journal.add(id(request), "teardown3");
		}

	}

	@RestController
	static class MainController {

		private final Journal journal;

		private final AsyncService asyncService;

		private final GReader gReader;

		private final ExecutorService executor = Executors.newFixedThreadPool(4);

		MainController(Journal journal, AsyncService asyncService, GReader gReader) {
			this.journal = journal;
			this.asyncService = asyncService;
			this.gReader = gReader;
		}

		@GetMapping("/hello")
		String hello(HttpServletRequest request) {
			this.journal.add(id(request), "handler");
			return "hello";
		}

		@GetMapping("/json")
		Map<String, Object> json(G g) {
			return Map.of("marker", String.valueOf(g.get("marker")));
		}

		@GetMapping("/echo")
		String echo(@RequestParam String v, G g) throws InterruptedException {
			g.set("v", v);
			if (ThreadLocalRandom.current().nextInt(4) == 0) {
				Thread.sleep(1);
			}
			return g.get("v") + "|" + Flagon.g().get("v") + "|" + this.gReader.read("v");
		}

		@GetMapping("/boom")
		String boom(HttpServletRequest request) {
			this.journal.add(id(request), "handler");
			throw new IllegalStateException("boom");
		}

		@GetMapping("/callable")
		Callable<String> callable() {
			return () -> "callable:" + Flagon.g().get("marker");
		}

		@GetMapping("/deferred")
		DeferredResult<String> deferred() {
			DeferredResult<String> result = new DeferredResult<>();
			this.executor.submit(Flagon.copyCurrentContext(() -> {
				result.setResult("deferred:" + Flagon.g().get("marker"));
			}));
			return result;
		}

		@GetMapping("/async")
		CompletableFuture<String> async() {
			return this.asyncService.readMarker();
		}

		@GetMapping("/app")
		String app(FlagonApp app) {
			return app.getName() + "|" + Flagon.currentApp().getName();
		}

		@GetMapping("/request")
		String request() {
			return Flagon.request().getRequestURI();
		}

	}

	@RestController
	@RequestMapping("/scoped")
	static class ScopedController {

		private final Journal journal;

		ScopedController(Journal journal) {
			this.journal = journal;
		}

		@BeforeRequest
		@Nullable Object scopedBefore(HttpServletRequest request) {
			this.journal.add(id(request), "scopedBefore");
			return (request.getParameter("deny") != null) ? ResponseEntity.status(403).body("denied") : null;
		}

		@AfterRequest
		void scopedAfter(HttpServletRequest request, HttpServletResponse response) {
			this.journal.add(id(request), "scopedAfter");
			response.addHeader("X-Scoped", "yes");
		}

		@TeardownRequest
		void scopedTeardown(HttpServletRequest request) {
			this.journal.add(id(request), "scopedTeardown");
		}

		@GetMapping
		String scoped(HttpServletRequest request) {
			this.journal.add(id(request), "handler");
			return "scoped";
		}

	}

	public static class AsyncService {

		@Async
		public CompletableFuture<String> readMarker() {
			return CompletableFuture.completedFuture("async:" + Flagon.g().get("marker") + ":"
					+ Thread.currentThread().getName().startsWith("task-"));
		}

	}

	/**
	 * A singleton that reads {@code g} through the injected proxy.
	 */
	static class GReader {

		private final G g;

		GReader(G g) {
			this.g = g;
		}

		@Nullable Object read(String name) {
			return this.g.get(name);
		}

	}

}
