package dev.flagon.session.redis;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.flagon.session.DefaultFlagonSession;
import dev.flagon.session.FlagonSession;
import dev.flagon.session.SessionCookie;
import dev.flagon.session.SessionStore;
import dev.flagon.session.SessionUnavailableException;
import dev.flagon.session.SessionValues;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.session.SessionIdGenerator;
import org.springframework.session.data.redis.RedisSessionRepository;
import org.springframework.util.Assert;

/**
 * A {@link SessionStore} that keeps sessions in Redis with Spring Session Data Redis; the
 * session cookie holds only a random id of 256 bits.
 * <p>
 * A session is a Redis hash under {@code <namespace>:sessions:<id>}, laid out as Spring
 * Session's {@link RedisSessionRepository} lays it out: {@code creationTime},
 * {@code lastAccessedTime}, {@code maxInactiveInterval}, and one
 * {@code sessionAttr:<key>} field per value, written as {@link SessionValues} JSON. The
 * store sends its own commands, so that a request costs little:
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
 * throws {@link SessionUnavailableException}. The cookie's name and attributes are the
 * {@link SessionCookie}'s.
 * <p>
 * No Spring Session {@code SessionRepository} is exposed: {@link RedisSessionRepository}
 * changes an id with a {@code RENAME}, which a Redis Cluster refuses when the two keys hash
 * to different slots; this store writes a regenerated session under its new key and
 * deletes the old one instead.
 *
 * @author Flagon team
 * @since 0.1.0
 */
public class RedisSessionStore implements SessionStore<RedisSessionStore.RedisSession> {

	/**
	 * The default prefix of the keys that hold sessions.
	 */
	public static final String DEFAULT_NAMESPACE = "flagon:session";

	private static final Log logger = LogFactory.getLog(RedisSessionStore.class);

	// At least 128 bits in base64url, and not so long that it cannot be an id at all
	private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{22,128}");

	private final SessionCookie cookie;

	private final SessionValues values;

	private final SessionHashes hashes;

	private final SessionIdGenerator idGenerator = new SecureRandomSessionIdGenerator();

	private Duration idleTimeout = Duration.ofMinutes(30);

	private Duration permanentLifetime = Duration.ofDays(31);

	private @Nullable Duration absoluteLifetime;

	private boolean refreshEachRequest = true;

	/**
	 * Create a new store.
	 * @param connectionFactory the Redis connections to use
	 * @param cookie the cookie that holds the session id
	 * @param values the values sessions may hold, and how they are written
	 */
	public RedisSessionStore(RedisConnectionFactory connectionFactory, SessionCookie cookie, SessionValues values) {
		Assert.notNull(connectionFactory, "'connectionFactory' must not be null");
		Assert.notNull(cookie, "'cookie' must not be null");
		Assert.notNull(values, "'values' must not be null");
		this.cookie = cookie;
		this.values = values;
		this.hashes = new SessionHashes(connectionFactory, values, DEFAULT_NAMESPACE);
	}

	/**
	 * Return the cookie that the session ids travel in.
	 * @return the session cookie
	 */
	public SessionCookie getCookie() {
		return this.cookie;
	}

	/**
	 * Set the prefix of the keys that hold sessions: a session's key is
	 * {@code <namespace>:sessions:<id>}, as Spring Session's.
	 * @param namespace the namespace
	 */
	public void setNamespace(String namespace) {
		Assert.hasText(namespace, "'namespace' must not be empty");
		this.hashes.setNamespace(namespace);
	}

