package dev.flagon.session.cookie;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

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

import dev.flagon.session.SessionValues;

/**
 * The cookie codecs' zlib stream pool against the plain JDK
 * call it replaces, a new {@link Deflater} or {@link Inflater} per call, and the cost of
 * {@link MessageDigest#isEqual} on a cookie. In Flagon's package, as the pool is package-private.
 *
 * @author Flagon team
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CodecMachineryBenchmark {

	private final CookieCodecSupport.Zlib pool = new CookieCodecSupport.Zlib(false);

	private byte[] json;

	private byte[] deflated;

	private String cookie;

	private byte[] cookieBytes;

	@Setup
	public void setUp() {
		this.json = ("{\"user_id\":4711,\"user\":\"alice@example.com\",\"roles\":[\"user\",\"editor\"],"
				+ "\"locale\":\"en-GB\",\"csrf_token\":\"3f9c1e0b7a6d4c2e8f1a5b9d0c7e6f4a2b8d1c3e\","
				+ "\"signed_in_at\":{\" d\":\"Wed, 15 Jan 2025 09:30:00 GMT\"}}")
			.getBytes(StandardCharsets.UTF_8);
		this.deflated = this.pool.deflate(this.json);
		// an encrypted cookie of the benchmarks' 200-byte session is about 300 characters
		this.cookie = new EncryptedSessionCookieCodec("benchmark-secret-key-of-at-least-32-bytes-0123456789",
				List.of(), new SessionValues(List.of()))
			.encode(java.util.Map.of("user", "alice@example.com", "csrf_token", "3f9c1e0b7a6d4c2e8f1a5b9d0c7e6f4a2b8d1c3e",
					"roles", List.of("user", "editor"), "locale", "en-GB", "user_id", 4711), java.time.Instant.now());
		this.cookieBytes = this.cookie.getBytes(StandardCharsets.UTF_8);
	}

	@Benchmark
	public byte[] deflatePooled() {
		return this.pool.deflate(this.json);
	}

	@Benchmark
	public byte[] deflateNewStream() {
		Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, false);
		try {
			deflater.setInput(this.json);
			deflater.finish();
			byte[] buffer = new byte[this.json.length + 64];
			int length = 0;
			while (!deflater.finished()) {
				length += deflater.deflate(buffer, length, buffer.length - length);
			}
			return Arrays.copyOf(buffer, length);
		}
		finally {
			deflater.end();
		}
	}

	@Benchmark
	public byte[] inflatePooled() {
		return this.pool.inflate(this.deflated, 0, this.deflated.length);
	}

	@Benchmark
	public byte[] inflateNewStream() throws DataFormatException {
		Inflater inflater = new Inflater(false);
		try {
			inflater.setInput(this.deflated);
			byte[] buffer = new byte[1024];
			int size = 0;
			while (!inflater.finished()) {
				size += inflater.inflate(buffer, size, buffer.length - size);
			}
			return Arrays.copyOf(buffer, size);
		}
		finally {
			inflater.end();
		}
	}

	@Benchmark
	public boolean compareByMessageDigest() {
		return MessageDigest.isEqual(this.cookieBytes, this.cookie.getBytes(StandardCharsets.UTF_8));
	}

}
