package dev.flagon.events;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.flagon.dispatch.LifecycleTestApplication;
import dev.flagon.testsupport.HttpTestClient;
import dev.flagon.testsupport.Journal;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ApplicationEventMulticaster;
import org.springframework.context.support.AbstractApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In a whole Boot application (web, actuator, Flagon) with no listener of Flagon's events,
 * no event is published at all, for normal, failing and unknown requests; once a listener
 * of one type is added, that type, and only that, is published. What is published is
 * watched from the multicaster itself, which Flagon does not consult.
 *
 * @author Flagon team
 */
@SpringBootTest(classes = LifecycleTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.application.name=lifecycle", "flagon.session.store=none" })
class UnheardEventsIntegrationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private ConfigurableApplicationContext context;

	@Autowired
	private Journal journal;

	private final Watcher watcher = new Watcher();

	private final StartedListener listener = new StartedListener();

	private HttpTestClient http;

	@BeforeEach
	void watch() {
		this.http = HttpTestClient.withoutCookies(this.port);
		multicaster().addApplicationListener(this.watcher);
	}

	@AfterEach
	void unwatch() {
		multicaster().removeApplicationListener(this.watcher);
		this.context.removeApplicationListener(this.listener);
	}

	private ApplicationEventMulticaster multicaster() {
		return this.context.getBean(AbstractApplicationContext.APPLICATION_EVENT_MULTICASTER_BEAN_NAME,
				ApplicationEventMulticaster.class);
	}

	@Test
	void noEventIsPublishedWhenNobodyListens() {
		request("/hello");
		request("/boom");
		request("/nowhere");
		assertThat(this.watcher.flagonEvents()).isEmpty();
	}

	@Test
	void listenerAddedWhileServingMakesItsTypeAndOnlyItPublished() {
		request("/hello");
		assertThat(this.watcher.flagonEvents()).isEmpty();
		this.context.addApplicationListener(this.listener);
		request("/hello");
		assertThat(this.watcher.flagonEvents()).singleElement().isInstanceOf(RequestStartedEvent.class);
		assertThat(this.listener.received).hasSize(1);
	}

	private void request(String path) {
		String id = UUID.randomUUID().toString();
		this.http.get(path + "?id=" + id, "Accept", "application/json");
		// The teardown hooks run after the response: wait for the last of them
		this.journal.awaitEntry(id, "appTeardown");
	}

	static class Watcher implements ApplicationListener<ApplicationEvent> {

		private final List<ApplicationEvent> events = new CopyOnWriteArrayList<>();

		@Override
		public void onApplicationEvent(ApplicationEvent event) {
			this.events.add(event);
		}

		List<ApplicationEvent> flagonEvents() {
			return this.events.stream()
				.filter((event) -> event.getClass().getPackageName().equals("dev.flagon.events"))
				.toList();
		}

	}

	static class StartedListener implements ApplicationListener<RequestStartedEvent> {

		private final List<RequestStartedEvent> received = new CopyOnWriteArrayList<>();

		@Override
		public void onApplicationEvent(RequestStartedEvent event) {
			this.received.add(event);
		}

	}

}
