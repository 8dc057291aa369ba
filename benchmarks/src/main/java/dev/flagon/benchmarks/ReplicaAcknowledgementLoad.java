package dev.flagon.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.lettuce.core.KillArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

import dev.flagon.Flagon;
import dev.flagon.benchmarks.app.BenchApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What acknowledged writes ({@code flagon.session.redis.replica-acknowledgement.enabled})
 * cost and what they save, outside CI: the bench app ({@code redis} profile) in this JVM, on
 * a {@code redis-server} master and replica of its own on loopback, over real HTTP.
 * <ul>
 * <li>{@code latency}: a modifying request's time, one client at a time and eight at once,
 * without and with the opt-in, in alternating rounds;</li>
 * <li>{@code loss}: eight sessions written 25 times a second each, the master killed
 * ({@code kill -9}) and the replica promoted ({@code REPLICAOF NO ONE}) at once, either
 * straight away or after the replica was cut off for two seconds; counts the writes that
 * were confirmed (200) but are not on the new master.</li>
 * </ul>
 * Run from the bench app's jar:
 * {@code java -Dloader.main=dev.flagon.benchmarks.ReplicaAcknowledgementLoad -cp benchmarks/target/bench-app.jar org.springframework.boot.loader.launch.PropertiesLauncher [latency|loss]}.
 *
 * @author Flagon team
 */
public final class ReplicaAcknowledgementLoad {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static final int WRITERS = 8;

	private static final Duration INTERVAL = Duration.ofMillis(40);

	private ReplicaAcknowledgementLoad() {
	}

	public static void main(String[] args) throws Exception {
		List<String> modes = (args.length > 0) ? Arrays.asList(args) : List.of("latency", "loss");
		if (modes.contains("latency")) {
			latency();
		}
		if (modes.contains("loss")) {
			for (int round = 1; round <= 3; round++) {
				for (boolean partition : new boolean[] { false, true }) {
					for (boolean optIn : new boolean[] { false, true }) {
						loss(optIn, partition);
					}
				}
			}
		}
		System.exit(0);
	}

	private static void latency() throws Exception {
		try (Pair redis = Pair.start()) {
			for (int round = 1; round <= 3; round++) {
				for (boolean optIn : new boolean[] { false, true }) {
					try (ConfigurableApplicationContext app = app(redis, optIn)) {
						int port = port(app);
						String cookie = cookie(port);
						timed(port, cookie, 2000);
						long[] one = timed(port, cookie, 5000);
						ExecutorService executor = Executors.newFixedThreadPool(WRITERS);
						List<Future<long[]>> many = new ArrayList<>();
						for (int i = 0; i < WRITERS; i++) {
							String own = cookie(port);
							many.add(executor.submit(() -> timed(port, own, 2000)));
						}
						List<Long> all = new ArrayList<>();
						long start = System.nanoTime();
						for (Future<long[]> future : many) {
							for (long nanos : future.get()) {
								all.add(nanos);
							}
						}
						double seconds = (System.nanoTime() - start) / 1e9;
						executor.shutdown();
						long[] eight = all.stream().mapToLong(Long::longValue).sorted().toArray();
						System.out.printf("latency round %d opt-in %-5s | 1 client: median %6.0f µs, p99 %6.0f µs"
								+ " | 8 clients: median %6.0f µs, p99 %6.0f µs, %5.0f requests/s%n", round, optIn,
								percentile(one, 50), percentile(one, 99), percentile(eight, 50),
								percentile(eight, 99), eight.length / seconds);
					}
				}
			}
		}
	}

	private static long[] timed(int port, String cookie, int requests) {
		long[] nanos = new long[requests];
		for (int i = 0; i < requests; i++) {
			long start = System.nanoTime();
			int status = send(port, "/session/write", cookie).statusCode();
			nanos[i] = System.nanoTime() - start;
			if (status != 200) {
				throw new IllegalStateException("Status " + status);
			}
		}
		Arrays.sort(nanos);
		return nanos;
	}

	private static double percentile(long[] sorted, int percent) {
		return sorted[Math.min(sorted.length - 1, sorted.length * percent / 100)] / 1000.0;
	}

	private static void loss(boolean optIn, boolean partition) throws Exception {
		try (Pair redis = Pair.start(); ConfigurableApplicationContext app = app(redis, optIn)) {
			int port = port(app);
			String[] cookies = new String[WRITERS];
			long[] confirmed = new long[WRITERS];
			AtomicLong ok = new AtomicLong();
			AtomicLong refused = new AtomicLong();
			AtomicBoolean stop = new AtomicBoolean();
			for (int i = 0; i < WRITERS; i++) {
				cookies[i] = cookie(port);
			}
			ExecutorService executor = Executors.newFixedThreadPool(WRITERS);
			List<Future<?>> writers = new ArrayList<>();
			for (int i = 0; i < WRITERS; i++) {
				int writer = i;
				writers.add(executor.submit(() -> {
					long next = System.nanoTime();
					for (long value = 1; !stop.get(); value++) {
						int status = send(port, "/ack?value=" + value, cookies[writer]).statusCode();
						if (status == 200) {
							confirmed[writer] = value;
							ok.incrementAndGet();
						}
						else {
							refused.incrementAndGet();
						}
						next += INTERVAL.toNanos();
						long wait = next - System.nanoTime();
						if (wait > 0) {
							TimeUnit.NANOSECONDS.sleep(wait);
						}
					}
					return null;
				}));
			}
			Thread.sleep(3000);
			long refusedBefore = refused.get();
			if (partition) {
				redis.partitionReplica();
				Thread.sleep(2000);
			}
			long confirmedBeforeCrash = ok.get();
			redis.master.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			redis.promoteReplica();
			Thread.sleep(500);
			stop.set(true);
			for (Future<?> writer : writers) {
				writer.get(30, TimeUnit.SECONDS);
			}
			executor.shutdown();
			long lost = 0;
			long lostWrites = 0;
			for (int i = 0; i < WRITERS; i++) {
				String stored = redis.replica().hget("flagon:session:sessions:" + cookies[i], "sessionAttr:n");
				long kept = (stored != null) ? Long.parseLong(stored) : 0;
				if (kept < confirmed[i]) {
					lost++;
					lostWrites += confirmed[i] - kept;
				}
			}
			System.out.printf("loss %-26s opt-in %-5s | confirmed %5d, refused %4d (%d before the trouble) | "
					+ "sessions that lost a confirmed write: %d of %d, confirmed writes lost: %d (%.1f%%)%n",
					partition ? "replica cut off 2 s, crash" : "crash", optIn, confirmedBeforeCrash, refused.get(),
					refusedBefore, lost, WRITERS, lostWrites, 100.0 * lostWrites / Math.max(1, confirmedBeforeCrash));
		}
	}

