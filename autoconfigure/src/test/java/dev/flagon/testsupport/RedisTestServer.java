package dev.flagon.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;

import org.springframework.util.StringUtils;

/**
 * A real Redis server for integration tests: a Testcontainers container where Docker runs,
 * otherwise a {@code redis-server} child process on a free port of the loopback interface.
 * Tests may {@link #stop()} it and {@link #start()} it again at the same address, to
 * simulate an outage, and look inside it with {@link #commands()}.
 * <p>
 * Set the system property {@code flagon.test.redis} to {@code docker} or {@code process}
 * to choose; by default Docker is used when it answers.
 *
 * @author Flagon team
 */
public abstract class RedisTestServer implements AutoCloseable {

	/**
	 * The image of containers.
	 */
	public static final String IMAGE = "redis:7-alpine";

	private static @Nullable Boolean useDocker;

	private @Nullable RedisClient client;

	private @Nullable StatefulRedisConnection<String, String> connection;

	/**
	 * Return the host to connect to.
	 * @return the host
	 */
	public abstract String host();

	/**
	 * Return the port to connect to.
	 * @return the port
	 */
	public abstract int port();

	/**
	 * Make the server stop answering, as in an outage.
	 */
	public abstract void stop();

	/**
	 * Make a stopped server answer again at the same address.
	 */
	public abstract void start();

	/**
	 * Return commands on a connection of the test's own, to look inside the server.
	 * @return the commands
	 */
	public synchronized RedisCommands<String, String> commands() {
		if (this.connection == null) {
			RedisURI uri = RedisURI.builder()
				.withHost(host())
				.withPort(port())
				.withTimeout(Duration.ofSeconds(5))
				.build();
			this.client = RedisClient.create(uri);
			this.connection = this.client.connect();
		}
		return this.connection.sync();
	}

	@Override
	public synchronized void close() {
		if (this.connection != null) {
			this.connection.close();
			this.connection = null;
		}
		if (this.client != null) {
			this.client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
			this.client = null;
		}
	}

	/**
	 * Return whether tests should run Redis in Docker.
	 * @return whether Docker is to be used
	 */
	public static synchronized boolean useDocker() {
		Boolean docker = useDocker;
		if (docker == null) {
			String choice = System.getProperty("flagon.test.redis", "");
			docker = choice.equals("docker") || (!choice.equals("process") && isDockerAvailable());
			useDocker = docker;
		}
		return docker;
	}

	private static boolean isDockerAvailable() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	/**
	 * Find {@code redis-server} on the {@code PATH}.
	 * @return the executable, or {@code null}
	 */
	public static @Nullable Path findRedisServer() {
		String path = System.getenv("PATH");
		if (path == null) {
			return null;
		}
		for (String directory : path.split(File.pathSeparator)) {
			if (StringUtils.hasText(directory)) {
				Path candidate = Path.of(directory, "redis-server");
				if (Files.isExecutable(candidate)) {
					return candidate;
				}
			}
		}
		return null;
	}

	/**
	 * Wrap a Redis container that Spring Boot starts and stops.
	 * @param container the container
	 * @return the server
	 */
	public static RedisTestServer of(GenericContainer<?> container) {
		return new ContainerServer(container);
	}

