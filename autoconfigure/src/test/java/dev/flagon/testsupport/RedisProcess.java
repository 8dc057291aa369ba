package dev.flagon.testsupport;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.util.StringUtils;

/**
 * One {@code redis-server} child process on a port of the loopback interface, for the
 * topologies of several servers ({@link RedisClusterTestServer},
 * {@link RedisSentinelTestServer}). Tests may crash it ({@link #kill()}, a
 * {@code SIGKILL}), freeze it ({@link #pause()}, a {@code SIGSTOP}) and thaw it, and look
 * inside it with {@link #commands()}.
 *
 * @author Flagon team
 */
public final class RedisProcess implements AutoCloseable {

	static final String HOST = "127.0.0.1";

	// The tests' own connections share one set of threads
	static final ClientResources RESOURCES = DefaultClientResources.create();

	private final int port;

	private final Path directory;

	private final List<String> command;

	private @Nullable Process process;

	private @Nullable RedisClient client;

	private @Nullable StatefulRedisConnection<String, String> connection;

	private RedisProcess(int port, Path directory, List<String> command) {
		this.port = port;
		this.directory = directory;
		this.command = command;
	}

	/**
	 * Start {@code redis-server} with nothing saved to disk.
	 * @param port the port
	 * @param directory the working directory, for logs and configuration files
	 * @param arguments the arguments after the executable
	 * @return the running server
	 */
	static RedisProcess start(int port, Path directory, List<String> arguments) {
		List<String> command = new ArrayList<>();
		command.add(executable("redis-server").toString());
		command.addAll(arguments);
		command.addAll(List.of("--port", Integer.toString(port), "--bind", HOST, "--dir", directory.toString(),
				"--logfile", directory.resolve("redis.log").toString()));
		if (!arguments.contains("--sentinel")) {
			command.addAll(List.of("--save", "", "--appendonly", "no"));
		}
		RedisProcess server = new RedisProcess(port, directory, command);
		server.start();
		return server;
	}

	/**
	 * Return the port.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * Return {@code host:port}, as Spring Boot's {@code nodes} properties list them.
	 * @return the address
	 */
	public String address() {
		return HOST + ":" + this.port;
	}

	/**
	 * Return whether the process runs (it may be paused).
	 * @return whether it runs
	 */
	public synchronized boolean isAlive() {
		return this.process != null && this.process.isAlive();
	}

	/**
	 * Start the process again, with the same arguments, after {@link #kill()}.
	 */
	public synchronized void start() {
		if (isAlive()) {
			return;
		}
		try {
			this.process = new ProcessBuilder(this.command).redirectErrorStream(true)
				.redirectOutput(this.directory.resolve("stdout.log").toFile())
				.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot start " + this.command, ex);
		}
		Process started = this.process;
		await(Duration.ofSeconds(10), () -> {
			if (!started.isAlive()) {
				throw new IllegalStateException("redis-server exited: " + this.command + "\n" + log());
			}
			return ping();
		}, () -> "redis-server on port " + this.port + " did not answer:\n" + log());
	}

