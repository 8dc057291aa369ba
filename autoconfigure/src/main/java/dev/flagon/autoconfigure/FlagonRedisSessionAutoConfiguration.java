package dev.flagon.autoconfigure;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.lettuce.core.SocketOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.resource.Delay;

import dev.flagon.session.SessionCookie;
import dev.flagon.session.SessionStore;
import dev.flagon.session.SessionValueType;
import dev.flagon.session.SessionValues;
import dev.flagon.session.redis.RedisSessionStore;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.NoneNestedConditions;
import org.springframework.boot.autoconfigure.condition.SearchStrategy;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientConfigurationBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.util.ClassUtils;

/**
 * Auto-configuration for the Redis session store ({@code flagon.session.store=redis}): a
 * {@link RedisSessionStore} on Boot's Redis connection ({@code spring.data.redis.*}, which
 * also covers Sentinel and Cluster). No Spring Session repository is registered: Spring
 * Boot's own Spring Session auto-configurations stay out while Flagon keeps the session
 * ({@link SpringSessionAutoConfigurationFilter}), and {@code RedisSessionRepository} would
 * change ids with a {@code RENAME}, which a Redis Cluster refuses across slots; the store
 * exposes none either. The session id travels in the application's {@link SessionCookie}. Unless
 * {@code spring.data.redis.timeout} and
 * {@code spring.data.redis.connect-timeout} are set, {@code flagon.session.redis.timeout}
 * becomes Lettuce's command and connect timeout, so that requests fail fast while Redis is
 * away, and Lettuce tries to reconnect at least every second, so that they succeed again soon
 * after it is back; {@code …Customizer} beans of the application's own, applied later, may
 * change all three. On a Redis Cluster, Lettuce refreshes its view of the cluster on
 * trouble (all adaptive triggers) and every ten seconds, so that requests find a promoted
 * replica after a failover, unless {@code spring.data.redis.lettuce.cluster.refresh.adaptive}
 * or {@code …refresh.period} are set, which then win. Boot's Redis health indicator reports
 * on the same connection.
 *
 * @author Flagon team
 * @since 0.1.0
 */
@AutoConfiguration(before = FlagonAutoConfiguration.class,
		afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
		beforeName = "org.springframework.boot.session.data.redis.autoconfigure.SessionDataRedisAutoConfiguration")
@ConditionalOnProperty(name = "flagon.session.store", havingValue = "redis")
@EnableConfigurationProperties(FlagonProperties.class)
public final class FlagonRedisSessionAutoConfiguration {

	private static final String SESSION_REPOSITORY = "org.springframework.session.data.redis.RedisSessionRepository";

	private static final String CONNECTION_FACTORY = "org.springframework.data.redis.connection.RedisConnectionFactory";

	private static final String DATA_REDIS_PROPERTIES = "org.springframework.boot.data.redis.autoconfigure."
			+ "DataRedisProperties";

	private static final String LETTUCE = "io.lettuce.core.RedisClient";

	// Lettuce waits up to 30 s between reconnection attempts: sessions would stay away that
	// long after Redis is back
	private static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(1);

	private static final String CLUSTER_REFRESH = "spring.data.redis.lettuce.cluster.refresh";

	// Boot leaves topology refresh off: after a failover, Lettuce would send a slot's commands
	// to its dead master for ever. A refresh costs a CLUSTER NODES per node.
	private static final Duration CLUSTER_REFRESH_PERIOD = Duration.ofSeconds(10);

