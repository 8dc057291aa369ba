package dev.flagon.autoconfigure;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.util.Assert;

/**
 * Configuration properties for Flagon.
 *
 * @author Flagon team
 * @since 0.1.0
 */
@ConfigurationProperties("flagon")
public class FlagonProperties {

	/**
	 * Secret key that signs and encrypts session cookies, at least 32 bytes. Required by the
	 * cookie session store.
	 */
	private @Nullable String secretKey;

	/**
	 * Previous secret keys, still accepted when reading session cookies; such cookies are
	 * re-written with the current key.
	 */
	private List<String> secretKeyFallbacks = new ArrayList<>();

	private final Session session = new Session();

	/**
	 * Applications mounted under URL prefixes, each with its own Spring context.
	 */
	private List<Mount> mounts = new ArrayList<>();

	public @Nullable String getSecretKey() {
		return this.secretKey;
	}

	public void setSecretKey(@Nullable String secretKey) {
		this.secretKey = secretKey;
	}

	public List<String> getSecretKeyFallbacks() {
		return this.secretKeyFallbacks;
	}

	public void setSecretKeyFallbacks(List<String> secretKeyFallbacks) {
		this.secretKeyFallbacks = secretKeyFallbacks;
	}

	public Session getSession() {
		return this.session;
	}

	public List<Mount> getMounts() {
		return this.mounts;
	}

	public void setMounts(List<Mount> mounts) {
		this.mounts = mounts;
	}

	/**
	 * Session properties.
	 */
	public static final class Session {

		/**
		 * Where sessions are kept.
		 */
		private StoreType store = StoreType.COOKIE;

		/**
		 * How long a permanent session lives.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private Duration permanentLifetime = Duration.ofDays(31);

		/**
		 * Whether the cookie of a permanent session is sent again on every request, extending
		 * its life.
		 */
		private boolean refreshEachRequest = true;

		private final Cookie cookie = new Cookie();

		private final Redis redis = new Redis();

		public StoreType getStore() {
			return this.store;
		}

		public void setStore(StoreType store) {
			this.store = store;
		}

		public Duration getPermanentLifetime() {
			return this.permanentLifetime;
		}

		public void setPermanentLifetime(Duration permanentLifetime) {
			this.permanentLifetime = permanentLifetime;
		}

		public boolean isRefreshEachRequest() {
			return this.refreshEachRequest;
		}

		public void setRefreshEachRequest(boolean refreshEachRequest) {
			this.refreshEachRequest = refreshEachRequest;
		}

		public Cookie getCookie() {
			return this.cookie;
		}

		public Redis getRedis() {
			return this.redis;
		}

	}

	/**
	 * Session cookie properties: Spring Boot's cookie settings (name, domain, path,
	 * http-only, secure, same-site, partitioned) with Flagon's defaults, and the cookie
	 * store's own. The session's {@code Max-Age} follows the session
	 * ('flagon.session.permanent-lifetime'), so 'max-age' must stay unset.
	 */
	public static final class Cookie extends org.springframework.boot.web.server.Cookie {

		/**
		 * How the cookie store writes the session into the cookie.
		 */
		private CookieFormat format = CookieFormat.ENCRYPTED;

		/**
		 * How many recently read or written session cookies to remember verified, so that a
		 * cookie sent again is not decrypted or verified again (rounded up to a power of two;
		 * sessions over 4 KiB of JSON are not kept). 0 turns it off.
		 */
		private int cacheSize = 1024;

		public Cookie() {
			setName("session");
			setPath("/");
			setHttpOnly(true);
			setSecure(false);
			setSameSite(SameSite.LAX);
			setPartitioned(false);
		}

		public int getCacheSize() {
			return this.cacheSize;
		}

		public void setCacheSize(int cacheSize) {
			this.cacheSize = cacheSize;
		}

		public CookieFormat getFormat() {
			return this.format;
		}

		public void setFormat(CookieFormat format) {
			this.format = format;
		}

	}

	/**
	 * Redis session store properties.
	 */
	public static final class Redis {

		/**
		 * Prefix of the keys that hold sessions.
		 */
		private String namespace = "flagon:session";

		/**
		 * How long a session lives without requests. Permanent sessions live
		 * 'flagon.session.permanent-lifetime' without requests instead.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private Duration idleTimeout = Duration.ofMinutes(30);

		/**
		 * Longest time a session lives after it was created, however active it is. When
		 * unset, 'flagon.session.permanent-lifetime'.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private @Nullable Duration absoluteLifetime;

		/**
		 * How long a request waits for Redis before it fails with 503 Service Unavailable.
		 * Applied as Lettuce's command and connect timeouts, unless
		 * 'spring.data.redis.timeout' or 'spring.data.redis.connect-timeout' are set, which
		 * then win.
		 */
		private Duration timeout = Duration.ofSeconds(2);

