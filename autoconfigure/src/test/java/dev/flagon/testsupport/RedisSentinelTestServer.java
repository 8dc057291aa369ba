package dev.flagon.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.sentinel.api.StatefulRedisSentinelConnection;
import org.jspecify.annotations.Nullable;

/**
 * A real Redis Sentinel setup: a master, its replica and three sentinels
 * ({@code redis-server --sentinel}, {@code down-after-milliseconds 2000}), all
 * {@code redis-server} processes on free ports of the loopback interface. Point an
 * application at it with {@code spring.data.redis.sentinel.master=}{@link #MASTER_NAME} and
 * {@code spring.data.redis.sentinel.nodes=}{@link #sentinelNodes()}.
 * <p>
 * Tests that only use it share one ({@link #shared()}); tests that crash its servers
 * {@link #start() start} their own and close it.
 *
 * @author Flagon team
 */
public final class RedisSentinelTestServer implements AutoCloseable {

	/**
	 * The name the sentinels know the master by.
	 */
	public static final String MASTER_NAME = "flagon";

	/**
	 * How long the master may not answer before the sentinels fail it over.
	 */
	public static final Duration DOWN_AFTER = Duration.ofSeconds(2);

	private static @Nullable RedisSentinelTestServer shared;

	private final Path directory;

	private final List<RedisProcess> servers = new ArrayList<>();

	private final List<RedisProcess> sentinels = new ArrayList<>();

	private RedisSentinelTestServer(Path directory) {
		this.directory = directory;
	}

	/**
	 * Return the setup shared by the tests of this JVM, started on first use and stopped
	 * when the JVM exits. Tests must leave it as they found it.
	 * @return the setup
	 */
	public static synchronized RedisSentinelTestServer shared() {
		RedisSentinelTestServer setup = shared;
		if (setup == null) {
			setup = start();
			Runtime.getRuntime().addShutdownHook(new Thread(setup::close, "flagon-redis-sentinel-shutdown"));
			shared = setup;
		}
		return setup;
	}

	/**
	 * Start a setup of its own, which the caller must close.
	 * @return the running setup, the replica in sync and every sentinel aware of the others
	 */
	public static RedisSentinelTestServer start() {
		RedisSentinelTestServer setup = new RedisSentinelTestServer(
				RedisProcess.temporaryDirectory("redis-sentinel"));
		try {
			setup.create();
			return setup;
		}
		catch (RuntimeException ex) {
			setup.close();
			throw ex;
		}
	}

	private void create() {
		RedisProcess master = RedisProcess.start(RedisProcess.freePort(), directory("master"), List.of());
		this.servers.add(master);
		this.servers.add(RedisProcess.start(RedisProcess.freePort(), directory("replica"),
				List.of("--replicaof", RedisProcess.HOST, Integer.toString(master.port()))));
		for (int i = 0; i < 3; i++) {
			Path directory = directory("sentinel-" + i);
			Path configuration = directory.resolve("sentinel.conf");
			try {
				Files.writeString(configuration, String.join("\n",
						"sentinel monitor " + MASTER_NAME + " " + RedisProcess.HOST + " " + master.port() + " 2",
						"sentinel down-after-milliseconds " + MASTER_NAME + " " + DOWN_AFTER.toMillis(),
						"sentinel failover-timeout " + MASTER_NAME + " 6000", ""));
			}
			catch (IOException ex) {
				throw new IllegalStateException("Cannot write " + configuration, ex);
			}
			this.sentinels.add(RedisProcess.start(RedisProcess.freePort(), directory,
					List.of(configuration.toString(), "--sentinel")));
		}
		awaitReady(Duration.ofSeconds(30));
	}

	private Path directory(String name) {
		Path directory = this.directory.resolve(name);
		directory.toFile().mkdirs();
		return directory;
	}

