package dev.flagon.benchmarks;

import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import dev.flagon.Flagon;
import dev.flagon.context.AppContext;
import dev.flagon.context.FlagonApp;
import dev.flagon.context.G;

/**
 * Setting and reading a value of {@code g}: on the {@code g} of a context, and through the
 * {@link Flagon#g()} facade with that context bound.
 *
 * @author Flagon team
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class GBenchmark {

	private static final Object USER = "alice";

	private final FlagonApp app = BenchFlagonApp.create();

	private AppContext context;

	private G g;

	@Setup(Level.Trial)
	public void bind() {
		this.context = this.app.appContext();
		this.g = this.context.getG();
	}

	@TearDown(Level.Trial)
	public void unbind() {
		this.context.close();
	}

	@Benchmark
	public @Nullable Object setAndGet() {
		this.g.set("user", USER);
		return this.g.get("user");
	}

	@Benchmark
	public @Nullable Object setAndGetThroughFacade() {
		Flagon.g().set("user", USER);
		return Flagon.g().get("user");
	}

}
