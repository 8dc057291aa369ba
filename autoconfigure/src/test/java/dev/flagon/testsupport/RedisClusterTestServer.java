package dev.flagon.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * A real Redis Cluster of three masters and three replicas: six {@code redis-server}
 * processes on free ports of the loopback interface ({@code --cluster-enabled yes
 * --cluster-node-timeout 2000}), joined with {@code redis-cli --cluster create}. Point an
 * application at it with {@code spring.data.redis.cluster.nodes=}{@link #nodes()}.
 * <p>
 * Tests that only use the cluster share one ({@link #shared()}); tests that crash its nodes
 * {@link #start() start} their own and close it.
 *
 * @author Flagon team
 */
public final class RedisClusterTestServer implements AutoCloseable {

	/**
	 * How long a node may not answer before the cluster fails it over.
	 */
	public static final Duration NODE_TIMEOUT = Duration.ofSeconds(2);

	private static final Set<String> TEST_COMMANDS = Set.of("config|resetstat", "info",
			"cluster|info", "cluster|nodes", "cluster|keyslot", "ping", "hello", "client|setinfo", "command",
			"command|docs", "cluster|slots", "cluster|shards", "client|setname", "client|list", "cluster|myid", "replconf", "script|load");

	private static @Nullable RedisClusterTestServer shared;

	private final Path directory;

	private final List<RedisProcess> processes = new ArrayList<>();

	private RedisClusterTestServer(Path directory) {
		this.directory = directory;
	}

	/**
	 * Return the cluster shared by the tests of this JVM, started on first use and stopped
	 * when the JVM exits. Tests must leave it as they found it: no crashes, no pauses.
	 * @return the cluster
	 */
	public static synchronized RedisClusterTestServer shared() {
		RedisClusterTestServer cluster = shared;
		if (cluster == null) {
			cluster = start();
			Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "flagon-redis-cluster-shutdown"));
			shared = cluster;
		}
		return cluster;
	}

	/**
	 * Start a cluster of its own, which the caller must close.
	 * @return the running cluster, every slot served and every replica in sync
	 */
	public static RedisClusterTestServer start() {
		RedisClusterTestServer cluster = new RedisClusterTestServer(RedisProcess.temporaryDirectory("redis-cluster"));
		try {
			cluster.create();
			return cluster;
		}
		catch (RuntimeException ex) {
			cluster.close();
			throw ex;
		}
	}

	private void create() {
		for (int i = 0; i < 6; i++) {
			int port = RedisProcess.freePort();
			Path nodeDirectory = this.directory.resolve(Integer.toString(port));
			nodeDirectory.toFile().mkdirs();
			this.processes.add(RedisProcess.start(port, nodeDirectory,
					List.of("--cluster-enabled", "yes", "--cluster-node-timeout",
							Long.toString(NODE_TIMEOUT.toMillis()), "--cluster-config-file", "nodes.conf",
							// A replica that was paused a while may still be promoted
							"--cluster-replica-validity-factor", "0")));
		}
		List<String> command = new ArrayList<>(List.of(RedisProcess.executable("redis-cli").toString(), "--cluster",
				"create"));
		this.processes.forEach((process) -> command.add(process.address()));
		command.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
		Path log = this.directory.resolve("create.log");
		try {
			Process create = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
			if (!create.waitFor(60, TimeUnit.SECONDS)) {
				create.destroyForcibly();
				throw new IllegalStateException("redis-cli --cluster create did not finish in 60 s");
			}
			if (create.exitValue() != 0) {
				throw new IllegalStateException("redis-cli --cluster create failed:\n" + Files.readString(log));
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot run " + command, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
		awaitHealthy(Duration.ofSeconds(30));
	}

	/**
	 * Wait until every running node sees every slot served and every replica of a running
	 * master is in sync.
	 * @param timeout how long to wait
	 */
	public void awaitHealthy(Duration timeout) {
		RedisProcess.await(timeout, this::isHealthy, () -> "The cluster did not become healthy:\n" + describe());
	}

	private boolean isHealthy() {
		try {
			for (RedisProcess process : running()) {
				if (!"ok".equals(clusterInfo(process).get("cluster_state"))) {
					return false;
				}
				if ("slave".equals(process.info("replication", "role"))
						&& !"up".equals(process.info("replication", "master_link_status"))) {
					return false;
				}
			}
			return true;
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private static Map<String, String> clusterInfo(RedisProcess process) {
		Map<String, String> info = new HashMap<>();
		for (String line : process.commands().clusterInfo().split("\r?\n")) {
			int colon = line.indexOf(':');
			if (colon > 0) {
				info.put(line.substring(0, colon), line.substring(colon + 1).trim());
			}
		}
		return info;
	}

	/**
	 * Return the nodes, as {@code spring.data.redis.cluster.nodes} lists them.
	 * @return the nodes
	 */
	public String nodes() {
		return this.processes.stream().map(RedisProcess::address).collect(Collectors.joining(","));
	}

	/**
	 * Return every node.
	 * @return the nodes
	 */
	public List<RedisProcess> processes() {
		return List.copyOf(this.processes);
	}

	/**
	 * Return the nodes whose process runs.
	 * @return the running nodes
	 */
	public List<RedisProcess> running() {
		return this.processes.stream().filter(RedisProcess::isAlive).toList();
	}

	/**
	 * Return the hash slot of a key.
	 * @param key the key
	 * @return its slot
	 */
	public int slot(String key) {
		return running().get(0).commands().clusterKeyslot(key).intValue();
	}

	/**
	 * Return the master that serves a key, as a running node sees the cluster.
	 * @param key the key
	 * @return the master
	 */
	public RedisProcess masterOf(String key) {
		int slot = slot(key);
		for (Node node : topology()) {
			if (node.master() && node.serves(slot)) {
				return process(node.port());
			}
		}
		throw new IllegalStateException("No master serves slot " + slot + ":\n" + describe());
	}

	/**
	 * Return the replica of a master.
	 * @param master the master
	 * @return its replica
	 */
	public RedisProcess replicaOf(RedisProcess master) {
		List<Node> topology = topology();
		String masterId = topology.stream()
			.filter((node) -> node.port() == master.port())
			.findFirst()
			.orElseThrow()
			.id();
		return topology.stream()
			.filter((node) -> masterId.equals(node.masterId()))
			.map((node) -> process(node.port()))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("No replica of " + master.address() + ":\n" + describe()));
	}

	/**
	 * Reset the command statistics of every running node.
	 */
	public void resetStatistics() {
		running().forEach((process) -> process.commands().configResetstat());
	}

	/**
	 * Return the running nodes that are masters.
	 * @return the masters
	 */
	public List<RedisProcess> masters() {
		return running().stream().filter((process) -> "master".equals(process.info("replication", "role"))).toList();
	}

	/**
	 * Return how often each command ran on the masters since {@link #resetStatistics()},
	 * summed over them, as {@code INFO commandstats} counts them (replicas count again what
	 * they replicate); commands of the test's own, and the background ones of a client
	 * refreshing its view of the cluster, are left out.
	 * @return the calls by command, in the order of their names
	 */
	public Map<String, Long> commandCalls() {
		Map<String, Long> calls = new TreeMap<>();
		for (RedisProcess process : masters()) {
			for (String line : process.commands().info("commandstats").split("\r?\n")) {
				if (line.startsWith("cmdstat_")) {
					String name = line.substring("cmdstat_".length(), line.indexOf(':'));
					int start = line.indexOf("calls=") + 6;
					long count = Long.parseLong(line.substring(start, line.indexOf(',', start)));
					if (!TEST_COMMANDS.contains(name)) {
						calls.merge(name, count, Long::sum);
					}
				}
			}
		}
		return calls;
	}

	/**
	 * Return the commands that the masters refused or failed since
	 * {@link #resetStatistics()} ({@code CROSSSLOT}, {@code MOVED}, a script's error...),
	 * and how often; the test's own and background commands are left out.
	 * @return the refused or failed calls by command
	 */
	public Map<String, Long> refusedCalls() {
		Map<String, Long> refused = new TreeMap<>();
		for (RedisProcess process : masters()) {
			for (String line : process.commands().info("commandstats").split("\r?\n")) {
				if (line.startsWith("cmdstat_")) {
					String name = line.substring("cmdstat_".length(), line.indexOf(':'));
					long count = field(line, "rejected_calls") + field(line, "failed_calls");
					if (count > 0 && !TEST_COMMANDS.contains(name)) {
						refused.merge(name, count, Long::sum);
					}
				}
			}
		}
		return refused;
	}

	private static long field(String line, String name) {
		int start = line.indexOf(name + "=");
		if (start < 0) {
			return 0;
		}
		start += name.length() + 1;
		int end = line.indexOf(',', start);
		return Long.parseLong(line.substring(start, (end < 0) ? line.length() : end).trim());
	}

	private RedisProcess process(int port) {
		return this.processes.stream()
			.filter((process) -> process.port() == port)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("No node on port " + port));
	}

	private List<Node> topology() {
		List<Node> nodes = new ArrayList<>();
		for (String line : running().get(0).commands().clusterNodes().split("\r?\n")) {
			if (!line.isBlank()) {
				nodes.add(Node.parse(line));
			}
		}
		return nodes;
	}

	private String describe() {
		try {
			return running().isEmpty() ? "(no node runs)" : running().get(0).commands().clusterNodes();
		}
		catch (RuntimeException ex) {
			return "(" + ex.getMessage() + ")";
		}
	}

	@Override
	public void close() {
		this.processes.forEach(RedisProcess::close);
		RedisProcess.delete(this.directory);
	}

	/**
	 * A line of {@code CLUSTER NODES}.
	 */
	private record Node(String id, int port, List<String> flags, @Nullable String masterId, List<int[]> slots) {

		static Node parse(String line) {
			String[] fields = line.trim().split(" ");
			String address = fields[1];
			int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1, address.indexOf('@')));
			List<int[]> slots = new ArrayList<>();
			for (int i = 8; i < fields.length; i++) {
				if (!fields[i].startsWith("[")) {
					String[] range = fields[i].split("-");
					int first = Integer.parseInt(range[0]);
					slots.add(new int[] { first, (range.length > 1) ? Integer.parseInt(range[1]) : first });
				}
			}
			return new Node(fields[0], port, List.of(fields[2].split(",")), fields[3].equals("-") ? null : fields[3],
					slots);
		}

		boolean master() {
			return this.flags.contains("master") && !this.flags.contains("fail");
		}

		boolean serves(int slot) {
			return this.slots.stream().anyMatch((range) -> range[0] <= slot && slot <= range[1]);
		}

	}

}
