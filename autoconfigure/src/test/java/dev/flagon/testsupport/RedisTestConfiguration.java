package dev.flagon.testsupport;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Gives an application context a {@link RedisTestServer} of its own, and points Spring
 * Boot's Redis connection at it: a container with {@link ServiceConnection @ServiceConnection}
 * where Docker runs, otherwise a {@code redis-server} process and its connection details.
 * The server stops with the context.
 *
 * @author Flagon team
 * @see WithRedisServer
 */
@TestConfiguration(proxyBeanMethods = false)
public class RedisTestConfiguration {

	@Configuration(proxyBeanMethods = false)
	@Conditional(DockerCondition.class)
	static class ContainerConfiguration {

		@Bean
		@ServiceConnection
		GenericContainer<?> flagonTestRedisContainer() {
			return new GenericContainer<>(DockerImageName.parse(RedisTestServer.IMAGE)).withExposedPorts(6379);
		}

		@Bean
		RedisTestServer flagonTestRedisServer(GenericContainer<?> flagonTestRedisContainer) {
			return RedisTestServer.of(flagonTestRedisContainer);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Conditional(ProcessCondition.class)
	static class ProcessConfiguration {

		@Bean
		RedisTestServer flagonTestRedisServer() {
			return RedisTestServer.startProcess();
		}

		@Bean
		DataRedisConnectionDetails flagonTestRedisConnectionDetails(RedisTestServer server) {
			return new DataRedisConnectionDetails() {

				@Override
				public Standalone getStandalone() {
					return Standalone.of(server.host(), server.port());
				}

			};
		}

	}

	static final class DockerCondition implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return RedisTestServer.useDocker();
		}

	}

	static final class ProcessCondition implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return !RedisTestServer.useDocker();
		}

	}

}
