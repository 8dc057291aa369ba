package dev.flagon.testsupport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.lettuce.core.KillArgs;

/**
 * A Redis master and its replica, without sentinels: two {@code redis-server} processes
 * on free ports of the loopback interface, for tests that fail the master over by hand
 * ({@link #promoteReplica()}) at the moment they choose. Point an application at the
 * master with {@code spring.data.redis.host} and {@code spring.data.redis.port}.
 *
 * @author Flagon team
 */
public final class RedisReplicationTestServer implements AutoCloseable {

	private final Path directory;

	private final RedisProcess master;

	private final RedisProcess replica;

	private RedisReplicationTestServer(Path directory, RedisProcess master, RedisProcess replica) {
		this.directory = directory;
		this.master = master;
		this.replica = replica;
	}

	/**
	 * Start a master and its replica, which the caller must close.
	 * @return the running servers, the replica in sync
	 */
	public static RedisReplicationTestServer start() {
		Path directory = RedisProcess.temporaryDirectory("redis-replication");
		RedisProcess master = null;
		RedisProcess replica = null;
		try {
			master = RedisProcess.start(RedisProcess.freePort(), directory(directory, "master"), List.of());
			replica = RedisProcess.start(RedisProcess.freePort(), directory(directory, "replica"),
					List.of("--replicaof", RedisProcess.HOST, Integer.toString(master.port())));
			RedisProcess started = replica;
			RedisProcess.await(Duration.ofSeconds(10),
					() -> "up".equals(started.info("replication", "master_link_status")),
					() -> "The replica did not sync with its master");
			return new RedisReplicationTestServer(directory, master, replica);
		}
		catch (RuntimeException ex) {
			if (replica != null) {
				replica.close();
			}
			if (master != null) {
				master.close();
			}
			RedisProcess.delete(directory);
			throw ex;
		}
	}

	private static Path directory(Path parent, String name) {
		Path directory = parent.resolve(name);
		directory.toFile().mkdirs();
		return directory;
	}

	/**
	 * Return the master.
	 * @return the master
	 */
	public RedisProcess master() {
		return this.master;
	}

	/**
	 * Return the replica.
	 * @return the replica
	 */
	public RedisProcess replica() {
		return this.replica;
	}

	/**
	 * Wait until the replica has everything the master wrote so far, as asynchronous
	 * replication gets it there soon without being asked to.
	 */
	public void awaitReplicated() {
		String offset = this.master.info("replication", "master_repl_offset");
		RedisProcess.await(Duration.ofSeconds(10),
				() -> offset != null && offset.equals(this.replica.info("replication", "master_repl_offset")),
				() -> "The replica did not catch up with its master");
	}

	/**
	 * Cut the replication link as a network partition would: freeze the replica
	 * ({@code SIGSTOP}) and make the master drop its connection to it, so that nothing the
	 * master writes from now on reaches the replica, not even what a socket buffer would
	 * have delivered once it thaws.
	 */
	public void partitionReplica() {
		this.replica.pause();
		this.master.commands().clientKill(KillArgs.Builder.typeSlave());
	}

	/**
	 * Make the replica a master ({@code REPLICAOF NO ONE}), thawing it if it was
	 * {@link #partitionReplica() partitioned}, as a failover after the master crashed would.
	 */
	public void promoteReplica() {
		this.replica.resume();
		this.replica.commands().replicaofNoOne();
	}

	@Override
	public void close() {
		this.replica.close();
		this.master.close();
		RedisProcess.delete(this.directory);
	}

}
