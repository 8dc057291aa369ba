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
import dev.flagon.context.FlagonApp;
import dev.flagon.context.RequestContext;
import dev.flagon.internal.ContextHolder;


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

	private final FlagonApp app = BenchFlagonApp.create();

	private Object snapshot;

	@Setup
	public void setUp() {
		try (AppContext context = this.app.appContext()) {
			this.snapshot = ContextHolder.snapshot();
		}
	}

	/**
	 * The binding the request filter makes around each dispatch: one thread-local set and
	 * restored.
	 */
	@Benchmark
	public void bindAndRestore() {
		Object previous = ContextHolder.snapshot();
		ContextHolder.restore(this.snapshot);
		ContextHolder.restore(previous);
	}

	/**
	 * A new application context (with its {@code g}) created, pushed, torn down and popped,
	 * as {@code app.appContext()} in a job.
	 */
	@Benchmark
	public AppContext newAppContextPushAndClose() {
		AppContext context = this.app.appContext();
		context.close();
		return context;
	}

	/**
	 * A test request context: a mock request built, the context pushed, torn down and popped.
	 */
	@Benchmark
	public RequestContext newTestRequestContextPushAndClose() {
		RequestContext context = this.app.testRequestContext("/hello");
		context.close();
		return context;
	}

}