	/**
	 * Wait until every sentinel agrees on a running master, knows its replica and the other
	 * sentinels, and the replica is in sync.
	 * @param timeout how long to wait
	 */
	public void awaitReady(Duration timeout) {
		RedisProcess.await(timeout, this::isReady, () -> "The sentinels did not become ready: " + describe());
	}

	private boolean isReady() {
		try {
			RedisProcess master = master();
			if (!master.isAlive() || !"master".equals(master.info("replication", "role"))) {
				return false;
			}
			for (RedisProcess server : this.servers) {
				if (server != master && server.isAlive() && !"up".equals(server.info("replication", "master_link_status"))) {
					return false;
				}
			}
			for (RedisProcess sentinel : this.sentinels) {
				Map<String, String> state = sentinel(sentinel, (connection) -> connection.sync().master(MASTER_NAME));
				if (!state.get("port").equals(Integer.toString(master.port()))
						|| !state.get("num-other-sentinels").equals("2") || !state.get("num-slaves").equals("1")
						|| state.get("flags").contains("down")) {
					return false;
				}
			}
			return true;
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	/**
	 * Return the sentinels, as {@code spring.data.redis.sentinel.nodes} lists them.
	 * @return the sentinels
	 */
	public String sentinelNodes() {
		return this.sentinels.stream().map(RedisProcess::address).collect(Collectors.joining(","));
	}

	/**
	 * Return the master, as the first sentinel that answers sees it.
	 * @return the master
	 */
	public RedisProcess master() {
		RuntimeException failure = null;
		for (RedisProcess sentinel : this.sentinels) {
			try {
				SocketAddress address = sentinel(sentinel,
						(connection) -> connection.sync().getMasterAddrByName(MASTER_NAME));
				int port = ((InetSocketAddress) address).getPort();
				return this.servers.stream().filter((server) -> server.port() == port).findFirst().orElseThrow();
			}
			catch (RuntimeException ex) {
				failure = ex;
			}
		}
		throw new IllegalStateException("No sentinel names a master", failure);
	}

	/**
	 * Return the server that is not the master.
	 * @return the replica
	 */
	public RedisProcess replica() {
		RedisProcess master = master();
		return this.servers.stream().filter((server) -> server != master).findFirst().orElseThrow();
	}

	/**
	 * Wait until the sentinels name another master than the given one.
	 * @param old the master before
	 * @param timeout how long to wait
	 * @return the new master
	 */
	public RedisProcess awaitNewMaster(RedisProcess old, Duration timeout) {
		RedisProcess.await(timeout, () -> {
			try {
				RedisProcess master = master();
				return master != old && "master".equals(master.info("replication", "role"));
			}
			catch (RuntimeException ex) {
				return false;
			}
		}, () -> "The sentinels did not promote a new master: " + describe());
		return master();
	}

	private <T> T sentinel(RedisProcess sentinel,
			Function<StatefulRedisSentinelConnection<String, String>, T> action) {
		RedisClient client = RedisClient.create(RedisProcess.RESOURCES, RedisURI.builder()
			.withHost(RedisProcess.HOST)
			.withPort(sentinel.port())
			.withTimeout(Duration.ofSeconds(2))
			.build());
		try (StatefulRedisSentinelConnection<String, String> connection = client.connectSentinel()) {
			return action.apply(connection);
		}
		finally {
			client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
		}
	}

	private String describe() {
		StringBuilder description = new StringBuilder();
		for (RedisProcess sentinel : this.sentinels) {
			try {
				Map<String, String> state = sentinel(sentinel, (connection) -> connection.sync().master(MASTER_NAME));
				description.append('\n').append(sentinel.address()).append(": ").append(state);
			}
			catch (RuntimeException ex) {
				description.append('\n').append(sentinel.address()).append(": ").append(ex.getMessage());
			}
		}
		return description.toString();
	}

	@Override
	public void close() {
		this.sentinels.forEach(RedisProcess::close);
		this.servers.forEach(RedisProcess::close);
		RedisProcess.delete(this.directory);
	}

}
