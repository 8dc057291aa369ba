package dev.flagon.autoconfigure;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RequestHandledEventsEnvironmentPostProcessor}.
 *
 * @author Flagon team
 */
class RequestHandledEventsEnvironmentPostProcessorTests {

	private final RequestHandledEventsEnvironmentPostProcessor postProcessor = new RequestHandledEventsEnvironmentPostProcessor();

	@Test
	void requestHandledEventsAreOffByDefault() {
		StandardEnvironment environment = new StandardEnvironment();
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.mvc.publish-request-handled-events", Boolean.class)).isFalse();
	}

	@Test
	void theApplicationsOwnSettingWins() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("application", Map.of("spring.mvc.publish-request-handled-events", "true")));
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.mvc.publish-request-handled-events", Boolean.class)).isTrue();
	}

}
