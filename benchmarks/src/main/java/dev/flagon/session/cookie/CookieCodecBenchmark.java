package dev.flagon.session.cookie;

import java.time.Duration;
import java.time.Instant;
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

import dev.flagon.session.SessionValues;

import org.springframework.util.Assert;

/**
 * Encoding a session into its cookie and decoding it again, in both formats, for a session
 * of about 200 bytes and one of about 2 KB of JSON. The goal is at most 10 µs for an encode
 * and decode of the 200-byte session in each format. {@code cacheSize=0} measures the whole
 * check of every cookie; with the default cache a decoded cookie was written or verified
 * just before, as a browser's next request sends back what the last response set.
 *
 * @author Flagon team
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class CookieCodecBenchmark {

	private static final String SECRET_KEY = "benchmark-secret-key-of-at-least-32-bytes-0123456789";

	private static final Duration MAX_AGE = Duration.ofDays(31);

	@Param({ "encrypted", "flask" })
	public String format;

	@Param({ "200", "2000" })
	public int size;

	@Param({ "0", "1024" })
	public int cacheSize;

	private SessionCookieCodec codec;

	private Map<String, @Nullable Object> session;

	private Instant now;

	private String cookie;

	@Setup
	public void setUp() {
		SessionValues values = new SessionValues(List.of());
		this.codec = switch (this.format) {
			case "encrypted" -> {
				EncryptedSessionCookieCodec encrypted = new EncryptedSessionCookieCodec(SECRET_KEY, List.of(), values);
				encrypted.setCacheSize(this.cacheSize);
				yield encrypted;
			}
			case "flask" -> {
				FlaskSessionCookieCodec flask = new FlaskSessionCookieCodec(SECRET_KEY, List.of(), values);
				flask.setCacheSize(this.cacheSize);
				yield flask;
			}
			default -> throw new IllegalArgumentException("Unknown format " + this.format);
		};
		this.session = SampleSessions.ofSize(this.size, values);
		int json = values.serialize(this.session).length;
		Assert.state(Math.abs(json - this.size) <= Math.max(20, this.size / 10),
				() -> "Session of " + json + " bytes instead of about " + this.size);
		this.now = Instant.now();
		this.cookie = this.codec.encode(this.session, this.now);
		Assert.state(this.codec.decode(this.cookie, MAX_AGE, this.now) != null, "Cookie does not decode");
	}

	@Benchmark
	public SessionCookieCodec.@Nullable Decoded encodeAndDecode() {
		return this.codec.decode(this.codec.encode(this.session, this.now), MAX_AGE, this.now);
	}

	@Benchmark
	public String encode() {
		return this.codec.encode(this.session, this.now);
	}

	@Benchmark
	public SessionCookieCodec.@Nullable Decoded decode() {
		return this.codec.decode(this.cookie, MAX_AGE, this.now);
	}

}
