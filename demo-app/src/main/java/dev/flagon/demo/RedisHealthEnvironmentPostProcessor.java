package dev.flagon.demo;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Reports Redis in {@code /actuator/health} only when sessions are kept in Redis: the demo
 * has Redis support on its class path for {@code FLAGON_SESSION_STORE=redis}, and without
 * this its health would be DOWN in the default cookie mode, where no Redis runs.
 * {@code management.health.redis.enabled} still decides when it is set.
 *
 * @author Flagon team
 * @since 0.1.0
 */
public class RedisHealthEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		boolean redis = "redis".equalsIgnoreCase(environment.getProperty("flagon.session.store", "cookie").strip());
		environment.getPropertySources()
			.addLast(new MapPropertySource("demoRedisHealth", Map.of("management.health.redis.enabled", redis)));
	}

	@Override
	public int getOrder() {
		return ConfigDataEnvironmentPostProcessor.ORDER + 1;
	}

}
