package dev.flagon.session.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.lettuce.core.RedisException;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisAdvancedClusterAsyncCommands;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.flagon.session.SessionDecodingException;
import dev.flagon.session.SessionUnavailableException;
import dev.flagon.session.SessionValues;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.RedisOperations;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.core.SessionCallback;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.data.redis.serializer.GenericToStringSerializer;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.session.data.redis.RedisSessionRepository;

/**
 * Where the sessions live: one Redis hash per session, under
 * {@code <namespace>:sessions:<id>}, in the layout of Spring Session's
 * {@link RedisSessionRepository} ({@code creationTime} and {@code lastAccessedTime} in epoch
 * milliseconds, {@code maxInactiveInterval} in seconds, {@code sessionAttr:<key>} per value,
 * as {@link SessionValues} JSON). Every method sends one command, and touches one key, so
 * that sessions spread over the slots of a cluster; writes that change a session send a
 * {@code WAIT} after it when {@link #setReplicaAcknowledgementTimeout asked to}.
 *
 * @author Flagon team
 */
final class SessionHashes {

	private static final Log logger = LogFactory.getLog(SessionHashes.class);

	private static final String CREATION_TIME = "creationTime";

	private static final String LAST_ACCESSED_TIME = "lastAccessedTime";

	private static final String MAX_INACTIVE_INTERVAL = "maxInactiveInterval";

	private static final String ATTRIBUTE_PREFIX = "sessionAttr:";

	private static final byte[] TRUE = { '1' };

	private static final byte[] FALSE = { '0' };

	// KEYS[1]: session; ARGV[1]: time to live (ms); ARGV[2..]: field, value, field, value...
	private static final RedisScript<Long> CREATE = RedisScript.of("""
			local key = KEYS[1]
			for i = 2, #ARGV, 1000 do
				redis.call('HSET', key, unpack(ARGV, i, math.min(i + 999, #ARGV)))
			end
			redis.call('PEXPIRE', key, ARGV[1])
			return 1
			""", Long.class);

	// KEYS[1]: session; ARGV[1]: time to live (ms); ARGV[2]: '1' to drop the values not
	// written; ARGV[3]: n; ARGV[4 .. 3 + 2n]: field, value pairs; the rest: fields to delete.
	// PEXPIRE answers 0 for a key that is gone: then nothing is written.
	private static final RedisScript<Long> UPDATE = RedisScript.of("""
			local key = KEYS[1]
			if redis.call('PEXPIRE', key, ARGV[1]) == 0 then
				return 0
			end
			local function each(command, list, first, last)
				for i = first, last, 1000 do
					redis.call(command, key, unpack(list, i, math.min(i + 999, last)))
				end
			end
			if ARGV[2] == '1' then
				local stale = {}
				for _, field in ipairs(redis.call('HKEYS', key)) do
					if string.sub(field, 1, 12) == 'sessionAttr:' then
						stale[#stale + 1] = field
					end
				end
				each('HDEL', stale, 1, #stale)
			end
			local sets = 3 + 2 * tonumber(ARGV[3])
			each('HSET', ARGV, 4, sets)
			each('HDEL', ARGV, sets + 1, #ARGV)
			return 1
			""", Long.class);

	private static final RedisSerializer<Long> LONG = new GenericToStringSerializer<>(Long.class);

	private final SessionValues values;

	private final RedisTemplate<String, Object> redis;

	private String keyPrefix;

	private @Nullable Duration replicaAcknowledgementTimeout;

	SessionHashes(RedisConnectionFactory connectionFactory, SessionValues values, String namespace) {
		this.values = values;
		this.redis = new RedisTemplate<>();
		this.redis.setConnectionFactory(connectionFactory);
		this.redis.setKeySerializer(RedisSerializer.string());
		this.redis.setHashKeySerializer(RedisSerializer.string());
		this.redis.afterPropertiesSet();
		this.keyPrefix = keyPrefix(namespace);
	}

	void setNamespace(String namespace) {
		this.keyPrefix = keyPrefix(namespace);
	}

	/**
	 * Make the writes that change a session wait for one replica ({@code WAIT}), for at
	 * most the given time, and fail when none acknowledged them.
	 * @param timeout how long to wait, or {@code null} not to wait
	 */
	void setReplicaAcknowledgementTimeout(@Nullable Duration timeout) {
		this.replicaAcknowledgementTimeout = timeout;
	}

	private static String keyPrefix(String namespace) {
		return namespace.trim() + ":sessions:";
	}

