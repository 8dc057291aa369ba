package dev.flagon.autoconfigure;

import java.time.Duration;
import java.util.List;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.resource.ClientResources;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import dev.flagon.internal.AppRuntime;
import dev.flagon.session.DefaultFlagonSession;
import dev.flagon.session.FlagonSession;
import dev.flagon.session.SessionCookie;
import dev.flagon.session.SessionStore;
import dev.flagon.session.SessionValues;
import dev.flagon.session.redis.RedisSessionStore;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.boot.session.autoconfigure.SessionAutoConfiguration;
import org.springframework.boot.session.data.redis.autoconfigure.SessionDataRedisAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.session.SessionRepository;
import org.springframework.session.data.redis.RedisSessionRepository;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link FlagonRedisSessionAutoConfiguration}. Nothing here connects to Redis.
 *
 * @author Flagon team
 */
class FlagonRedisSessionAutoConfigurationTests {

	// Nothing listens there: nothing here connects
	private static final String CLUSTER_NODES = "spring.data.redis.cluster.nodes=127.0.0.1:1,127.0.0.1:2";

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
				FlagonRedisSessionAutoConfiguration.class, FlagonAutoConfiguration.class,
				SessionDataRedisAutoConfiguration.class, SessionAutoConfiguration.class));

	@Test
	void redisStoreIsTheApplicationsStoreWhenTheStoreIsRedis() {
		this.contextRunner.withPropertyValues("flagon.session.store=redis").run((context) -> {
			assertThat(context).hasSingleBean(RedisSessionStore.class);
			assertThat(context.getBean(AppRuntime.class).getSessionStore())
				.isSameAs(context.getBean(RedisSessionStore.class));
		});
	}

	@Test
	void redisStoreTravelsInTheApplicationsSessionCookie() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(FlagonSessionAutoConfiguration.class))
			.withPropertyValues("flagon.session.store=redis", "flagon.session.cookie.name=sid",
					"flagon.session.cookie.secure=true")
			.run((context) -> {
				SessionCookie cookie = context.getBean(SessionCookie.class);
				assertThat(context.getBean(RedisSessionStore.class).getCookie()).isSameAs(cookie);
				assertThat(cookie.header("id", null)).isEqualTo("sid=id; Path=/; Secure; HttpOnly; SameSite=Lax");
			});
		// Without the session auto-configuration, the store makes the same cookie itself
		this.contextRunner.withPropertyValues("flagon.session.store=redis", "flagon.session.cookie.name=sid")
			.run((context) -> assertThat(context.getBean(RedisSessionStore.class).getCookie().header("id", null))
				.isEqualTo("sid=id; Path=/; HttpOnly; SameSite=Lax"));
	}

	@Test
	void redisStoreIsNotConfiguredForOtherStores() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(RedisSessionStore.class));
		this.contextRunner.withPropertyValues("flagon.session.store=cookie")
			.run((context) -> assertThat(context).doesNotHaveBean(RedisSessionStore.class));
		this.contextRunner.withPropertyValues("flagon.session.store=none")
			.run((context) -> assertThat(context).doesNotHaveBean(RedisSessionStore.class));
	}

	@Test
	void springSessionStaysOutWithoutARepositoryBeanForTheRedisStore() {
		// Through an import selector, as in an application, so that the import filter runs
		WebApplicationContextRunner application = new WebApplicationContextRunner()
			.withUserConfiguration(ImportedAutoConfigurations.class);
		application.withPropertyValues("flagon.session.store=redis").run((context) -> {
			assertThat(context).hasSingleBean(RedisSessionStore.class);
			assertThat(context).doesNotHaveBean(SessionRepository.class);
			assertThat(context).doesNotHaveBean(SessionRepositoryFilter.class);
		});
		application.withPropertyValues("flagon.session.store=none")
			.run((context) -> assertThat(context).hasSingleBean(SessionRepositoryFilter.class)
				.hasSingleBean(RedisSessionRepository.class));
	}

	@Test
	void clusterTopologyRefreshIsOnForTheRedisStore() {
		this.contextRunner.withPropertyValues("flagon.session.store=redis", CLUSTER_NODES)
			.run((context) -> assertThat(topologyRefresh(context)).satisfies((refresh) -> {
				assertThat(refresh.getAdaptiveRefreshTriggers())
					.containsExactlyInAnyOrder(ClusterTopologyRefreshOptions.RefreshTrigger.values());
				assertThat(refresh.getAdaptiveRefreshTimeout()).isEqualTo(Duration.ofSeconds(1));
				assertThat(refresh.isPeriodicRefreshEnabled()).isTrue();
				assertThat(refresh.getRefreshPeriod()).isEqualTo(Duration.ofSeconds(10));
				assertThat(refresh.useDynamicRefreshSources()).isTrue();
			}));
	}

	@Test
	void springDataRedisClusterRefreshSettingsWin() {
		this.contextRunner
			.withPropertyValues("flagon.session.store=redis", CLUSTER_NODES,
					"spring.data.redis.lettuce.cluster.refresh.adaptive=false",
					"spring.data.redis.lettuce.cluster.refresh.period=1m",
					"spring.data.redis.lettuce.cluster.refresh.dynamic-refresh-sources=false")
			.run((context) -> assertThat(topologyRefresh(context)).satisfies((refresh) -> {
				assertThat(refresh.getAdaptiveRefreshTriggers()).isEmpty();
				assertThat(refresh.getRefreshPeriod()).isEqualTo(Duration.ofMinutes(1));
				assertThat(refresh.useDynamicRefreshSources()).isFalse();
			}));
		this.contextRunner
			.withPropertyValues("flagon.session.store=redis", CLUSTER_NODES,
					"spring.data.redis.lettuce.cluster.refresh.period=30s")
			.run((context) -> assertThat(topologyRefresh(context)).satisfies((refresh) -> {
				assertThat(refresh.getAdaptiveRefreshTriggers()).isNotEmpty();
				assertThat(refresh.getRefreshPeriod()).isEqualTo(Duration.ofSeconds(30));
			}));
	}

	@Test
	void applicationsClientOptionsCustomizerWinsOverTheClusterRefresh() {
		this.contextRunner.withPropertyValues("flagon.session.store=redis", CLUSTER_NODES)
			.withUserConfiguration(UserClusterRefreshConfiguration.class)
			.run((context) -> assertThat(topologyRefresh(context).isPeriodicRefreshEnabled()).isFalse());
	}

	@Test
	void clusterTopologyRefreshIsLeftAloneForOtherStores() {
		this.contextRunner.withPropertyValues("flagon.session.store=cookie", CLUSTER_NODES)
			.run((context) -> assertThat(topologyRefresh(context)).satisfies((refresh) -> {
				assertThat(refresh.getAdaptiveRefreshTriggers()).isEmpty();
				assertThat(refresh.isPeriodicRefreshEnabled()).isFalse();
			}));
	}

	private static ClusterTopologyRefreshOptions topologyRefresh(AssertableWebApplicationContext context) {
		ClientOptions options = context.getBean(LettuceConnectionFactory.class)
			.getClientConfiguration()
			.getClientOptions()
			.orElseThrow();
		assertThat(options).isInstanceOf(ClusterClientOptions.class);
		return ((ClusterClientOptions) options).getTopologyRefreshOptions();
	}

	@Test
	void redisStoreBacksOffWhenUserDefinesASessionStore() {
		this.contextRunner.withPropertyValues("flagon.session.store=redis")
			.withUserConfiguration(UserSessionStoreConfiguration.class)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(RedisSessionStore.class);
				assertThat(context).hasSingleBean(SessionStore.class);
				assertThat(context.getBean(AppRuntime.class).getSessionStore())
					.isSameAs(context.getBean("userSessionStore"));
			});
	}

	@Test
	void redisStoreUsesTheApplicationsSessionValues() {
		this.contextRunner.withPropertyValues("flagon.session.store=redis")
			.withUserConfiguration(UserSessionValuesConfiguration.class)
			.run((context) -> assertThat(context.getBean(RedisSessionStore.class)).extracting("values")
				.isSameAs(context.getBean(SessionValues.class)));
	}

	@Test
	void replicaAcknowledgementIsOffUnlessEnabled() {
		this.contextRunner.withPropertyValues("flagon.session.store=redis")
			.run((context) -> assertThat(replicaAcknowledgementTimeout(context.getBean(RedisSessionStore.class)))
				.isNull());
		this.contextRunner
			.withPropertyValues("flagon.session.store=redis", "flagon.session.redis.replica-acknowledgement.enabled=true",
					"flagon.session.redis.replica-acknowledgement.timeout=250ms")
			.run((context) -> assertThat(replicaAcknowledgementTimeout(context.getBean(RedisSessionStore.class)))
				.isEqualTo(Duration.ofMillis(250)));
	}

	@Test
	void startupFailsWithAClearMessageWhenTheReplicaAcknowledgementTimeoutIsNotShorterThanTheRedisTimeout() {
		this.contextRunner
			.withPropertyValues("flagon.session.store=redis", "flagon.session.redis.replica-acknowledgement.enabled=true",
					"flagon.session.redis.replica-acknowledgement.timeout=2s")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(InvalidConfigurationPropertyValueException.class)
					.hasMessageContaining("flagon.session.redis.replica-acknowledgement.timeout")
					.hasMessageContaining("shorter than flagon.session.redis.timeout");
			});
	}

	private static @Nullable Object replicaAcknowledgementTimeout(RedisSessionStore store) {
		Object hashes = ReflectionTestUtils.getField(store, "hashes");
		return ReflectionTestUtils.getField(hashes, "replicaAcknowledgementTimeout");
	}

	@Test
	void startupFailsWithAClearMessageWhenRedisClassesAreMissing() {
		this.contextRunner.withPropertyValues("flagon.session.store=redis")
			.withClassLoader(new FilteredClassLoader(RedisSessionRepository.class))
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(InvalidConfigurationPropertyValueException.class)
					.hasMessageContaining("flagon.session.store")
					.hasMessageContaining("org.springframework.session.data.redis.RedisSessionRepository")
					.hasMessageContaining("spring-boot-starter-session-data-redis");
			});
	}

	@Test
	void missingRedisClassesDoNotMatterWhenUserDefinesASessionStore() {
		this.contextRunner.withPropertyValues("flagon.session.store=redis")
			.withClassLoader(new FilteredClassLoader(RedisSessionRepository.class))
			.withUserConfiguration(UserSessionStoreConfiguration.class)
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(SessionStore.class));
	}

	@Test
	void timeoutBecomesLettucesCommandAndConnectTimeout() {
		this.contextRunner.withPropertyValues("flagon.session.store=redis", "flagon.session.redis.timeout=1500ms")
			.run((context) -> {
				LettuceClientConfiguration client = context.getBean(LettuceConnectionFactory.class)
					.getClientConfiguration();
				assertThat(client.getCommandTimeout()).isEqualTo(Duration.ofMillis(1500));
				assertThat(client.getClientOptions()).hasValueSatisfying((options) -> assertThat(
						options.getSocketOptions().getConnectTimeout())
					.isEqualTo(Duration.ofMillis(1500)));
			});
	}

	@Test
	void timeoutDefaultsToTwoSeconds() {
		this.contextRunner.withPropertyValues("flagon.session.store=redis")
			.run((context) -> assertThat(
					context.getBean(LettuceConnectionFactory.class).getClientConfiguration().getCommandTimeout())
				.isEqualTo(Duration.ofSeconds(2)));
	}

	@Test
	void springDataRedisTimeoutsWin() {
		this.contextRunner
			.withPropertyValues("flagon.session.store=redis", "spring.data.redis.timeout=5s",
					"spring.data.redis.connect-timeout=7s")
			.run((context) -> {
				LettuceClientConfiguration client = context.getBean(LettuceConnectionFactory.class)
					.getClientConfiguration();
				assertThat(client.getCommandTimeout()).isEqualTo(Duration.ofSeconds(5));
				assertThat(client.getClientOptions()).hasValueSatisfying((options) -> assertThat(
						options.getSocketOptions().getConnectTimeout())
					.isEqualTo(Duration.ofSeconds(7)));
			});
	}

	@Test
	void lettuceTimeoutsAreLeftAloneForOtherStores() {
		this.contextRunner.withPropertyValues("flagon.session.store=cookie")
			.run((context) -> assertThat(
					context.getBean(LettuceConnectionFactory.class).getClientConfiguration().getCommandTimeout())
				.isEqualTo(Duration.ofSeconds(60)));
	}

	@Test
	void lettuceReconnectsAtLeastEverySecond() {
		this.contextRunner.withPropertyValues("flagon.session.store=redis")
			.run((context) -> assertThat(context.getBean(ClientResources.class).reconnectDelay().createDelay(30))
				.isEqualTo(Duration.ofSeconds(1)));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserSessionStoreConfiguration {

		@Bean
		SessionStore<FlagonSession> userSessionStore() {
			return new SessionStore<>() {

				@Override
				public FlagonSession openSession(HttpServletRequest request) {
					return new DefaultFlagonSession(new SessionValues(List.of()));
				}

				@Override
				public void saveSession(FlagonSession session, HttpServletRequest request,
						HttpServletResponse response) {
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ DataRedisAutoConfiguration.class, FlagonRedisSessionAutoConfiguration.class,
			FlagonAutoConfiguration.class, SessionDataRedisAutoConfiguration.class, SessionAutoConfiguration.class })
	static class ImportedAutoConfigurations {

	}

	@Configuration(proxyBeanMethods = false)
	static class UserClusterRefreshConfiguration {

		@Bean
		LettuceClientOptionsBuilderCustomizer userClusterRefreshCustomizer() {
			return (builder) -> ((ClusterClientOptions.Builder) builder)
				.topologyRefreshOptions(ClusterTopologyRefreshOptions.builder().build());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserSessionValuesConfiguration {

		@Bean
		SessionValues sessionValues() {
			return new SessionValues(List.of());
		}

	}

}
