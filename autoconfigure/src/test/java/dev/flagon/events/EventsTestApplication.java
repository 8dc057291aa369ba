package dev.flagon.events;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import dev.flagon.context.G;
import dev.flagon.dispatch.FlagonMounts;
import dev.flagon.events.child.ChildApp;
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
 * A root application ("events") with a hook of each kind, a listener for every event and a
 * mounted application ("child", at {@code /child}) with its own hooks and listener.
 *
 * @author Flagon team
 */
@SpringBootConfiguration
@EnableAutoConfiguration(excludeName = { "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration" })
@Import(EventsTestApplication.RootController.class)
public class EventsTestApplication {

	@Bean
	Journal journal() {
		return new Journal();
	}

	@Bean
	EventRecorder rootListener(Journal journal) {
		return new EventRecorder("root-listener", journal);
	}

	@Bean
	RecordingHooks rootHooks(Journal journal) {
		return new RecordingHooks("root", journal);
	}

	@Bean
	FlagonMounts childMount() {
		return FlagonMounts.builder().mount("child", "/child", ChildApp.class).build();
	}

	@RestController
	static class RootController {

		private final Journal journal;

		RootController(Journal journal) {
			this.journal = journal;
		}

		@GetMapping("/hello")
		String hello() {
			this.journal.add(EventRecorder.id(), "root:handler");
			return "hello";
		}

		@GetMapping("/boom")
		String boom() {
			this.journal.add(EventRecorder.id(), "root:handler");
			throw new IllegalStateException("boom");
		}

	}

	/**
	 * One hook of each kind, recording into the journal.
	 */
	public static class RecordingHooks {

		private final String name;

		private final Journal journal;

		public RecordingHooks(String name, Journal journal) {
			this.name = name;
			this.journal = journal;
		}

		@BeforeRequest
		void before(HttpServletRequest request, G g) {
			this.journal.add(EventRecorder.id(), this.name + ":before");
			if (request.getParameter("poppedFails") != null) {
				g.set("poppedFails", true);
			}
		}

		@AfterRequest
		void after(HttpServletResponse response) {
			this.journal.add(EventRecorder.id(), this.name + ":after:" + response.getStatus());
		}

		@TeardownRequest
		void teardown(@Nullable Throwable error) {
			this.journal.add(EventRecorder.id(), this.name + ":teardown:" + EventRecorder.message(error));
		}

		@TeardownAppContext
		void appTeardown(@Nullable Throwable error) {
			this.journal.add(EventRecorder.id(), this.name + ":appTeardown:" + EventRecorder.message(error));
		}

	}

}