	/**
	 * Start {@code redis-server} on a free port of the loopback interface, with nothing
	 * saved to disk.
	 * @return the running server
	 * @throws IllegalStateException if {@code redis-server} cannot be found or started
	 */
	public static RedisTestServer startProcess() {
		Path executable = findRedisServer();
		if (executable == null) {
			throw new IllegalStateException("Redis tests need Docker or redis-server on the PATH, and have neither: "
					+ "install redis-server (apt-get install redis-server, brew install redis)");
		}
		IllegalStateException failure = null;
		for (int attempt = 0; attempt < 3; attempt++) {
			ProcessServer server = new ProcessServer(executable, freePort());
			try {
				server.start();
				return server;
			}
			catch (IllegalStateException ex) {
				// Someone took the port between our check and the server's start: try another
				failure = ex;
			}
		}
		throw failure;
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException("No free port on the loopback interface", ex);
		}
	}

	/**
	 * Skips Redis tests when neither Docker nor {@code redis-server} is available, except
	 * in CI (the {@code CI} environment variable is set), where they run and fail: a Redis
	 * test that did not run is a failure there.
	 */
	public static final class AvailableCondition implements ExecutionCondition {

		@Override
		public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
			if (findRedisServer() != null || useDocker()) {
				return ConditionEvaluationResult.enabled("Redis is available");
			}
			String ci = System.getenv("CI");
			if (StringUtils.hasText(ci) && !ci.equalsIgnoreCase("false")) {
				return ConditionEvaluationResult.enabled("Redis is unavailable, but CI must run every Redis test");
			}
			return ConditionEvaluationResult.disabled("Neither Docker nor redis-server is available");
		}

	}

	private static final class ContainerServer extends RedisTestServer {

		private final GenericContainer<?> container;

		ContainerServer(GenericContainer<?> container) {
			this.container = container;
		}

		@Override
		public String host() {
			return this.container.getHost();
		}

		@Override
		public int port() {
			return this.container.getMappedPort(6379);
		}

		// A paused container keeps its port but answers nothing, as an unreachable server
		@Override
		public void stop() {
			this.container.getDockerClient().pauseContainerCmd(this.container.getContainerId()).exec();
		}

		@Override
		public void start() {
			this.container.getDockerClient().unpauseContainerCmd(this.container.getContainerId()).exec();
		}

	}

	private static final class ProcessServer extends RedisTestServer {

		private static final String HOST = "127.0.0.1";

		private final Path executable;

		private final int port;

		private final Path directory;

		private @Nullable Process process;

		ProcessServer(Path executable, int port) {
			this.executable = executable;
			this.port = port;
			try {
				this.directory = Files.createTempDirectory("flagon-redis-");
			}
			catch (IOException ex) {
				throw new IllegalStateException("Cannot create a directory for redis-server", ex);
			}
			Runtime.getRuntime().addShutdownHook(new Thread(this::destroy, "flagon-redis-shutdown"));
		}

		@Override
		public String host() {
			return HOST;
		}

		@Override
		public int port() {
			return this.port;
		}

		@Override
		public synchronized void start() {
			if (this.process != null && this.process.isAlive()) {
				return;
			}
			Path log = this.directory.resolve("redis.log");
			List<String> command = List.of(this.executable.toString(), "--port", Integer.toString(this.port), "--bind",
					HOST, "--save", "", "--appendonly", "no", "--dir", this.directory.toString());
			try {
				this.process = new ProcessBuilder(command).redirectErrorStream(true)
					.redirectOutput(log.toFile())
					.start();
			}
			catch (IOException ex) {
				throw new IllegalStateException("Cannot start " + command, ex);
			}
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
			while (!ping()) {
				if (!this.process.isAlive() || System.nanoTime() > deadline) {
					destroy();
					throw new IllegalStateException(
							"redis-server did not start on port " + this.port + ":\n" + read(log));
				}
				sleep(20);
			}
		}

		@Override
		public synchronized void stop() {
			destroy();
		}

		@Override
		public synchronized void close() {
			super.close();
			destroy();
			try {
				Files.deleteIfExists(this.directory.resolve("redis.log"));
				Files.deleteIfExists(this.directory);
			}
			catch (IOException ex) {
				// Only a temporary directory left behind
			}
		}

		private synchronized void destroy() {
			Process process = this.process;
			if (process == null) {
				return;
			}
			this.process = null;
			process.destroy();
			try {
				if (!process.waitFor(10, TimeUnit.SECONDS)) {
					process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		private boolean ping() {
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress(HOST, this.port), 500);
				socket.setSoTimeout(500);
				OutputStream out = socket.getOutputStream();
				out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
				out.flush();
				InputStream in = socket.getInputStream();
				byte[] reply = in.readNBytes(7);
				return new String(reply, StandardCharsets.US_ASCII).equals("+PONG\r\n");
			}
			catch (IOException ex) {
				return false;
			}
		}

		private static String read(Path log) {
			try {
				return Files.readString(log);
			}
			catch (IOException ex) {
				return "(no log: " + ex.getMessage() + ")";
			}
		}

		private static void sleep(long millis) {
			try {
				Thread.sleep(millis);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while waiting for redis-server", ex);
			}
		}

	}

}
