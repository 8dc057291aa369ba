package dev.flagon.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Redis' {@code MONITOR} on a connection of its own: every command the server runs, in the
 * order it runs them. Commands that scripts run are left out: they cost no round trip.
 *
 * @author Flagon team
 */
final class RedisMonitor implements AutoCloseable {

	private final int port;

	private final Socket socket;

	private final BufferedReader in;

	RedisMonitor(int port) throws IOException {
		this.port = port;
		this.socket = new Socket(InetAddress.getLoopbackAddress(), port);
		this.socket.setSoTimeout(10_000);
		this.in = new BufferedReader(new InputStreamReader(this.socket.getInputStream(), StandardCharsets.UTF_8));
		send(this.socket, "MONITOR");
		String reply = this.in.readLine();
		if (!"+OK".equals(reply)) {
			throw new IllegalStateException("MONITOR answered " + reply);
		}
	}

	/**
	 * Return the commands that clients sent since the last call (or since {@code MONITOR}
	 * started), as the monitor prints them: {@code "HGETALL" "key"}. A marker sent on
	 * another connection after them ends the list, so none still on its way is missed.
	 * @return the commands
	 */
	List<String> commandsSinceLastCall() {
		String marker = "flagon-monitor-" + UUID.randomUUID();
		try (Socket other = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			send(other, "ECHO " + marker);
			other.getInputStream().read(new byte[256]);
			List<String> commands = new ArrayList<>();
			while (true) {
				String line = this.in.readLine();
				if (line == null) {
					throw new IllegalStateException("MONITOR connection closed");
				}
				if (line.contains(marker)) {
					return commands;
				}
				// +1733400000.123456 [0 127.0.0.1:53422] "HGETALL" "..."; scripts show [0 lua]
				int client = line.indexOf(" [");
				int end = line.indexOf("] ", client);
				if (client > 0 && end > 0 && !line.substring(client, end).contains("lua")) {
					commands.add(line.substring(end + 2));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void send(Socket socket, String command) throws IOException {
		OutputStream out = socket.getOutputStream();
		out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
