package dev.flagon.events.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.flagon.context.FlagonApp;
import dev.flagon.events.RequestStartedEvent;
import dev.flagon.events.RequestTearingDownEvent;
import dev.flagon.internal.AppRuntime;
import dev.flagon.session.internal.DisabledSessionStore;

import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.support.GenericApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link FlagonEvents}: an event is published only when some listener of the
 * application's context or its parents may receive it, and a listener added later is seen.
 *
 * @author Flagon team
 */
class FlagonEventsTests {

	private final List<GenericApplicationContext> contexts = new ArrayList<>();

	@AfterEach
	void close() {
		this.contexts.forEach(GenericApplicationContext::close);
	}

	@Test
	void nothingIsPublishedWhenOnlyListenersOfOtherEventsExist() {
		CountingContext context = context(null);
		context.registerBean("refreshed", RefreshedListener.class);
		context.refresh();
		FlagonEvents events = events(context);
		events.appContextPushed();
		events.requestStarted();
		events.requestTearingDown(null);
		events.appContextPopped();
		assertThat(context.published).isEmpty();
		assertThat(events.listensToRequestTearingDown()).isFalse();
	}

	@Test
	void listenerAddedAfterTheContextStartedReceivesLaterEvents() {
		CountingContext context = context(null);
		context.refresh();
		FlagonEvents events = events(context);
		events.requestStarted();
		assertThat(context.published).isEmpty();
		StartedListener listener = new StartedListener();
		context.addApplicationListener(listener);
		events.requestStarted();
		events.appContextPopped();
		assertThat(listener.received).hasSize(1);
		assertThat(context.published).singleElement().isInstanceOf(RequestStartedEvent.class);
	}

	@Test
	void listenerOfEveryEventCountsForEachType() {
		CountingContext context = context(null);
		Recorder recorder = new Recorder();
		context.addApplicationListener(recorder);
		context.refresh();
		FlagonEvents events = events(context);
		events.requestStarted();
		events.requestTearingDown(new IllegalStateException("boom"));
		assertThat(recorder.received).filteredOn((event) -> event.getSource() instanceof FlagonApp)
			.extracting((event) -> event.getClass().getSimpleName())
			.containsExactly("RequestStartedEvent", "RequestTearingDownEvent");
		assertThat(((RequestTearingDownEvent) recorder.received.get(recorder.received.size() - 1)).getException())
			.hasMessage("boom");
	}

	@Test
	void listenerBeanNotCreatedYetCountsByItsDeclaredEventType() {
		CountingContext context = context(null);
		context.registerBean("started", StartedListener.class, (definition) -> definition.setLazyInit(true));
		context.refresh();
		FlagonEvents events = events(context);
		events.requestStarted();
		events.appContextPopped();
		assertThat(context.published).singleElement().isInstanceOf(RequestStartedEvent.class);
		assertThat(context.getBean(StartedListener.class).received).hasSize(1);
	}

	@Test
	void eventsOfAChildContextReachTheParentsListenersAddedLater() {
		CountingContext parent = context(null);
		parent.refresh();
		CountingContext child = context(parent);
		child.refresh();
		FlagonEvents events = events(child);
		events.requestStarted();
		assertThat(child.published).isEmpty();
		Recorder recorder = new Recorder();
		parent.addApplicationListener(recorder);
		events.requestStarted();
		assertThat(recorder.received).filteredOn(RequestStartedEvent.class::isInstance)
			.singleElement()
			.satisfies((event) -> assertThat(((RequestStartedEvent) event).getApp().getName()).isEqualTo("app"));
	}

	@Test
	void everyEventIsPublishedWhileTheContextIsStopped() {
		CountingContext context = context(null);
		context.refresh();
		FlagonEvents events = events(context);
		context.stop();
		events.requestStarted();
		assertThat(context.published).hasSize(1);
	}

	private CountingContext context(GenericApplicationContext parent) {
		CountingContext context = new CountingContext();
		context.setParent(parent);
		this.contexts.add(0, context);
		return context;
	}

	private static FlagonEvents events(GenericApplicationContext context) {
		FlagonApp app = new AppRuntime("app", "", context, new DisabledSessionStore(), Duration.ofDays(1)).getApp();
		return new FlagonEvents(app);
	}

	/**
	 * A context that remembers what was published to it.
	 */
	static class CountingContext extends GenericApplicationContext {

		final List<Object> published = new ArrayList<>();

		@Override
		public void publishEvent(Object event) {
			if (event.getClass().getPackageName().equals("dev.flagon.events")) {
				this.published.add(event);
			}
			super.publishEvent(event);
		}

		@Override
		public void publishEvent(ApplicationEvent event) {
			publishEvent((Object) event);
		}

	}

	static class Recorder implements ApplicationListener<ApplicationEvent> {

		final List<ApplicationEvent> received = new ArrayList<>();

		@Override
		public void onApplicationEvent(ApplicationEvent event) {
			this.received.add(event);
		}

	}

	static class RefreshedListener implements ApplicationListener<ContextRefreshedEvent> {

		@Override
		public void onApplicationEvent(ContextRefreshedEvent event) {
		}

	}

	static class StartedListener implements ApplicationListener<RequestStartedEvent> {

		final List<RequestStartedEvent> received = new ArrayList<>();

		@Override
		public void onApplicationEvent(RequestStartedEvent event) {
			this.received.add(event);
		}

	}

}
