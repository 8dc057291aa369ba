package dev.flagon.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway {@code redis-server} on a free port of the loopback interface, keeping nothing
 * on disk.
 *
 * @author Flagon team
 */
final class RedisServerProcess implements AutoCloseable {

	static final String REDIS_SERVER = "/usr/bin/redis-server";

	private final Process process;

	private final int port;

	private RedisServerProcess(Process process, int port) {
		this.process = process;
		this.port = port;
	}

	static RedisServerProcess start(Path directory) throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		return start(directory, port);
	}

	/**
	 * Start a {@code redis-server} on the given port, as after an outage.
	 * @param directory its working directory
	 * @param port the port
	 * @return the running server
	 * @throws IOException if it cannot be started
	 */
	static RedisServerProcess start(Path directory, int port) throws IOException {
		Process process = new ProcessBuilder(REDIS_SERVER, "--port", Integer.toString(port), "--bind", "127.0.0.1",
				"--save", "", "--appendonly", "no", "--dir", directory.toString())
			.redirectErrorStream(true)
			.redirectOutput(directory.resolve("redis.log").toFile())
			.start();
		RedisServerProcess redis = new RedisServerProcess(process, port);
		redis.awaitPong();
		return redis;
	}

	int port() {
		return this.port;
	}

	private void awaitPong() {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
		while (Instant.now().isBefore(deadline)) {
			try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
				OutputStream out = socket.getOutputStream();
				out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
				out.flush();
				InputStream in = socket.getInputStream();
				byte[] reply = in.readNBytes(7);
				if (new String(reply, StandardCharsets.US_ASCII).startsWith("+PONG")) {
					return;
				}
			}
			catch (IOException ex) {
				// Not listening yet
			}
			DemoProcess.sleep(100);
		}
		this.process.destroyForcibly();
		throw new IllegalStateException("redis-server did not start on port " + this.port);
	}

	/**
	 * Kill the server as {@code kill -9} does: no shutdown, connections simply gone.
	 */
	void kill() {
		this.process.destroyForcibly();
		try {
			this.process.waitFor(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			this.process.waitFor(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