	/**
	 * Set how long a session lives without requests. Defaults to 30 minutes.
	 * @param idleTimeout the idle timeout
	 */
	public void setIdleTimeout(Duration idleTimeout) {
		Assert.isTrue(isPositive(idleTimeout), "'idleTimeout' must be positive");
		this.idleTimeout = idleTimeout;
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
		Assert.isTrue(absoluteLifetime == null || isPositive(absoluteLifetime),
				"'absoluteLifetime' must be positive");
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
	 * Set how long a request that changed its session waits for one replica to
	 * acknowledge the change (Redis's {@code WAIT}, on the connection and node that wrote
	 * it), after which the save fails with {@link SessionUnavailableException} (503)
	 * rather than confirm a change that a failover could lose. Defaults to {@code null}:
	 * Redis replicates asynchronously, and saves do not wait.
	 * <p>
	 * Changes, new sessions, {@link FlagonSession#regenerate() regenerated} ones and
	 * deletions wait; a request that only renews a session's expiry does not. A save that
	 * failed this way may still be on the master: the request failed, not the write.
	 * @param timeout how long to wait, shorter than the Redis command timeout, or
	 * {@code null} not to wait
	 */
	public void setReplicaAcknowledgementTimeout(@Nullable Duration timeout) {
		Assert.isTrue(timeout == null || isPositive(timeout), "'timeout' must be positive");
		this.hashes.setReplicaAcknowledgementTimeout(timeout);
	}

	@Override
	public boolean mayHaveSession(HttpServletRequest request) {
		return this.cookie.isPresent(request);
	}

	@Override
	public RedisSession openSession(HttpServletRequest request) {
		List<String> cookies = this.cookie.read(request);
		boolean cookieReceived = !cookies.isEmpty();
		String id = null;
		for (String cookie : cookies) {
			if (ID.matcher(cookie).matches()) {
				id = cookie;
				break;
			}
		}
		SessionHashes.Stored stored = (id != null) ? this.hashes.read(id) : null;
		if (id != null && stored != null && isAlive(stored, System.currentTimeMillis())) {
			return new RedisSession(this.values, this.idGenerator, id, stored);
		}
		return new RedisSession(this.values, this.idGenerator, cookieReceived);
	}

	// Redis expires sessions itself; this catches clocks and settings that changed since
	private boolean isAlive(SessionHashes.Stored stored, long now) {
		return now - stored.lastAccessedTime() < stored.maxInactiveInterval() * 1000
				&& now - stored.creationTime() < getAbsoluteLifetime().toMillis();
	}

	@Override
	public void saveSession(RedisSession redisSession, HttpServletRequest request, HttpServletResponse response) {
		if (redisSession.isAccessed()) {
			this.cookie.varyOnCookie(response);
		}
		String storedId = redisSession.storedId;
		if (redisSession.isInvalidated() || (redisSession.isModified() && redisSession.getData().isEmpty())) {
			if (storedId != null) {
				this.hashes.end(storedId);
			}
			if (redisSession.cookieReceived) {
				expireCookie(response);
			}
			return;
		}
		long now = System.currentTimeMillis();
		boolean permanent = Boolean.TRUE.equals(redisSession.getData().get(DefaultFlagonSession.PERMANENT_KEY));
		long timeToLive = Math.min(idleTimeout(permanent).toMillis(), end(redisSession) - now);
		if (storedId == null) {
			if (redisSession.isModified()) {
				create(redisSession, now, permanent, timeToLive, response);
			}
			return;
		}
		if (timeToLive <= 0
				|| (redisSession.isRegenerated() && !this.hashes.delete(storedId) && !redisSession.isNew())) {
			// The session reached its absolute lifetime, or another request deleted it (a
			// session made new after invalidate() holds nothing of the old one: it is saved)
			expireCookie(response);
			return;
		}
		if (redisSession.isRegenerated()) {
			create(redisSession, now, permanent, timeToLive, response);
			return;
		}
		long maxInactiveInterval = idleTimeout(permanent).toSeconds();
		boolean renew = now - redisSession.lastAccessedTime >= idleTimeout(permanent).toMillis() / 10
				|| maxInactiveInterval != redisSession.maxInactiveInterval;
		if (!redisSession.isModified() && !renew) {
			return;
		}
		if (!update(storedId, redisSession, now, maxInactiveInterval, timeToLive)) {
			if (logger.isDebugEnabled()) {
				logger.debug("Not saving a session that another request deleted while this one ran");
			}
			expireCookie(response);
			return;
		}
		if (permanent != redisSession.storedPermanent || (permanent && this.refreshEachRequest)) {
			writeCookie(response, redisSession, permanent, now);
		}
	}

	private void create(RedisSession session, long now, boolean permanent, long timeToLive,
			HttpServletResponse response) {
		this.hashes.create(session.getId(), timeToLive, session.getCreationTime().toEpochMilli(), now,
				idleTimeout(permanent).toSeconds(), session.getData());
		writeCookie(response, session, permanent, now);
	}

	private boolean update(String id, RedisSession session, long now, long maxInactiveInterval,
			long timeToLive) {
		Map<String, @Nullable Object> data = session.getData();
		Map<String, @Nullable Object> changed = new LinkedHashMap<>();
		List<String> removed = new ArrayList<>();
		for (String key : session.getChangedKeys()) {
			if (data.containsKey(key)) {
				changed.put(key, data.get(key));
			}
			else {
				removed.add(key);
			}
		}
		Long newMaxInactiveInterval = (maxInactiveInterval != session.maxInactiveInterval) ? maxInactiveInterval
				: null;
		// After clear(), the script drops every value it does not write, seen by this request or not
		return this.hashes.update(id, timeToLive, now, newMaxInactiveInterval, session.isCleared(), changed,
				session.isCleared() ? List.of() : removed);
	}

	private Duration idleTimeout(boolean permanent) {
		return permanent ? this.permanentLifetime : this.idleTimeout;
	}

	private Duration getAbsoluteLifetime() {
		return (this.absoluteLifetime != null) ? this.absoluteLifetime : this.permanentLifetime;
	}

	private long end(DefaultFlagonSession session) {
		return session.getCreationTime().toEpochMilli() + getAbsoluteLifetime().toMillis();
	}

	private void writeCookie(HttpServletResponse response, RedisSession session, boolean permanent, long now) {
		Duration maxAge = permanent
				? Duration.ofSeconds(Math.min(this.permanentLifetime.toSeconds(), (end(session) - now) / 1000)) : null;
		this.cookie.write(response, session.getId(), maxAge);
	}

	private void expireCookie(HttpServletResponse response) {
		this.cookie.delete(response);
	}

	private static boolean isPositive(@Nullable Duration duration) {
		return duration != null && !duration.isNegative() && !duration.isZero();
	}

	/**
	 * A session of the Redis store, with what the store needs to save it: the id it is
	 * stored under, and the expiry data read with it.
	 */
	public static final class RedisSession extends DefaultFlagonSession {

		private final SessionIdGenerator idGenerator;

		private final @Nullable String storedId;

		private final boolean cookieReceived;

		private final long lastAccessedTime;

		private final long maxInactiveInterval;

		private final boolean storedPermanent;

		private RedisSession(SessionValues values, SessionIdGenerator idGenerator, boolean cookieReceived) {
			super(values);
			this.idGenerator = idGenerator;
			this.storedId = null;
			this.cookieReceived = cookieReceived;
			this.lastAccessedTime = 0;
			this.maxInactiveInterval = 0;
			this.storedPermanent = false;
		}

		private RedisSession(SessionValues values, SessionIdGenerator idGenerator, String id,
				SessionHashes.Stored stored) {
			super(values, stored.data(), false, Instant.ofEpochMilli(stored.creationTime()));
			this.idGenerator = idGenerator;
			this.storedId = id;
			this.cookieReceived = true;
			this.lastAccessedTime = stored.lastAccessedTime();
			this.maxInactiveInterval = stored.maxInactiveInterval();
			this.storedPermanent = Boolean.TRUE.equals(stored.data().get(PERMANENT_KEY));
		}

		@Override
		protected String openedId() {
			Assert.state(this.storedId != null, "A loaded session has an id");
			return this.storedId;
		}

		// New sessions get their id when first asked for it: requests that only read an
		// empty session never draw random numbers
		@Override
		protected String newId() {
			return this.idGenerator.generate();
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

}
