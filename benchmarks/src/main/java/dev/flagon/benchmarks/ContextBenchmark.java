package dev.flagon.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.flagon.context.AppContext;
import dev.flagon.context.ContextHolder;
import dev.flagon.context.ContextTeardown;
import dev.flagon.context.FlagonApp;
import dev.flagon.context.RequestContext;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * Pushing and popping contexts, the work Flagon adds to every request before any hook runs.
 * The goal is at most 100 ns for a push and pop.
 *
 * @author Flagon team
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class ContextBenchmark {

	private final FlagonApp app = new BenchFlagonApp();

	private final MockHttpServletRequest request = new MockHttpServletRequest("GET", "/hello");

	private final MockHttpServletResponse response = new MockHttpServletResponse();

	private AppContext appContext;

	private RequestContext requestContext;

	@Setup
	public void setUp() {
		this.appContext = new AppContext(this.app, ContextTeardown.NONE);
		this.requestContext = new RequestContext(this.app, this.request, this.response, ContextTeardown.NONE);
	}

	/**
	 * The binding the request filter makes around each dispatch.
	 */
	@Benchmark
	public void bindAndClose() {
		ContextHolder.bind(this.appContext, this.requestContext).close();
	}

	/**
	 * An application context pushed and popped again, as {@code app.appContext()} in a job.
	 */
	@Benchmark
	public void appContextPushAndClose() {
		this.appContext.push().close();
	}

	/**
	 * A new application context (with its {@code g}) created, pushed and popped.
	 */
	@Benchmark
	public AppContext newAppContextPushAndClose() {
		AppContext context = new AppContext(this.app, ContextTeardown.NONE);
		context.push().close();
		return context;
	}

	/**
	 * What one request costs in contexts: a request context and its application context
	 * created, pushed, ended (binding each while its teardown runs) and popped.
	 */
	@Benchmark
	public RequestContext newRequestContextPushAndClose() {
		RequestContext context = new RequestContext(this.app, this.request, this.response, ContextTeardown.NONE);
		context.push().close();
		return context;
	}

}