	/**
	 * Crash the server, as {@code kill -9} does.
	 */
	public synchronized void kill() {
		closeConnection();
		Process process = this.process;
		this.process = null;
		if (process != null) {
			process.destroyForcibly();
			try {
				process.waitFor(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/**
	 * Freeze the server ({@code SIGSTOP}): it keeps its connections but answers nothing.
	 */
	public void pause() {
		signal("STOP");
	}

	/**
	 * Thaw a {@link #pause() paused} server ({@code SIGCONT}).
	 */
	public void resume() {
		signal("CONT");
	}

	private void signal(String signal) {
		Process process = this.process;
		if (process == null) {
			throw new IllegalStateException("redis-server on port " + this.port + " is not running");
		}
		try {
			Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
			if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
				throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed");
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot run kill", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	/**
	 * Return commands on a connection of the test's own.
	 * @return the commands
	 */
	public synchronized RedisCommands<String, String> commands() {
		if (this.connection == null || !this.connection.isOpen()) {
			closeConnection();
			this.client = RedisClient.create(RESOURCES,
					RedisURI.builder().withHost(HOST).withPort(this.port).withTimeout(Duration.ofSeconds(5)).build());
			this.connection = this.client.connect();
		}
		return this.connection.sync();
	}

	/**
	 * Return the {@code INFO} field of a section, such as {@code role} of
	 * {@code replication}.
	 * @param section the section
	 * @param field the field
	 * @return its value, or {@code null}
	 */
	public @Nullable String info(String section, String field) {
		for (String line : commands().info(section).split("\r?\n")) {
			if (line.startsWith(field + ":")) {
				return line.substring(field.length() + 1).trim();
			}
		}
		return null;
	}

	private synchronized void closeConnection() {
		if (this.connection != null) {
			this.connection.close();
			this.connection = null;
		}
		if (this.client != null) {
			this.client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
			this.client = null;
		}
	}

	@Override
	public synchronized void close() {
		Process process = this.process;
		if (process != null) {
			// A paused process would not see SIGTERM
			process.destroyForcibly();
		}
		kill();
	}

	private boolean ping() {
		try {
			return "PONG".equals(commands().ping());
		}
		catch (RuntimeException ex) {
			closeConnection();
			return false;
		}
	}

	private String log() {
		StringBuilder log = new StringBuilder();
		for (String name : List.of("stdout.log", "redis.log")) {
			try {
				log.append(Files.readString(this.directory.resolve(name)));
			}
			catch (IOException ex) {
				// Not written yet
			}
		}
		return log.toString();
	}

	/**
	 * Wait until a condition holds.
	 * @param timeout how long to wait
	 * @param condition the condition
	 * @param failure the message when it does not hold in time
	 */
	static void await(Duration timeout, BooleanSupplier condition, Supplier<String> failure) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException(failure.get());
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted", ex);
			}
		}
	}

	/**
	 * Return a free port of the loopback interface below 55536 whose port 10000 higher
	 * (a cluster's bus) is free as well.
	 * @return the port
	 */
	static int freePort() {
		for (int attempt = 0; attempt < 100; attempt++) {
			int port = ThreadLocalRandom.current().nextInt(20000, 55000);
			if (isFree(port) && isFree(port + 10000)) {
				return port;
			}
		}
		throw new IllegalStateException("No free pair of ports on the loopback interface");
	}

	private static boolean isFree(int port) {
		try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	static Path temporaryDirectory(String name) {
		try {
			return Files.createTempDirectory("flagon-" + name + "-");
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot create a directory for redis-server", ex);
		}
	}

	static void delete(Path directory) {
		try (Stream<Path> files = Files.walk(directory)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
		catch (IOException ex) {
			// Only a temporary directory left behind
		}
	}

	/**
	 * Find a program on the {@code PATH}.
	 * @param name the program
	 * @return its path
	 * @throws IllegalStateException if it is not there
	 */
	static Path executable(String name) {
		Path found = find(name);
		if (found == null) {
			throw new IllegalStateException(name + " is not on the PATH: install redis-server "
					+ "(apt-get install redis-server, brew install redis)");
		}
		return found;
	}

	private static @Nullable Path find(String name) {
		String path = System.getenv("PATH");
		if (path == null) {
			return null;
		}
		for (String directory : path.split(File.pathSeparator)) {
			if (StringUtils.hasText(directory)) {
				Path candidate = Path.of(directory, name);
				if (Files.isExecutable(candidate)) {
					return candidate;
				}
			}
		}
		return null;
	}

	/**
	 * Skips tests of several Redis servers when {@code redis-server} or {@code redis-cli}
	 * is missing, except in CI (the {@code CI} environment variable is set), where they run
	 * and fail: such a test that did not run is a failure there.
	 */
	public static final class AvailableCondition implements ExecutionCondition {

		@Override
		public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
			if (find("redis-server") != null && find("redis-cli") != null) {
				return ConditionEvaluationResult.enabled("redis-server and redis-cli are available");
			}
			String ci = System.getenv("CI");
			if (StringUtils.hasText(ci) && !ci.equalsIgnoreCase("false")) {
				return ConditionEvaluationResult.enabled("redis-server is unavailable, but CI must run every Redis test");
			}
			return ConditionEvaluationResult.disabled("redis-server or redis-cli is not on the PATH");
		}

	}

}