	// Lettuce allows one adaptive refresh per 30 s by default: one taken before the cluster
	// promoted a replica would keep requests failing that long
	private static final Duration CLUSTER_ADAPTIVE_REFRESH_TIMEOUT = Duration.ofSeconds(1);

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { SESSION_REPOSITORY, CONNECTION_FACTORY, DATA_REDIS_PROPERTIES, LETTUCE })
	static class RedisSessionStoreConfiguration {

		@Bean
		@ConditionalOnMissingBean(value = SessionStore.class, search = SearchStrategy.CURRENT)
		RedisSessionStore flagonSessionStore(RedisConnectionFactory connectionFactory, FlagonProperties properties,
				ObjectProvider<SessionValues> sessionValues, ObjectProvider<SessionValueType<?>> sessionValueTypes,
				ObjectProvider<SessionCookie> sessionCookie) {
			SessionValues values = sessionValues
				.getIfAvailable(() -> new SessionValues(sessionValueTypes.orderedStream().toList()));
			FlagonProperties.Session session = properties.getSession();
			// This context's own cookie: a mounted application's, not the root's
			SessionCookie cookie = sessionCookie
				.getIfAvailable(() -> FlagonSessionAutoConfiguration.sessionCookie(session.getCookie()));
			RedisSessionStore store = new RedisSessionStore(connectionFactory, cookie, values);
			FlagonProperties.Redis redis = session.getRedis();
			PropertyMapper map = PropertyMapper.get();
			map.from(redis::getNamespace).to(store::setNamespace);
			map.from(redis::getIdleTimeout).to(store::setIdleTimeout);
			map.from(session::getPermanentLifetime).to(store::setPermanentLifetime);
			map.from(redis::getAbsoluteLifetime).to(store::setAbsoluteLifetime);
			map.from(session::isRefreshEachRequest).to(store::setRefreshEachRequest);
			FlagonProperties.Redis.ReplicaAcknowledgement acknowledgement = redis.getReplicaAcknowledgement();
			if (acknowledgement.isEnabled()) {
				if (acknowledgement.getTimeout().compareTo(redis.getTimeout()) >= 0) {
					throw new InvalidConfigurationPropertyValueException(
							"flagon.session.redis.replica-acknowledgement.timeout", acknowledgement.getTimeout(),
							"It must be shorter than flagon.session.redis.timeout (" + redis.getTimeout()
									+ "), or Redis commands time out before a replica can answer: "
									+ "shorten it, such as to 500ms");
				}
				store.setReplicaAcknowledgementTimeout(acknowledgement.getTimeout());
			}
			return store;
		}

		@Bean
		@Order(0)
		@ConditionalOnBean(RedisSessionStore.class)
		LettuceClientConfigurationBuilderCustomizer flagonSessionRedisCommandTimeoutCustomizer(
				FlagonProperties properties, ObjectProvider<DataRedisProperties> redisProperties) {
			return (builder) -> {
				DataRedisProperties redis = redisProperties.getIfAvailable();
				if (redis == null || redis.getTimeout() == null) {
					builder.commandTimeout(properties.getSession().getRedis().getTimeout());
				}
			};
		}

		@Bean
		@Order(0)
		@ConditionalOnBean(RedisSessionStore.class)
		LettuceClientOptionsBuilderCustomizer flagonSessionRedisConnectTimeoutCustomizer(FlagonProperties properties,
				ObjectProvider<DataRedisProperties> redisProperties) {
			return (builder) -> {
				DataRedisProperties redis = redisProperties.getIfAvailable();
				if (redis == null || redis.getConnectTimeout() == null) {
					builder.socketOptions(SocketOptions.builder()
						.connectTimeout(properties.getSession().getRedis().getTimeout())
						.build());
				}
			};
		}

		@Bean
		@Order(0)
		@ConditionalOnBean(RedisSessionStore.class)
		LettuceClientOptionsBuilderCustomizer flagonSessionRedisClusterRefreshCustomizer(Environment environment,
				ObjectProvider<DataRedisProperties> redisProperties) {
			return (builder) -> {
				DataRedisProperties redis = redisProperties.getIfAvailable();
				if (redis == null || !(builder instanceof ClusterClientOptions.Builder cluster)) {
					return;
				}
				Binder binder = Binder.get(environment);
				DataRedisProperties.Lettuce.Cluster.Refresh refresh = redis.getLettuce().getCluster().getRefresh();
				boolean adaptive = binder.bind(CLUSTER_REFRESH + ".adaptive", Boolean.class).orElse(true);
				Duration period = binder.bind(CLUSTER_REFRESH + ".period", Duration.class)
					.orElse(CLUSTER_REFRESH_PERIOD);
				ClusterTopologyRefreshOptions.Builder options = ClusterTopologyRefreshOptions.builder()
					.dynamicRefreshSources(refresh.isDynamicRefreshSources())
					.enablePeriodicRefresh(period);
				if (adaptive) {
					options.enableAllAdaptiveRefreshTriggers()
						.adaptiveRefreshTriggersTimeout(CLUSTER_ADAPTIVE_REFRESH_TIMEOUT);
				}
				cluster.topologyRefreshOptions(options.build());
			};
		}

		@Bean
		@Order(0)
		@ConditionalOnBean(RedisSessionStore.class)
		ClientResourcesBuilderCustomizer flagonSessionRedisReconnectDelayCustomizer() {
			return (builder) -> builder.reconnectDelay(
					Delay.exponential(Duration.ZERO, MAX_RECONNECT_DELAY, 2, TimeUnit.MILLISECONDS));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Conditional(RedisClassesMissingCondition.class)
	static class RedisClassesMissingConfiguration {

		@Bean
		@ConditionalOnMissingBean(value = SessionStore.class, search = SearchStrategy.CURRENT)
		SessionStore<?> flagonSessionStore(ResourceLoader resourceLoader) {
			String missing = Stream.of(SESSION_REPOSITORY, CONNECTION_FACTORY, DATA_REDIS_PROPERTIES, LETTUCE)
				.filter((name) -> !ClassUtils.isPresent(name, resourceLoader.getClassLoader()))
				.collect(Collectors.joining(", "));
			throw new InvalidConfigurationPropertyValueException("flagon.session.store", "redis",
					"The Redis session store needs Spring Session Data Redis, Spring Boot's Redis support and Lettuce, "
							+ "but these classes are missing: " + missing + ". Add the dependency "
							+ "'org.springframework.boot:spring-boot-starter-session-data-redis', "
							+ "or choose another store.");
		}

	}

	/**
	 * Matches when a class that the Redis session store needs is missing.
	 */
	static final class RedisClassesMissingCondition extends NoneNestedConditions {

		RedisClassesMissingCondition() {
			super(ConfigurationPhase.PARSE_CONFIGURATION);
		}

		@ConditionalOnClass(name = { SESSION_REPOSITORY, CONNECTION_FACTORY, DATA_REDIS_PROPERTIES, LETTUCE })
		static class RedisClassesPresent {

		}

	}

}
