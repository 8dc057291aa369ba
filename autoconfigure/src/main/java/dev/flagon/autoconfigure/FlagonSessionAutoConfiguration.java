package dev.flagon.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.flagon.session.FlagonFlashMapManager;
import dev.flagon.session.SessionCookie;
import dev.flagon.session.SessionStore;
import dev.flagon.session.SessionValueType;
import dev.flagon.session.SessionValues;
import dev.flagon.session.cookie.CookieSessionStore;
import dev.flagon.session.internal.DisabledSessionStore;
import dev.flagon.session.internal.FlashMapSessionValueType;
import dev.flagon.session.internal.SecuritySessionValueTypes;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.SearchStrategy;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * Auto-configuration for Flagon's sessions: the value codec shared by every store (with
 * Spring MVC's flash maps, and Spring Security's types when it is present, registered), the
 * {@link SessionCookie} every store's sessions travel in ({@code flagon.session.cookie.*}), and
 * the store chosen by {@code flagon.session.store}: the cookie store (the default) or none. The
 * Redis store has its own auto-configuration. Spring MVC's flash attributes are kept by a
 * {@link FlagonFlashMapManager}, which opens the session only when a flash waits, in place of
 * Spring Boot's.
 *
 * @author Flagon team
 * @since 0.1.0
 */
