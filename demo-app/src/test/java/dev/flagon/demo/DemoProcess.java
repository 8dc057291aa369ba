package dev.flagon.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo in a process of its own, configured as a user would configure it: through
 * environment variables only. It listens on a random port ({@code SERVER_PORT=0}), read from
 * its log.
 *
 * @author Flagon team
 */
final class DemoProcess implements AutoCloseable {

	private static final Pattern STARTED = Pattern.compile("Tomcat started on port (\\d+)");

	private static final Duration STARTUP = Duration.ofSeconds(90);

	private final Process process;

	private final Path log;

	private final int port;

	private DemoProcess(Process process, Path log, int port) {
		this.process = process;
		this.log = log;
		this.port = port;
	}

	/**
	 * Start the demo with the given environment variables, over {@code SERVER_PORT=0}, and
	 * wait until it serves.
	 * @param environment the environment variables
	 * @return the running demo
	 */
	static DemoProcess start(Map<String, String> environment) {
		try {
			Path log = Files.createTempFile("flagon-demo", ".log");
			String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
			ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
					DemoApplication.class.getName());
			builder.environment().put("SERVER_PORT", "0");
			builder.environment().put("SERVER_ADDRESS", "127.0.0.1");
			builder.environment().putAll(environment);
			builder.redirectErrorStream(true).redirectOutput(log.toFile());
			Process process = builder.start();
			return new DemoProcess(process, log, awaitPort(process, log));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static int awaitPort(Process process, Path log) throws IOException {
		Instant deadline = Instant.now().plus(STARTUP);
		while (Instant.now().isBefore(deadline)) {
			Matcher matcher = STARTED.matcher(Files.readString(log));
			if (matcher.find()) {
				return Integer.parseInt(matcher.group(1));
			}
			if (!process.isAlive()) {
				break;
			}
			sleep(200);
		}
		process.destroyForcibly();
		throw new IllegalStateException("The demo did not start; its log ends with:\n" + tail(log));
	}

	int port() {
		return this.port;
	}

	String log() {
		try {
			return Files.readString(this.log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() throws IOException {
		this.process.destroy();
		try {
			if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		Files.deleteIfExists(this.log);
	}

	private static String tail(Path log) throws IOException {
		List<String> lines = Files.readAllLines(log);
		return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
	}

	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
