package dev.flagon.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.flagon.dispatch.Mount;

import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.web.context.servlet.ApplicationServletEnvironment;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.util.StringUtils;

/**
 * Builds the {@code Environment} of a mounted application: the mount's own properties, then
 * the defaults that keep its session apart from the other applications', then everything the
 * root application sees, in the root's order.
 * <p>
 * The session defaults, each overridable in the mount's properties:
 * <ul>
 * <li>{@code flagon.session.cookie.name}: the root's cookie name, {@code '_'}, the mount's
 * name ({@code session_admin}), so that no application ever reads another's cookie, even
 * though the root's cookie (path {@code /}) is sent to every application;</li>
 * <li>{@code flagon.session.cookie.path}: the context path and the mount's prefix, so that the
 * browser sends the cookie to this application only;</li>
 * <li>{@code flagon.session.redis.namespace}: the root's namespace, {@code ':'}, the mount's
 * name, so that a session id is only ever looked up among its own application's sessions.</li>
 * </ul>
 *
 * @author Flagon team
 */
final class MountEnvironment {

	static final String COOKIE_NAME = "flagon.session.cookie.name";

	static final String COOKIE_PATH = "flagon.session.cookie.path";

	static final String REDIS_NAMESPACE = "flagon.session.redis.namespace";

	private MountEnvironment() {
	}

	static ConfigurableEnvironment create(ConfigurableEnvironment root, Mount mount) {
		ApplicationServletEnvironment environment = new ApplicationServletEnvironment();
		MutablePropertySources sources = environment.getPropertySources();
		// Only the mount's and the root's sources: none of a fresh environment's own
		sources.stream().map(PropertySource::getName).toList().forEach(sources::remove);
		String name = "flagon.mounts[" + mount.getName() + "]";
		sources.addLast(new MapPropertySource(name + ".properties", new LinkedHashMap<>(mount.getProperties())));
		sources.addLast(new MapPropertySource(name + ".defaults", defaults(root, mount)));
		for (PropertySource<?> source : root.getPropertySources()) {
			if (!sources.contains(source.getName())) {
				sources.addLast(source);
			}
		}
		ConfigurationPropertySources.attach(environment);
		environment.setActiveProfiles(root.getActiveProfiles());
		environment.setDefaultProfiles(root.getDefaultProfiles());
		environment.setConversionService(root.getConversionService());
		return environment;
	}

	static Map<String, Object> defaults(ConfigurableEnvironment root, Mount mount) {
		String contextPath = root.getProperty("server.servlet.context-path", "");
		contextPath = StringUtils.trimTrailingCharacter(contextPath, '/');
		Map<String, Object> defaults = new LinkedHashMap<>();
		defaults.put(COOKIE_NAME, root.getProperty(COOKIE_NAME, "session") + "_" + mount.getName());
		defaults.put(COOKIE_PATH, contextPath + mount.getPrefix());
		defaults.put(REDIS_NAMESPACE, root.getProperty(REDIS_NAMESPACE, "flagon:session") + ":" + mount.getName());
		return defaults;
	}

}