	/**
	 * Read a session, with {@code HGETALL}.
	 * @return the session, or {@code null} if there is none or it cannot be read
	 */
	@Nullable Stored read(String id) {
		byte[] key = key(id);
		Map<byte[], byte[]> hash;
		try {
			hash = this.redis.execute((RedisCallback<Map<byte[], byte[]>>) (connection) -> connection.hashCommands()
				.hGetAll(key));
		}
		catch (DataAccessException ex) {
			throw unavailable("read", ex);
		}
		if (hash == null || hash.isEmpty()) {
			return null;
		}
		try {
			return decode(hash);
		}
		catch (SessionDecodingException | IllegalArgumentException ex) {
			if (logger.isDebugEnabled()) {
				logger.debug("Ignoring a session whose data cannot be read, starting a fresh one: " + ex.getMessage());
			}
			return null;
		}
	}

	private Stored decode(Map<byte[], byte[]> hash) {
		Map<String, @Nullable Object> data = new LinkedHashMap<>();
		long creationTime = -1;
		long lastAccessedTime = -1;
		long maxInactiveInterval = -1;
		for (Map.Entry<byte[], byte[]> entry : hash.entrySet()) {
			String field = new String(entry.getKey(), StandardCharsets.UTF_8);
			if (field.startsWith(ATTRIBUTE_PREFIX)) {
				data.put(field.substring(ATTRIBUTE_PREFIX.length()), this.values.deserializeValue(entry.getValue()));
			}
			else if (field.equals(CREATION_TIME)) {
				creationTime = parseLong(field, entry.getValue());
			}
			else if (field.equals(LAST_ACCESSED_TIME)) {
				lastAccessedTime = parseLong(field, entry.getValue());
			}
			else if (field.equals(MAX_INACTIVE_INTERVAL)) {
				maxInactiveInterval = parseLong(field, entry.getValue());
			}
		}
		if (creationTime < 0 || lastAccessedTime < 0 || maxInactiveInterval < 0) {
			throw new IllegalArgumentException(
					"Session data lacks a creationTime, lastAccessedTime or maxInactiveInterval");
		}
		return new Stored(data, creationTime, lastAccessedTime, maxInactiveInterval);
	}

	private static long parseLong(String field, byte[] value) {
		try {
			return Long.parseLong(new String(value, StandardCharsets.US_ASCII));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("Session field '" + field + "' is not a number", ex);
		}
	}

	/**
	 * Write a whole session under a new id, with one script ({@code HSET} and
	 * {@code PEXPIRE}).
	 */
	void create(String id, long timeToLive, long creationTime, long lastAccessedTime, long maxInactiveInterval,
			Map<String, @Nullable Object> data) {
		List<byte[]> args = new ArrayList<>(7 + 2 * data.size());
		args.add(number(timeToLive));
		addField(args, CREATION_TIME, number(creationTime));
		addField(args, LAST_ACCESSED_TIME, number(lastAccessedTime));
		addField(args, MAX_INACTIVE_INTERVAL, number(maxInactiveInterval));
		data.forEach((name, value) -> addField(args, ATTRIBUTE_PREFIX + name, this.values.serializeValue(value)));
		acknowledged(id, () -> run(CREATE, id, args));
	}

	/**
	 * Write the changes of a session and renew its expiry, with one script, only if the
	 * session still exists.
	 * @param maxInactiveInterval the new idle timeout in seconds, or {@code null} if it did
	 * not change
	 * @param replace whether to drop every value that is not in {@code values}
	 * @param values the values to write
	 * @param removed the keys to delete
	 * @return whether the session still existed
	 */
	boolean update(String id, long timeToLive, long lastAccessedTime, @Nullable Long maxInactiveInterval,
			boolean replace, Map<String, @Nullable Object> values, Collection<String> removed) {
		List<byte[]> args = new ArrayList<>(7 + 2 * values.size() + removed.size());
		args.add(number(timeToLive));
		args.add(replace ? TRUE : FALSE);
		args.add(number(1 + ((maxInactiveInterval != null) ? 1 : 0) + values.size()));
		addField(args, LAST_ACCESSED_TIME, number(lastAccessedTime));
		if (maxInactiveInterval != null) {
			addField(args, MAX_INACTIVE_INTERVAL, number(maxInactiveInterval));
		}
		values.forEach((name, value) -> addField(args, ATTRIBUTE_PREFIX + name, this.values.serializeValue(value)));
		removed.forEach((name) -> args.add(utf8(ATTRIBUTE_PREFIX + name)));
		if (replace || !values.isEmpty() || !removed.isEmpty()) {
			return acknowledged(id, () -> run(UPDATE, id, args));
		}
		// Only the expiry renewed: nothing a failover could lose matters
		return run(UPDATE, id, args);
	}

