package dev.flagon.autoconfigure;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.flagon.actuate.FlagonEndpoint;
import dev.flagon.internal.AppRouter;
import dev.flagon.internal.AppRuntime;
import dev.flagon.session.SessionStore;
import dev.flagon.session.internal.DisabledSessionStore;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration for the {@code flagon} actuator endpoint, which lists the applications,
 * their hooks and their session stores.
 *
 * @author Flagon team
 * @since 0.1.0
 */
@AutoConfiguration(after = FlagonMountsAutoConfiguration.class)
@ConditionalOnClass(Endpoint.class)
public final class FlagonEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint
	FlagonEndpoint flagonEndpoint(AppRouter router) {
		return new FlagonEndpoint(() -> describeApps(router));
	}

	/**
	 * Describe the applications: the root one first, then the mounted ones by prefix.
	 */
	static List<FlagonEndpoint.AppDescriptor> describeApps(AppRouter router) {
		List<AppRuntime> apps = new ArrayList<>();
		AppRuntime root = router.getRoot();
		if (root != null) {
			apps.add(root);
		}
		router.getMounts().stream().sorted(Comparator.comparing(AppRuntime::getPrefix)).forEach(apps::add);
		return apps.stream()
			.map((app) -> new FlagonEndpoint.AppDescriptor(app.getName(), app.getPrefix(), app.getHooks().describe(),
					describeSession(app)))
			.toList();
	}

	/**
	 * Describe the session store of an application from its own {@link FlagonProperties}:
	 * what it is and the settings of its cookie, never the secret key.
	 */
	static Map<String, Object> describeSession(AppRuntime app) {
		SessionStore<?> store = app.getSessionStore();
		FlagonProperties.Session properties = app.getApp()
			.getApplicationContext()
			.getBean(FlagonProperties.class)
			.getSession();
		Map<String, Object> description = new LinkedHashMap<>();
		String kind = kind(store, properties);
		description.put("store", kind);
		description.put("type", store.getClass().getName());
		if (kind.equals("cookie") || kind.equals("redis")) {
			FlagonProperties.Cookie cookie = properties.getCookie();
			Map<String, Object> cookieDescription = new LinkedHashMap<>();
			cookieDescription.put("name", cookie.getName());
			cookieDescription.put("path", cookie.getPath());
			if (cookie.getDomain() != null) {
				cookieDescription.put("domain", cookie.getDomain());
			}
			cookieDescription.put("secure", Boolean.TRUE.equals(cookie.getSecure()));
			cookieDescription.put("httpOnly", !Boolean.FALSE.equals(cookie.getHttpOnly()));
			if (cookie.getSameSite() != null) {
				cookieDescription.put("sameSite", lower(cookie.getSameSite()));
			}
			if (kind.equals("cookie")) {
				cookieDescription.put("format", lower(cookie.getFormat()));
			}
			description.put("cookie", cookieDescription);
		}
		if (kind.equals("redis")) {
			description.put("namespace", properties.getRedis().getNamespace());
		}
		return description;
	}

	private static String kind(SessionStore<?> store, FlagonProperties.Session properties) {
		if (store instanceof DisabledSessionStore) {
			return "none";
		}
		boolean flagons = store.getClass().getName().startsWith(SessionStore.class.getPackageName() + ".");
		return flagons ? lower(properties.getStore()) : "custom";
	}

	private static String lower(Enum<?> value) {
		return value.name().toLowerCase(Locale.ROOT);
	}

}
