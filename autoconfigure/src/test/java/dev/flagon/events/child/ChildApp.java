package dev.flagon.events.child;

import dev.flagon.events.EventRecorder;
import dev.flagon.events.EventsTestApplication.RecordingHooks;
import dev.flagon.testsupport.Journal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The mounted application "child" of the event tests: its own hooks and its own listener.
 *
 * @author Flagon team
 */
@Configuration(proxyBeanMethods = false)
public class ChildApp {

	@Bean
	EventRecorder childListener(Journal journal) {
		return new EventRecorder("child-listener", journal);
	}

	@Bean
	RecordingHooks childHooks(Journal journal) {
		return new RecordingHooks("child", journal);
	}

	@RestController
	static class ChildController {

		private final Journal journal;

		ChildController(Journal journal) {
			this.journal = journal;
		}

		@GetMapping("/hello")
		String hello() {
			this.journal.add(EventRecorder.id(), "child:handler");
			return "hello from child";
		}

	}

}
