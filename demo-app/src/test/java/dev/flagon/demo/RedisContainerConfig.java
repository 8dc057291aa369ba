package dev.flagon.demo;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;

/**
 * A Redis container for the demo's sessions; Spring Boot connects to it through
 * {@code @ServiceConnection}, in place of {@code spring.data.redis.*}.
 *
 * @author Flagon team
 */
@TestConfiguration(proxyBeanMethods = false)
class RedisContainerConfig {

	@Bean
	@ServiceConnection(name = "redis")
	GenericContainer<?> redisContainer() {
		return new GenericContainer<>(DockerImageName.parse("redis:7-alpine")).withExposedPorts(6379);
	}

}