		/**
		 * Waiting for a replica to acknowledge each change of a session, so that a failover
		 * never loses a change that a response confirmed.
		 */
		private final ReplicaAcknowledgement replicaAcknowledgement = new ReplicaAcknowledgement();

		public String getNamespace() {
			return this.namespace;
		}

		public void setNamespace(String namespace) {
			this.namespace = namespace;
		}

		public Duration getIdleTimeout() {
			return this.idleTimeout;
		}

		public void setIdleTimeout(Duration idleTimeout) {
			Assert.isTrue(isPositive(idleTimeout), "'flagon.session.redis.idle-timeout' must be positive, such as 30m");
			this.idleTimeout = idleTimeout;
		}

		public @Nullable Duration getAbsoluteLifetime() {
			return this.absoluteLifetime;
		}

		public void setAbsoluteLifetime(@Nullable Duration absoluteLifetime) {
			Assert.isTrue(absoluteLifetime == null || isPositive(absoluteLifetime),
					"'flagon.session.redis.absolute-lifetime' must be positive, such as 12h, or unset");
			this.absoluteLifetime = absoluteLifetime;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			Assert.isTrue(isPositive(timeout), "'flagon.session.redis.timeout' must be positive, such as 2s");
			this.timeout = timeout;
		}

		public ReplicaAcknowledgement getReplicaAcknowledgement() {
			return this.replicaAcknowledgement;
		}

		private static boolean isPositive(@Nullable Duration duration) {
			return duration != null && !duration.isNegative() && !duration.isZero();
		}

		/**
		 * Acknowledged writes: after a request changed its session, Redis's {@code WAIT}
		 * for one replica.
		 */
		public static final class ReplicaAcknowledgement {

			/**
			 * Whether a request that changed its session waits until a replica has the
			 * change (Redis WAIT), and fails with 503 Service Unavailable when none
			 * acknowledged it in time, rather than confirm a change that a failover could
			 * lose.
			 */
			private boolean enabled;

			/**
			 * How long a request that changed its session waits for a replica to
			 * acknowledge the change. Shorter than 'flagon.session.redis.timeout'.
			 */
			private Duration timeout = Duration.ofMillis(500);

			public boolean isEnabled() {
				return this.enabled;
			}

			public void setEnabled(boolean enabled) {
				this.enabled = enabled;
			}

			public Duration getTimeout() {
				return this.timeout;
			}

			public void setTimeout(Duration timeout) {
				Assert.isTrue(isPositive(timeout),
						"'flagon.session.redis.replica-acknowledgement.timeout' must be positive, such as 500ms");
				this.timeout = timeout;
			}

		}

	}

	/**
	 * One mounted application.
	 */
	public static final class Mount {

		/**
		 * Name of the application, as Flagon.currentApp() reports it.
		 */
		private @Nullable String name;

		/**
		 * URL prefix the application is mounted under, starting with '/' and not ending with
		 * it.
		 */
		private @Nullable String prefix;

		/**
		 * Fully qualified name of the application's @Configuration class; its package is
		 * scanned for the application's components.
		 */
		private @Nullable String sources;

		/**
		 * Properties that apply to this application only, for example
		 * 'flagon.session.cookie.name'.
		 */
		private Map<String, String> properties = new LinkedHashMap<>();

		public @Nullable String getName() {
			return this.name;
		}

		public void setName(@Nullable String name) {
			this.name = name;
		}

		public @Nullable String getPrefix() {
			return this.prefix;
		}

		public void setPrefix(@Nullable String prefix) {
			this.prefix = prefix;
		}

		public @Nullable String getSources() {
			return this.sources;
		}

		public void setSources(@Nullable String sources) {
			this.sources = sources;
		}

		public Map<String, String> getProperties() {
			return this.properties;
		}

		public void setProperties(Map<String, String> properties) {
			this.properties = properties;
		}

	}

	/**
	 * Where sessions are kept.
	 */
	public enum StoreType {

		/**
		 * The whole session in one cookie, encrypted or signed.
		 */
		COOKIE,

		/**
		 * Server-side in Redis; the cookie holds only a random id.
		 */
		REDIS,

		/**
		 * Sessions disabled.
		 */
		NONE

	}

	/**
	 * How the cookie store writes sessions.
	 */
	public enum CookieFormat {

		/**
		 * AES-256-GCM: authenticated and unreadable by the client.
		 */
		ENCRYPTED,

		/**
		 * Signed, readable by the client, and byte-compatible with Flask's session cookie.
		 */
		FLASK

	}

}