	private static ConfigurableApplicationContext app(Pair redis, boolean optIn) {
		return new SpringApplicationBuilder(BenchApplication.class, AckController.class).profiles("redis")
			.properties("server.port=0", "spring.main.banner-mode=off", "logging.level.root=warn",
					"spring.data.redis.port=" + redis.masterPort,
					"flagon.session.redis.replica-acknowledgement.enabled=" + optIn)
			.run();
	}

	private static int port(ConfigurableApplicationContext app) {
		return Integer.parseInt(app.getEnvironment().getRequiredProperty("local.server.port"));
	}

	private static String cookie(int port) {
		HttpResponse<String> response = send(port, "/session/init", null);
		String header = response.headers().firstValue("Set-Cookie").orElseThrow();
		return header.substring(header.indexOf('=') + 1, header.indexOf(';'));
	}

	private static HttpResponse<String> send(int port, String path, String cookie) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(30));
		if (cookie != null) {
			request.header("Cookie", "session=" + cookie);
		}
		try {
			return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Writes the value it is given into the session, so that the client knows which value
	 * a confirmation confirmed.
	 */
	@RestController
	static class AckController {

		@GetMapping("/ack")
		String ack(@RequestParam long value) {
			Flagon.session().put("n", value);
			return "ok";
		}

	}

	/**
	 * A {@code redis-server} master and its replica on free ports of the loopback interface.
	 */
	private static final class Pair implements AutoCloseable {

		private final Path directory;

		private final int masterPort;

		private final Process master;

		private final Process replica;

		private final RedisClient client;

		private StatefulRedisConnection<String, String> replicaConnection;

		private Pair(Path directory, int masterPort, Process master, Process replica, int replicaPort) {
			this.directory = directory;
			this.masterPort = masterPort;
			this.master = master;
			this.replica = replica;
			this.client = RedisClient.create("redis://127.0.0.1:" + replicaPort);
		}

		static Pair start() throws Exception {
			Path directory = Files.createTempDirectory("flagon-ack-bench-");
			int masterPort = freePort();
			int replicaPort = freePort();
			Process master = redis(directory, masterPort);
			Process replica = redis(directory, replicaPort, "--replicaof", "127.0.0.1", Integer.toString(masterPort));
			Pair pair = new Pair(directory, masterPort, master, replica, replicaPort);
			long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
			while (true) {
				try {
					if (pair.replica().info("replication").contains("master_link_status:up")) {
						return pair;
					}
				}
				catch (RuntimeException ex) {
					pair.replicaConnection = null;
				}
				if (System.nanoTime() > deadline) {
					pair.close();
					throw new IllegalStateException("The replica did not sync");
				}
				Thread.sleep(50);
			}
		}

		private static Process redis(Path directory, int port, String... more) throws IOException {
			List<String> command = new ArrayList<>(List.of("redis-server", "--port", Integer.toString(port), "--bind",
					"127.0.0.1", "--save", "", "--appendonly", "no", "--dir", directory.toString()));
			command.addAll(List.of(more));
			return new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(directory.resolve(port + ".log").toFile())
				.start();
		}

		RedisCommands<String, String> replica() {
			if (this.replicaConnection == null) {
				this.replicaConnection = this.client.connect();
			}
			return this.replicaConnection.sync();
		}

		void partitionReplica() throws Exception {
			signal("STOP", this.replica);
			try (RedisClient masterClient = RedisClient.create("redis://127.0.0.1:" + this.masterPort);
					StatefulRedisConnection<String, String> connection = masterClient.connect()) {
				connection.sync().clientKill(KillArgs.Builder.typeSlave());
			}
		}

		void promoteReplica() throws Exception {
			signal("CONT", this.replica);
			replica().replicaofNoOne();
		}

		private static void signal(String signal, Process process) throws Exception {
			new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO()
				.start()
				.waitFor(10, TimeUnit.SECONDS);
		}

		private static int freePort() throws IOException {
			try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
				return socket.getLocalPort();
			}
		}

		@Override
		public void close() {
			this.client.shutdown();
			this.replica.destroyForcibly();
			this.master.destroyForcibly();
			try (var files = Files.walk(this.directory)) {
				files.sorted((a, b) -> b.compareTo(a)).forEach((file) -> file.toFile().delete());
			}
			catch (IOException ex) {
				// A temporary directory left behind
			}
		}

	}

}
