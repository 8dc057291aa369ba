package dev.flagon.benchmarks;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import dev.flagon.context.FlagonApp;
import dev.flagon.events.AppContextPoppedEvent;
import dev.flagon.events.AppContextPushedEvent;
import dev.flagon.events.AppContextTearingDownEvent;
import dev.flagon.events.RequestFinishedEvent;
import dev.flagon.events.RequestStartedEvent;
import dev.flagon.events.RequestTearingDownEvent;
import dev.flagon.events.internal.FlagonEvents;
import dev.flagon.internal.AppRuntime;
import dev.flagon.session.internal.DisabledSessionStore;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The six events of a request that ends normally, sent through {@link FlagonEvents} as the
 * lifecycle sends them ({@code guarded}), and published to the context unconditionally as
 * plain Spring code would ({@code unguarded}), in a context with no listener of Flagon's
 * events ({@code listeners=none}: an unrelated {@code @EventListener} only) and with one
 * listener of {@link RequestStartedEvent} ({@code one}).
 *
 * @author Flagon team
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class EventsBenchmark {

	@Param({ "none", "one" })
	public String listeners;

	private final MockHttpServletResponse response = new MockHttpServletResponse();

	private AnnotationConfigApplicationContext applicationContext;

	private FlagonApp app;

	private FlagonEvents events;

	@Setup
	public void setUp() {
		this.applicationContext = new AnnotationConfigApplicationContext();
		this.applicationContext.register(UnrelatedListener.class);
		if ("one".equals(this.listeners)) {
			this.applicationContext.register(StartedListener.class);
		}
		this.applicationContext.refresh();
		AppRuntime runtime = new AppRuntime("bench", "", this.applicationContext, new DisabledSessionStore(),
				Duration.ofDays(31));
		this.app = runtime.getApp();
		this.events = new FlagonEvents(this.app);
	}

	@TearDown
	public void tearDown() {
		this.applicationContext.close();
	}

	@Benchmark
	public void guarded() {
		this.events.appContextPushed();
		this.events.requestStarted();
		this.events.requestFinished(this.response);
		this.events.requestTearingDown(null);
		this.events.appContextTearingDown(null);
		this.events.appContextPopped();
	}

	@Benchmark
	public void unguarded() {
		this.applicationContext.publishEvent(new AppContextPushedEvent(this.app));
		this.applicationContext.publishEvent(new RequestStartedEvent(this.app));
		this.applicationContext.publishEvent(new RequestFinishedEvent(this.app, this.response));
		this.applicationContext.publishEvent(new RequestTearingDownEvent(this.app, null));
		this.applicationContext.publishEvent(new AppContextTearingDownEvent(this.app, null));
		this.applicationContext.publishEvent(new AppContextPoppedEvent(this.app));
	}

	static class UnrelatedListener {

		@EventListener
		void refreshed(ContextRefreshedEvent event) {
		}

	}

	static class StartedListener {

		int count;

		@EventListener
		void started(RequestStartedEvent event) {
			this.count++;
		}

	}

}
