package dev.flagon.session.cookie;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import dev.flagon.session.SessionValues;

/**
 * The value layer alone, on the 200-byte session of {@link CookieCodecBenchmark} (a
 * signed-in user with an {@code Instant}): writing it as tagged JSON, reading it back,
 * checking each value as {@code put} does, and the copy that the verified-cookie table
 * hands out, in both dialects.
 *
 * @author Flagon team
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class SessionValuesBenchmark {

	@Param({ "NATIVE", "FLASK" })
	public SessionValues.Dialect dialect;

	private SessionValues values;

	private Map<String, @Nullable Object> session;

	private byte[] json;

	private Map<String, @Nullable Object> read;

	@Setup
	public void setUp() {
		this.values = new SessionValues(List.of()).withDialect(this.dialect);
		this.session = SampleSessions.ofSize(200, this.values);
		this.json = this.values.serialize(this.session);
		this.read = this.values.deserialize(this.json);
	}

	@Benchmark
	public byte[] serialize() {
		return this.values.serialize(this.session);
	}

	@Benchmark
	public Map<String, @Nullable Object> deserialize() {
		return this.values.deserialize(this.json);
	}

	@Benchmark
	public void check(Blackhole blackhole) {
		this.session.forEach(this.values::check);
		blackhole.consume(this.session);
	}

	@Benchmark
	public @Nullable Map<String, @Nullable Object> copyOf() {
		return this.values.copyOf(this.read);
	}

}
