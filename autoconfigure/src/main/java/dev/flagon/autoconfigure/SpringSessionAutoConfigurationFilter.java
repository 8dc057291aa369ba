package dev.flagon.autoconfigure;

import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Keeps Spring Boot's Spring Session auto-configuration out while Flagon manages sessions,
 * so that requests are not also wrapped by Spring Session's {@code SessionRepositoryFilter}
 * (which would read and write the session a second time). Flagon registers no
 * {@code SessionRepository} bean for them to back off from. Set
 * {@code flagon.session.store=none} to use Spring Session on its own.
 *
 * @author Flagon team
 */
final class SpringSessionAutoConfigurationFilter implements AutoConfigurationImportFilter, EnvironmentAware {

	private static final Set<String> SPRING_SESSION_AUTO_CONFIGURATIONS = Set.of(
			"org.springframework.boot.session.autoconfigure.SessionAutoConfiguration",
			"org.springframework.boot.session.data.redis.autoconfigure.SessionDataRedisAutoConfiguration");

	private @Nullable Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public boolean[] match(@Nullable String[] autoConfigurationClasses, AutoConfigurationMetadata metadata) {
		boolean flagonSessions = this.environment == null
				|| !"none".equalsIgnoreCase(this.environment.getProperty("flagon.session.store", "cookie"));
		boolean[] matches = new boolean[autoConfigurationClasses.length];
		for (int i = 0; i < matches.length; i++) {
			String candidate = autoConfigurationClasses[i];
			matches[i] = !(flagonSessions && candidate != null && SPRING_SESSION_AUTO_CONFIGURATIONS.contains(candidate));
		}
		return matches;
	}

}
