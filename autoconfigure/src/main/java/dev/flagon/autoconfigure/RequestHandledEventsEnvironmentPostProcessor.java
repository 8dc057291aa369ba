package dev.flagon.autoconfigure;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Turns Spring MVC's request-handled events off unless the application turns them on with
 * {@code spring.mvc.publish-request-handled-events}. Publishing one asks the request for its
 * session id and its user, which opens the session of every request that carries a session
 * cookie (a cookie decoded, or a Redis command sent), and with Spring Security loads its
 * security context from that session, for an event that nothing listens to unless the
 * application does. This is the lowest-precedence property source, so any setting of the
 * application's own wins.
 *
 * @author Flagon team
 */
final class RequestHandledEventsEnvironmentPostProcessor implements EnvironmentPostProcessor {

	static final String PROPERTY = "spring.mvc.publish-request-handled-events";

	static final String SOURCE_NAME = "flagonDefaults";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.getPropertySources().contains(SOURCE_NAME)) {
			environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, Map.of(PROPERTY, false)));
		}
	}

}
