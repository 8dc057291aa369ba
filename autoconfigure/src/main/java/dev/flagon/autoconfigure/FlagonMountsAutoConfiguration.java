package dev.flagon.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.MultipartConfigElement;
import org.jspecify.annotations.Nullable;

import dev.flagon.dispatch.FlagonMounts;
import dev.flagon.dispatch.Mount;
import dev.flagon.internal.AppRouter;
import dev.flagon.internal.MountedApps;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.util.ClassUtils;

/**
 * Auto-configuration for applications mounted under URL prefixes: those of
 * {@code flagon.mounts} and of {@link FlagonMounts} beans, each with its own Spring context
 * and {@code DispatcherServlet}. Backs off when Flagon's own auto-configuration (its router) is
 * not there.
 *
 * @author Flagon team
 * @since 0.1.0
 */
@AutoConfiguration(after = FlagonAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBean(AppRouter.class)
public final class FlagonMountsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MountedApps flagonMountedApps(ConfigurableApplicationContext applicationContext, FlagonProperties properties,
			ObjectProvider<FlagonMounts> mounts) {
		List<Mount> all = new ArrayList<>(fromProperties(properties.getMounts(), applicationContext.getClassLoader()));
		mounts.orderedStream().forEach((declared) -> all.addAll(declared.getMounts()));
		return new MountedApps(applicationContext, all);
	}

	@Bean
	ServletContextInitializer flagonMountedAppsServletInitializer(MountedApps mountedApps,
			ObjectProvider<MultipartConfigElement> multipartConfig) {
		return (servletContext) -> mountedApps.registerServlets(servletContext, multipartConfig.getIfAvailable());
	}

	static List<Mount> fromProperties(List<FlagonProperties.Mount> mounts, @Nullable ClassLoader classLoader) {
		List<Mount> result = new ArrayList<>();
		for (int i = 0; i < mounts.size(); i++) {
			FlagonProperties.Mount mount = mounts.get(i);
			String property = "flagon.mounts[" + i + "]";
			String name = mount.getName();
			check(property + ".name", name, () -> Mount.checkName(name));
			String prefix = mount.getPrefix();
			check(property + ".prefix", prefix, () -> Mount.checkPrefix(name, prefix));
			String sources = mount.getSources();
			if (sources == null || sources.isBlank()) {
				throw new InvalidConfigurationPropertyValueException(property + ".sources", sources, "Mount '" + name
						+ "' needs the name of its @Configuration class, whose package holds its components");
			}
			Class<?> type;
			try {
				type = ClassUtils.forName(sources.strip(), classLoader);
			}
			catch (ClassNotFoundException | LinkageError ex) {
				throw new InvalidConfigurationPropertyValueException(property + ".sources", sources,
						"Mount '" + name + "': class '" + sources.strip() + "' not found");
			}
			result.add(new Mount(name, prefix, type, mount.getProperties()));
		}
		return result;
	}

	private static void check(String property, @Nullable String value, Runnable check) {
		try {
			check.run();
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationPropertyValueException(property, value, ex.getMessage());
		}
	}

}
