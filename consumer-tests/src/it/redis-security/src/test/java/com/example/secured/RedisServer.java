package com.example.secured;

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
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} on a free port of the loopback interface, with nothing saved to
 * disk, started once for all the tests of this JVM and stopped when it exits. A Redis that
 * cannot start fails the tests: they are never skipped.
 */
final class RedisServer {

	static final String HOST = "127.0.0.1";

	private static RedisServer running;

	private final Process process;

	private final int port;

	private RedisServer(Process process, int port) {
		this.process = process;
		this.port = port;
	}

	static synchronized RedisServer get() {
		if (running == null) {
			running = start();
			RedisServer server = running;
			Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "redis-server-shutdown"));
		}
		return running;
	}

	int port() {
		return this.port;
	}

	private static RedisServer start() {
		Path executable = findOnPath("redis-server");
		IllegalStateException failure = null;
		for (int attempt = 0; attempt < 3; attempt++) {
			try {
				return start(executable, freePort());
			}
			catch (IllegalStateException ex) {
				// Another process took the port between our check and the server's start
				failure = ex;
			}
		}
		throw failure;
	}

	private static RedisServer start(Path executable, int port) {
		Path directory;
		Process process;
		try {
			directory = Files.createTempDirectory("consumer-redis-");
			List<String> command = List.of(executable.toString(), "--port", Integer.toString(port), "--bind", HOST,
					"--save", "", "--appendonly", "no", "--dir", directory.toString());
			process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(directory.resolve("redis.log").toFile())
				.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot start redis-server", ex);
		}
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (!ping(port)) {
			if (!process.isAlive() || System.nanoTime() > deadline) {
				process.destroyForcibly();
				throw new IllegalStateException("redis-server did not start on port " + port + ":\n" + read(directory.resolve("redis.log")));
			}
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
		return new RedisServer(process, port);
	}

	private void stop() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static Path findOnPath(String name) {
		for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, name))) {
				return Path.of(directory, name);
			}
		}
		throw new IllegalStateException("These tests need redis-server on the PATH: install it (apt-get install redis-server, brew install redis)");
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException("No free port on the loopback interface", ex);
		}
	}

	private static boolean ping(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(HOST, port), 500);
			socket.setSoTimeout(500);
			OutputStream out = socket.getOutputStream();
			out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			return new String(in.readNBytes(7), StandardCharsets.US_ASCII).equals("+PONG\r\n");
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

}