	/**
	 * Delete a session, with {@code DEL}.
	 * @return whether the session existed
	 */
	boolean delete(String id) {
		try {
			return Boolean.TRUE.equals(this.redis.delete(this.keyPrefix + id));
		}
		catch (DataAccessException ex) {
			throw unavailable("delete", ex);
		}
	}

	/**
	 * Delete a session, with {@code DEL}, and wait for a replica to acknowledge it if
	 * {@link #setReplicaAcknowledgementTimeout asked to}: a logout that a failover undid
	 * would bring the session back.
	 */
	void end(String id) {
		acknowledged(id, () -> delete(id));
	}

	/**
	 * Run the writes, then, if asked to, wait for a replica with {@code WAIT}. {@code WAIT}
	 * counts the writes of the connection it is sent on, and cannot run in a script: both
	 * go over one connection, bound for the time of the writes.
	 */
	private <T> T acknowledged(String id, Supplier<T> writes) {
		Duration timeout = this.replicaAcknowledgementTimeout;
		if (timeout == null) {
			return writes.get();
		}
		try {
			return this.redis.execute(new SessionCallback<T>() {

				@Override
				public <K, V> T execute(RedisOperations<K, V> operations) {
					T result = writes.get();
					awaitReplica(key(id), timeout);
					return result;
				}

			});
		}
		catch (DataAccessException ex) {
			// Binding the connection connects, when Lettuce has not yet
			throw unavailable("write", ex);
		}
	}

	private void awaitReplica(byte[] key, Duration timeout) {
		Long replicas;
		try {
			replicas = this.redis.execute((RedisCallback<Long>) (connection) -> waitForReplica(connection, key, timeout));
		}
		catch (DataAccessException | RedisException ex) {
			throw new SessionUnavailableException("Redis session store unavailable: cannot wait for a replica to "
					+ "acknowledge the session write (" + ex.getMessage() + ")", ex);
		}
		if (replicas == null || replicas < 1) {
			String message = "Redis session store: no replica acknowledged the session write within "
					+ timeout.toMillis() + " ms, so the request fails rather than confirm a change that a failover "
					+ "could lose (flagon.session.redis.replica-acknowledgement); check that the master has a "
					+ "replica that runs and keeps up";
			// The client sees only a 503: say why where operators look
			logger.warn(message);
			throw new SessionUnavailableException(message);
		}
	}

	private static @Nullable Long waitForReplica(RedisConnection connection, byte[] key, Duration timeout) {
		Object nativeConnection = connection.getNativeConnection();
		if (nativeConnection instanceof RedisAdvancedClusterAsyncCommands<?, ?> cluster) {
			// Lettuce sends a command without a key to a default node: send WAIT to the
			// connection that Lettuce writes the key's slot with
			StatefulRedisClusterConnection<?, ?> clusterConnection = cluster.getStatefulConnection();
			RedisClusterNode master = clusterConnection.getPartitions().getMasterBySlot(SlotHash.getSlot(key));
			if (master == null) {
				throw new RedisException("No master serves slot " + SlotHash.getSlot(key));
			}
			return clusterConnection.getConnection(master.getUri().getHost(), master.getUri().getPort())
				.sync()
				.waitForReplication(1, timeout.toMillis());
		}
		if (nativeConnection instanceof RedisAsyncCommands<?, ?> commands) {
			return commands.getStatefulConnection().sync().waitForReplication(1, timeout.toMillis());
		}
		return (Long) connection.execute("WAIT", number(1), number(timeout.toMillis()));
	}

	private boolean run(RedisScript<Long> script, String id, List<byte[]> args) {
		try {
			Long result = this.redis.execute(script, RedisSerializer.byteArray(), LONG, List.of(this.keyPrefix + id),
					args.toArray());
			return result != null && result == 1L;
		}
		catch (DataAccessException ex) {
			throw unavailable("write", ex);
		}
	}

	private byte[] key(String id) {
		return utf8(this.keyPrefix + id);
	}

	private static void addField(List<byte[]> args, String name, byte[] value) {
		args.add(utf8(name));
		args.add(value);
	}

	private static byte[] number(long value) {
		return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
	}

	private static byte[] utf8(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

	private static SessionUnavailableException unavailable(String action, DataAccessException ex) {
		return new SessionUnavailableException(
				"Redis session store unavailable: cannot " + action + " the session (" + ex.getMessage() + ")", ex);
	}

	/**
	 * A session as read from Redis.
	 * @param data the values
	 * @param creationTime when the session was created, in epoch milliseconds
	 * @param lastAccessedTime when its expiry was last renewed, in epoch milliseconds
	 * @param maxInactiveInterval its idle timeout in seconds
	 */
	record Stored(Map<String, @Nullable Object> data, long creationTime, long lastAccessedTime,
			long maxInactiveInterval) {

	}

}
