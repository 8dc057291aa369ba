package dev.flagon.benchmarks;

import java.util.concurrent.TimeUnit;

import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
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

import dev.flagon.context.G;
import dev.flagon.hooks.AfterRequest;
import dev.flagon.hooks.BeforeRequest;
import dev.flagon.hooks.TeardownRequest;
import dev.flagon.internal.Lifecycle;
import dev.flagon.internal.RequestHooks;

import org.springframework.context.support.GenericApplicationContext;

/**
 * Hook dispatch alone: the before-request, after-request and teardown-request hooks of an
 * application, found by {@link RequestHooks#discover} in a small Spring context, run for one
 * request as the request filter and interceptor run them. Each of {@code beans} beans declares
 * one hook of each kind, so {@code beans=2} is 2 before + 2 after + 2 teardown hooks. The
 * hooks do next to nothing, so that what is measured, time and allocation ({@code -prof gc}),
 * is the dispatch: allocation should grow with {@code beans} by no more than invoking a hook
 * needs.
 *
 * @author Flagon team
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class HookDispatchBenchmark {

	@Param({ "0", "1", "2", "4", "8" })
	public int beans;

	private GenericApplicationContext applicationContext;

	private RequestHooks hooks;

	private Lifecycle context;

	@Setup
	public void setUp() {
		this.applicationContext = new GenericApplicationContext();
		for (int i = 0; i < this.beans; i++) {
			this.applicationContext.registerBean("hooks" + i, Hooks.class);
		}
		this.applicationContext.refresh();
		this.hooks = RequestHooks.discover(this.applicationContext.getBeanFactory());
		this.context = (Lifecycle) BenchFlagonApp.create().testRequestContext("/hello");
	}

	@TearDown
	public void tearDown() {
		this.context.close();
		this.applicationContext.close();
	}

	@Benchmark
	public @Nullable Object beforeAfterAndTeardown() {
		Object result = this.hooks.beforeRequest(this.context, null);
		this.hooks.afterRequest(this.context, null);
		this.hooks.teardownRequest(this.context, null, null);
		return result;
	}

	/**
	 * One hook of each kind; the fields keep the JIT from dropping the calls.
	 */
	static class Hooks {

		@Nullable Object seen;

		@BeforeRequest
		void before(G g) {
			this.seen = g;
		}

		@AfterRequest
		void after(HttpServletResponse response) {
			this.seen = response;
		}

		@TeardownRequest
		void teardown(@Nullable Throwable error) {
			this.seen = error;
		}

	}

}