@AutoConfiguration(beforeName = "org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(FlagonProperties.class)
public final class FlagonSessionAutoConfiguration {

	/**
	 * The fewest bytes a secret key may have.
	 */
	static final int MIN_SECRET_KEY_BYTES = CookieSessionStore.MIN_SECRET_KEY_BYTES;

	private static final String MAKE_A_KEY = "for example the output of '" + CookieSessionStore.MAKE_A_SECRET_KEY + "'";

	// ${NAME} or ${NAME:default}, as Spring writes placeholders
	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}:]*)[^}]*}");

	@Bean
	@ConditionalOnMissingBean
	SessionValues flagonSessionValues(ObjectProvider<SessionValueType<?>> types) {
		return new SessionValues(types.orderedStream().toList());
	}

	// Each mounted application makes its own, from its own properties
	@Bean
	@ConditionalOnMissingBean(search = SearchStrategy.CURRENT)
	SessionCookie flagonSessionCookie(FlagonProperties properties) {
		return sessionCookie(properties.getSession().getCookie());
	}

	@Bean
	SessionValueType<?> flagonFlashMapSessionValueType() {
		return FlashMapSessionValueType.get();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(DispatcherServlet.class)
	static class FlashMapConfiguration {

		// Under Spring MVC's name, which Spring Boot leaves alone; a bean of that name of the
		// application's own wins
		@Bean(DispatcherServlet.FLASH_MAP_MANAGER_BEAN_NAME)
		@ConditionalOnMissingBean(name = DispatcherServlet.FLASH_MAP_MANAGER_BEAN_NAME,
				search = SearchStrategy.CURRENT)
		FlagonFlashMapManager flagonFlashMapManager(ObjectProvider<SessionCookie> sessionCookie) {
			// This context's own cookie: a mounted application's, not the root's
			return new FlagonFlashMapManager(sessionCookie.getObject());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "org.springframework.security.core.context.SecurityContext",
			"org.springframework.security.web.csrf.CsrfToken" })
	static class SecurityValueTypesConfiguration {

		@Bean
		SessionValueType<?> flagonSecurityContextSessionValueType() {
			return SecuritySessionValueTypes.securityContext();
		}

		@Bean
		SessionValueType<?> flagonCsrfTokenSessionValueType() {
			return SecuritySessionValueTypes.csrfToken();
		}

		@Bean
		SessionValueType<?> flagonSavedRequestSessionValueType() {
			return SecuritySessionValueTypes.savedRequest();
		}

		@Bean
		SessionValueType<?> flagonAuthenticationExceptionSessionValueType() {
			return SecuritySessionValueTypes.authenticationException();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "flagon.session.store", havingValue = "cookie", matchIfMissing = true)
	static class CookieStoreConfiguration {

		@Bean
		@ConditionalOnMissingBean(value = SessionStore.class, search = SearchStrategy.CURRENT)
		CookieSessionStore flagonCookieSessionStore(FlagonProperties properties, SessionValues values,
				ObjectProvider<SessionCookie> sessionCookie) {
			String secretKey = checkedSecretKey(properties.getSecretKey(), "flagon.secret-key");
			List<String> fallbacks = properties.getSecretKeyFallbacks();
			for (int i = 0; i < fallbacks.size(); i++) {
				checkedSecretKey(fallbacks.get(i), "flagon.secret-key-fallbacks[" + i + "]");
			}
			FlagonProperties.Session session = properties.getSession();
			FlagonProperties.Cookie cookie = session.getCookie();
			if (cookie.getCacheSize() < 0 || cookie.getCacheSize() > CookieSessionStore.MAX_CACHE_SIZE) {
				throw new InvalidConfigurationPropertyValueException("flagon.session.cookie.cache-size",
						cookie.getCacheSize(), "Must be from 0 (no cache) to " + CookieSessionStore.MAX_CACHE_SIZE);
			}
			// This context's own cookie: a mounted application's, not the root's
			SessionCookie transport = sessionCookie.getObject();
			CookieSessionStore store = switch (cookie.getFormat()) {
				case ENCRYPTED -> CookieSessionStore.encrypted(secretKey, fallbacks, transport, values);
				case FLASK -> CookieSessionStore.flask(secretKey, fallbacks, transport, values);
			};
			PropertyMapper map = PropertyMapper.get();
			map.from(cookie::getCacheSize).to(store::setCacheSize);
			map.from(session::getPermanentLifetime).to(store::setPermanentLifetime);
			map.from(session::isRefreshEachRequest).to(store::setRefreshEachRequest);
			return store;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "flagon.session.store", havingValue = "none")
	static class NoStoreConfiguration {

		@Bean
		@ConditionalOnMissingBean(value = SessionStore.class, search = SearchStrategy.CURRENT)
		DisabledSessionStore flagonDisabledSessionStore() {
			return new DisabledSessionStore();
		}

	}

	/**
	 * Make the session cookie of an application from its {@code flagon.session.cookie.*}.
	 */
	static SessionCookie sessionCookie(FlagonProperties.Cookie cookie) {
		if (cookie.getMaxAge() != null) {
			throw new InvalidConfigurationPropertyValueException("flagon.session.cookie.max-age", cookie.getMaxAge(),
					"A session cookie lives as long as its session: remove it, and set "
							+ "flagon.session.permanent-lifetime for permanent sessions.");
		}
		if (cookie.getPath() != null && !cookie.getPath().startsWith("/")) {
			throw new InvalidConfigurationPropertyValueException("flagon.session.cookie.path", cookie.getPath(),
					"A cookie path starts with '/', such as '/' or '/shop'.");
		}
		if (!StringUtils.hasText(cookie.getName())) {
			throw new InvalidConfigurationPropertyValueException("flagon.session.cookie.name", cookie.getName(),
					"Must not be empty: leave it unset for 'session'.");
		}
		return new SessionCookie(cookie);
	}

	static String checkedSecretKey(@Nullable String secretKey, String property) {
		if (!StringUtils.hasText(secretKey)) {
			throw new InvalidConfigurationPropertyValueException(property, "(none)",
					"The cookie session store needs a secret key: set " + property + " to a random value of at least "
							+ MIN_SECRET_KEY_BYTES + " bytes (" + MAKE_A_KEY + "), "
							+ "or choose another store with flagon.session.store=redis or none.");
		}
		Matcher placeholder = PLACEHOLDER.matcher(secretKey);
		if (placeholder.find()) {
			// Boot leaves a placeholder it cannot resolve as it is: never sign with its text
			String variable = placeholder.group(1);
			throw new InvalidConfigurationPropertyValueException(property, placeholder.group(),
					"The secret key is a placeholder that nothing resolved: set the environment variable " + variable
							+ " (or the property '" + variable + "') to a random value of at least "
							+ MIN_SECRET_KEY_BYTES + " bytes (" + MAKE_A_KEY + ").");
		}
		int length = secretKey.getBytes(StandardCharsets.UTF_8).length;
		if (length < MIN_SECRET_KEY_BYTES) {
			throw new InvalidConfigurationPropertyValueException(property, "(" + length + " bytes, hidden)",
					"A secret key must have at least " + MIN_SECRET_KEY_BYTES + " bytes: use a random value ("
							+ MAKE_A_KEY + ").");
		}
		return secretKey;
	}

}
