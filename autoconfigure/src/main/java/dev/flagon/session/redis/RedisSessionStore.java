package dev.flagon.session.redis;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.flagon.session.DefaultFlagonSession;
import dev.flagon.session.FlagonSession;
import dev.flagon.session.SessionDecodingException;
import dev.flagon.session.SessionStore;
import dev.flagon.session.SessionUnavailableException;
import dev.flagon.session.SessionValues;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.RedisOperations;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.data.redis.serializer.GenericToStringSerializer;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.data.redis.serializer.SerializationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.session.SessionIdGenerator;
import org.springframework.session.data.redis.RedisSessionRepository;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * A {@link SessionStore} that keeps sessions in Redis with Spring Session Data Redis; the
 * session cookie holds only a random id of 256 bits.
 * <p>
 * A session is a Redis hash under {@code <namespace>:sessions:<id>}, laid out as Spring
 * Session's {@link RedisSessionRepository} lays it out: {@code creationTime},
 * {@code lastAccessedTime}, {@code maxInactiveInterval}, and one
 * {@code sessionAttr:<key>} field per value, written as {@link SessionValues} JSON. The
 * store sends its own commands through the repository's {@link RedisOperations}, so that
 * a request costs little:
 * <ul>
 * <li>opening a session from its cookie: one {@code HGETALL};</li>
 * <li>saving changes: one script ({@code EVALSHA}) that writes the changed values only,
 * so that concurrent requests changing different keys all keep their changes, and only
 * while the session still exists, so that a request still in flight never brings back a
 * session that another request deleted;</li>
 * <li>a request that only reads renews the expiry with the same script, at most once per
 * tenth of the idle timeout;</li>
 * <li>{@link FlagonSession#invalidate() invalidating} or emptying a session: one
 * {@code DEL}; {@link FlagonSession#regenerate() regenerating} it: a {@code DEL} of the old
 * id, then one script that writes the session under the new id.</li>
 * </ul>
 * A session expires after the {@link #setIdleTimeout idle timeout} without requests (the
 * {@link #setPermanentLifetime permanent lifetime} for permanent sessions), and at the
 * latest at the end of its {@link #setAbsoluteLifetime absolute lifetime}. Cookies that
 * hold no id of this store, ids of expired sessions and data that cannot be read give a
 * fresh, empty session. When Redis cannot be reached in time, opening or saving a session
 * throws {@link SessionUnavailableException}.
 *
 * @author Flagon team
 * @since 0.1.0
 */
public class RedisSessionStore implements SessionStore {

	/**
	 * The default prefix of the keys that hold sessions.
	 */
	public static final String DEFAULT_NAMESPACE = "flagon:session";

	private static final Log logger = LogFactory.getLog(RedisSessionStore.class);

	private static final String CREATION_TIME = "creationTime";

	private static final String LAST_ACCESSED_TIME = "lastAccessedTime";

	private static final String MAX_INACTIVE_INTERVAL = "maxInactiveInterval";

	private static final String ATTRIBUTE_PREFIX = "sessionAttr:";

	// At least 128 bits in base64url, and not so long that it cannot be an id at all
	private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{22,128}");

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

	private final RedisOperations<String, Object> redis;

	private final RedisSessionRepository repository;

	private final SessionIdGenerator idGenerator = new SecureRandomSessionIdGenerator();

	private String keyPrefix = DEFAULT_NAMESPACE + ":sessions:";

	private Duration idleTimeout = Duration.ofMinutes(30);

	private Duration permanentLifetime = Duration.ofDays(31);

	private @Nullable Duration absoluteLifetime;

	private boolean refreshEachRequest = true;

	private String cookieName = "session";

	private String cookiePath = "/";

	private @Nullable String cookieDomain;

	private boolean cookieHttpOnly = true;

	private boolean cookieSecure;

	private @Nullable String cookieSameSite = "Lax";

	private boolean cookiePartitioned;

	/**
	 * Create a new store.
	 * @param connectionFactory the Redis connections to use
	 * @param values the values sessions may hold, and how they are written
	 */
	public RedisSessionStore(RedisConnectionFactory connectionFactory, SessionValues values) {
		Assert.notNull(connectionFactory, "'connectionFactory' must not be null");
		Assert.notNull(values, "'values' must not be null");
		this.values = values;
		this.redis = createOperations(connectionFactory, values);
		this.repository = new RedisSessionRepository(this.redis);
		this.repository.setRedisKeyNamespace(DEFAULT_NAMESPACE);
		this.repository.setSessionIdGenerator(this.idGenerator);
		this.repository.setDefaultMaxInactiveInterval(this.idleTimeout);
	}

	private static RedisOperations<String, Object> createOperations(RedisConnectionFactory connectionFactory,
			SessionValues values) {
		RedisTemplate<String, Object> template = new RedisTemplate<>();
		template.setConnectionFactory(connectionFactory);
		template.setKeySerializer(RedisSerializer.string());
		template.setHashKeySerializer(RedisSerializer.string());
		RedisSerializer<Object> valueSerializer = new SessionValuesRedisSerializer(values);
		template.setValueSerializer(valueSerializer);
		template.setHashValueSerializer(valueSerializer);
		template.afterPropertiesSet();
		return template;
	}

	/**
	 * Return the Spring Session repository of the same sessions, configured with this
	 * store's namespace, ids and idle timeout, for code written against Spring Session.
	 * @return the repository
	 */
	public RedisSessionRepository getSessionRepository() {
		return this.repository;
	}

	/**
	 * Set the prefix of the keys that hold sessions: a session's key is
	 * {@code <namespace>:sessions:<id>}, as Spring Session's.
	 * @param namespace the namespace
	 */
	public void setNamespace(String namespace) {
		Assert.hasText(namespace, "'namespace' must not be empty");
		this.keyPrefix = namespace.trim() + ":sessions:";
		this.repository.setRedisKeyNamespace(namespace);
	}

	/**
	 * Set how long a session lives without requests. Defaults to 30 minutes.
	 * @param idleTimeout the idle timeout
	 */
	public void setIdleTimeout(Duration idleTimeout) {
		Assert.isTrue(isPositive(idleTimeout), "'idleTimeout' must be positive");
		this.idleTimeout = idleTimeout;
		this.repository.setDefaultMaxInactiveInterval(idleTimeout);
	}

	/**
	 * Set how long a permanent session lives without requests, and the longest life of its
	 * cookie. Defaults to 31 days, as Flask's {@code PERMANENT_SESSION_LIFETIME}.
	 * @param permanentLifetime the permanent lifetime
	 */
	public void setPermanentLifetime(Duration permanentLifetime) {
		Assert.isTrue(isPositive(permanentLifetime), "'permanentLifetime' must be positive");
		this.permanentLifetime = permanentLifetime;
	}

	/**
	 * Set the longest time a session lives after it was created, however active it is.
	 * Defaults to the permanent lifetime.
	 * @param absoluteLifetime the absolute lifetime, or {@code null} for the permanent
	 * lifetime
	 */
	public void setAbsoluteLifetime(@Nullable Duration absoluteLifetime) {
		Assert.isTrue(absoluteLifetime == null || isPositive(absoluteLifetime), "'absoluteLifetime' must be positive");
		this.absoluteLifetime = absoluteLifetime;
	}

	/**
	 * Set whether the cookie of a permanent session is sent again whenever the session's
	 * expiry is renewed, so that the cookie lives as long as the session. Defaults to
	 * {@code true}, as Flask's {@code SESSION_REFRESH_EACH_REQUEST}.
	 * @param refreshEachRequest whether to send the cookie of permanent sessions again
	 */
	public void setRefreshEachRequest(boolean refreshEachRequest) {
		this.refreshEachRequest = refreshEachRequest;
	}

	/**
	 * Set the name of the cookie that holds the session id. Defaults to {@code session}.
	 * @param cookieName the cookie name
	 */
	public void setCookieName(String cookieName) {
		Assert.hasText(cookieName, "'cookieName' must not be empty");
		this.cookieName = cookieName;
	}

	/**
	 * Set the path of the session cookie. Defaults to {@code /}.
	 * @param cookiePath the cookie path
	 */
	public void setCookiePath(String cookiePath) {
		Assert.hasText(cookiePath, "'cookiePath' must not be empty");
		this.cookiePath = cookiePath;
	}

	/**
	 * Set the domain of the session cookie. Defaults to none: the cookie goes back only
	 * to the host that set it.
	 * @param cookieDomain the cookie domain, or {@code null}
	 */
	public void setCookieDomain(@Nullable String cookieDomain) {
		this.cookieDomain = StringUtils.hasText(cookieDomain) ? cookieDomain : null;
	}

	/**
	 * Set whether the session cookie is hidden from JavaScript. Defaults to {@code true}.
	 * @param cookieHttpOnly whether the cookie is {@code HttpOnly}
	 */
	public void setCookieHttpOnly(boolean cookieHttpOnly) {
		this.cookieHttpOnly = cookieHttpOnly;
	}

	/**
	 * Set whether the session cookie is only sent over HTTPS. Defaults to {@code false}.
	 * @param cookieSecure whether the cookie is {@code Secure}
	 */
	public void setCookieSecure(boolean cookieSecure) {
		this.cookieSecure = cookieSecure;
	}

	/**
	 * Set the {@code SameSite} attribute of the session cookie. Defaults to {@code Lax}.
	 * @param cookieSameSite {@code Strict}, {@code Lax}, {@code None}, or {@code null} for
	 * no attribute
	 */
	public void setCookieSameSite(@Nullable String cookieSameSite) {
		this.cookieSameSite = cookieSameSite;
	}

	/**
	 * Set whether the session cookie is partitioned (CHIPS). Defaults to {@code false}.
	 * @param cookiePartitioned whether the cookie is {@code Partitioned}
	 */
	public void setCookiePartitioned(boolean cookiePartitioned) {
		this.cookiePartitioned = cookiePartitioned;
	}

	@Override
	public FlagonSession openSession(HttpServletRequest request) {
		boolean cookieReceived = false;
		String id = null;
		Cookie[] cookies = request.getCookies();
		if (cookies != null) {
			for (Cookie cookie : cookies) {
				if (this.cookieName.equals(cookie.getName())) {
					cookieReceived = true;
					if (id == null && ID.matcher(cookie.getValue()).matches()) {
						id = cookie.getValue();
					}
				}
			}
		}
		if (id != null) {
			RedisFlagonSession session = load(id);
			if (session != null) {
				return session;
			}
		}
		return new RedisFlagonSession(this.values, this.idGenerator, cookieReceived);
	}

	private @Nullable RedisFlagonSession load(String id) {
		byte[] key = key(id).getBytes(StandardCharsets.UTF_8);
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
			return decode(id, hash);
		}
		catch (SessionDecodingException | IllegalArgumentException ex) {
			if (logger.isDebugEnabled()) {
				logger.debug("Ignoring a session whose data cannot be read, starting a fresh one: " + ex.getMessage());
			}
			return null;
		}
	}

	private @Nullable RedisFlagonSession decode(String id, Map<byte[], byte[]> hash) {
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
		Assert.isTrue(creationTime >= 0 && lastAccessedTime >= 0 && maxInactiveInterval >= 0,
				"Session data lacks creationTime, lastAccessedTime or maxInactiveInterval");
		long now = System.currentTimeMillis();
		// Redis expires sessions itself; this catches clocks and settings that changed since
		if (now - lastAccessedTime >= maxInactiveInterval * 1000
				|| now - creationTime >= getAbsoluteLifetime().toMillis()) {
			return null;
		}
		return new RedisFlagonSession(this.values, this.idGenerator, id, data, Instant.ofEpochMilli(creationTime),
				lastAccessedTime, maxInactiveInterval);
	}

	private static long parseLong(String field, byte[] value) {
		try {
			return Long.parseLong(new String(value, StandardCharsets.US_ASCII));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("Session field '" + field + "' is not a number", ex);
		}
	}

	@Override
	public void saveSession(FlagonSession session, HttpServletRequest request, HttpServletResponse response) {
		Assert.isInstanceOf(RedisFlagonSession.class, session, "Session was not opened by this store");
		RedisFlagonSession redisSession = (RedisFlagonSession) session;
		if (redisSession.isAccessed()) {
			addVaryCookie(response);
		}
		String storedId = redisSession.storedId;
		if (redisSession.isInvalidated() || (redisSession.isModified() && redisSession.getData().isEmpty())) {
			if (storedId != null) {
				delete(storedId);
			}
			if (redisSession.cookieReceived) {
				expireCookie(response);
			}
			return;
		}
		long now = System.currentTimeMillis();
		boolean permanent = Boolean.TRUE.equals(redisSession.getData().get(DefaultFlagonSession.PERMANENT_KEY));
		long timeToLive = timeToLive(redisSession, now, permanent);
		if (storedId == null) {
			if (redisSession.isModified()) {
				create(redisSession, now, permanent, timeToLive, response);
			}
			return;
		}
		if (timeToLive <= 0 || (redisSession.isRegenerated() && !delete(storedId))) {
			// The session reached its absolute lifetime, or another request deleted it
			expireCookie(response);
			return;
		}
		if (redisSession.isRegenerated()) {
			create(redisSession, now, permanent, timeToLive, response);
			return;
		}
		long maxInactiveInterval = idleTimeout(permanent).toSeconds();
		boolean refresh = now - redisSession.lastAccessedTime >= idleTimeout(permanent).toMillis() / 10
				|| maxInactiveInterval != redisSession.maxInactiveInterval;
		if (!redisSession.isModified() && !refresh) {
			return;
		}
		if (!update(redisSession, now, maxInactiveInterval, timeToLive)) {
			if (logger.isDebugEnabled()) {
				logger.debug("Not saving a session that was deleted while the request ran");
			}
			expireCookie(response);
			return;
		}
		if (permanent != redisSession.storedPermanent || (permanent && this.refreshEachRequest)) {
			writeCookie(response, redisSession.getId(), permanent, now, redisSession);
		}
	}

	private void create(RedisFlagonSession session, long now, boolean permanent, long timeToLive,
			HttpServletResponse response) {
		List<byte[]> args = new ArrayList<>();
		args.add(number(timeToLive));
		addField(args, CREATION_TIME, number(session.getCreationTime().toEpochMilli()));
		addField(args, LAST_ACCESSED_TIME, number(now));
		addField(args, MAX_INACTIVE_INTERVAL, number(idleTimeout(permanent).toSeconds()));
		session.getData().forEach((name, value) -> addField(args, ATTRIBUTE_PREFIX + name, this.values.serializeValue(value)));
		String id = session.getId();
		run(CREATE, id, args);
		writeCookie(response, id, permanent, now, session);
	}

	private boolean update(RedisFlagonSession session, long now, long maxInactiveInterval, long timeToLive) {
		List<byte[]> sets = new ArrayList<>();
		List<byte[]> deletes = new ArrayList<>();
		addField(sets, LAST_ACCESSED_TIME, number(now));
		if (maxInactiveInterval != session.maxInactiveInterval) {
			addField(sets, MAX_INACTIVE_INTERVAL, number(maxInactiveInterval));
		}
		Map<String, @Nullable Object> data = session.getData();
		for (String name : session.getChangedKeys()) {
			if (data.containsKey(name)) {
				addField(sets, ATTRIBUTE_PREFIX + name, this.values.serializeValue(data.get(name)));
			}
			else if (!session.isCleared()) {
				deletes.add(utf8(ATTRIBUTE_PREFIX + name));
			}
		}
		List<byte[]> args = new ArrayList<>(3 + sets.size() + deletes.size());
		args.add(number(timeToLive));
		args.add(session.isCleared() ? TRUE : FALSE);
		args.add(number(sets.size() / 2));
		args.addAll(sets);
		args.addAll(deletes);
		Assert.state(session.storedId != null, "Session was never stored");
		return run(UPDATE, session.storedId, args);
	}

	private boolean run(RedisScript<Long> script, String id, List<byte[]> args) {
		try {
			Long result = this.redis.execute(script, RedisSerializer.byteArray(), LONG, List.of(key(id)),
					args.toArray());
			return result != null && result == 1L;
		}
		catch (DataAccessException ex) {
			throw unavailable("write", ex);
		}
	}

	private boolean delete(String id) {
		try {
			return Boolean.TRUE.equals(this.redis.delete(key(id)));
		}
		catch (DataAccessException ex) {
			throw unavailable("delete", ex);
		}
	}

	private long timeToLive(DefaultFlagonSession session, long now, boolean permanent) {
		long end = session.getCreationTime().toEpochMilli() + getAbsoluteLifetime().toMillis();
		return Math.min(idleTimeout(permanent).toMillis(), end - now);
	}

	private Duration idleTimeout(boolean permanent) {
		return permanent ? this.permanentLifetime : this.idleTimeout;
	}

	private Duration getAbsoluteLifetime() {
		return (this.absoluteLifetime != null) ? this.absoluteLifetime : this.permanentLifetime;
	}

	private void writeCookie(HttpServletResponse response, String id, boolean permanent, long now,
			DefaultFlagonSession session) {
		ResponseCookie.ResponseCookieBuilder cookie = cookie(id);
		if (permanent) {
			long end = session.getCreationTime().toEpochMilli() + getAbsoluteLifetime().toMillis();
			cookie.maxAge(Math.min(this.permanentLifetime.toSeconds(), (end - now) / 1000));
		}
		response.addHeader(HttpHeaders.SET_COOKIE, cookie.build().toString());
	}

	private void expireCookie(HttpServletResponse response) {
		response.addHeader(HttpHeaders.SET_COOKIE, cookie("").maxAge(0).build().toString());
	}

	private ResponseCookie.ResponseCookieBuilder cookie(String value) {
		return ResponseCookie.from(this.cookieName, value)
			.path(this.cookiePath)
			.domain(this.cookieDomain)
			.httpOnly(this.cookieHttpOnly)
			.secure(this.cookieSecure)
			.sameSite(this.cookieSameSite)
			.partitioned(this.cookiePartitioned);
	}

	private static void addVaryCookie(HttpServletResponse response) {
		for (String vary : response.getHeaders(HttpHeaders.VARY)) {
			for (String name : StringUtils.tokenizeToStringArray(vary, ",")) {
				if (name.equals("*") || name.equalsIgnoreCase(HttpHeaders.COOKIE)) {
					return;
				}
			}
		}
		response.addHeader(HttpHeaders.VARY, HttpHeaders.COOKIE);
	}

	private String key(String id) {
		return this.keyPrefix + id;
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

	private static boolean isPositive(@Nullable Duration duration) {
		return duration != null && !duration.isNegative() && !duration.isZero();
	}

	private static SessionUnavailableException unavailable(String action, DataAccessException ex) {
		return new SessionUnavailableException(
				"Redis session store unavailable: cannot " + action + " the session (" + ex.getMessage() + ")", ex);
	}

	/**
	 * A session of this store, with what it needs to save itself: the id it is stored
	 * under, and the expiry data read with it.
	 */
	private static final class RedisFlagonSession extends DefaultFlagonSession {

		private final SessionIdGenerator idGenerator;

		private final @Nullable String storedId;

		private final boolean cookieReceived;

		private final long lastAccessedTime;

		private final long maxInactiveInterval;

		private final boolean storedPermanent;

		RedisFlagonSession(SessionValues values, SessionIdGenerator idGenerator, boolean cookieReceived) {
			super(values);
			this.idGenerator = idGenerator;
			this.storedId = null;
			this.cookieReceived = cookieReceived;
			this.lastAccessedTime = 0;
			this.maxInactiveInterval = 0;
			this.storedPermanent = false;
		}

		RedisFlagonSession(SessionValues values, SessionIdGenerator idGenerator, String id,
				Map<String, @Nullable Object> data, Instant creationTime, long lastAccessedTime,
				long maxInactiveInterval) {
			super(values, data, false, creationTime);
			setId(id);
			this.idGenerator = idGenerator;
			this.storedId = id;
			this.cookieReceived = true;
			this.lastAccessedTime = lastAccessedTime;
			this.maxInactiveInterval = maxInactiveInterval;
			this.storedPermanent = Boolean.TRUE.equals(data.get(PERMANENT_KEY));
		}

		// New sessions get their id when first asked for it: requests that only read an
		// empty session never draw random numbers
		@Override
		public String getId() {
			String id = super.getId();
			if (id == null) {
				id = this.idGenerator.generate();
				setId(id);
			}
			return id;
		}

		@Override
		public void regenerate() {
			super.regenerate();
			setId(null);
		}

	}

	/**
	 * Session ids of 256 random bits from {@link SecureRandom}, in base64url.
	 */
	private static final class SecureRandomSessionIdGenerator implements SessionIdGenerator {

		private final SecureRandom random = new SecureRandom();

		@Override
		public String generate() {
			byte[] bytes = new byte[32];
			this.random.nextBytes(bytes);
			return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		}

	}

	/**
	 * Writes values as {@link SessionValues} JSON, so that the repository reads and writes
	 * the same data as the store.
	 */
	private static final class SessionValuesRedisSerializer implements RedisSerializer<Object> {

		private final SessionValues values;

		SessionValuesRedisSerializer(SessionValues values) {
			this.values = values;
		}

		@Override
		public byte[] serialize(@Nullable Object value) {
			try {
				return this.values.serializeValue(value);
			}
			catch (IllegalArgumentException ex) {
				throw new SerializationException("Cannot write session value: " + ex.getMessage(), ex);
			}
		}

		@Override
		public @Nullable Object deserialize(byte @Nullable [] bytes) {
			if (bytes == null) {
				return null;
			}
			try {
				return this.values.deserializeValue(bytes);
			}
			catch (SessionDecodingException ex) {
				throw new SerializationException("Cannot read session value: " + ex.getMessage(), ex);
			}
		}

	}

}
