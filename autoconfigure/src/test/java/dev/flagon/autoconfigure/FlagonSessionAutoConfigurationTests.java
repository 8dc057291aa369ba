package dev.flagon.autoconfigure;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;

import dev.flagon.internal.AppRuntime;
import dev.flagon.session.FlagonFlashMapManager;
import dev.flagon.session.FlagonSession;
import dev.flagon.session.SessionCookie;
import dev.flagon.session.SessionStore;
import dev.flagon.session.SessionValueType;
import dev.flagon.session.SessionValues;
import dev.flagon.session.cookie.CookieSessionStore;
import dev.flagon.session.internal.DisabledSessionStore;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.FlashMapManager;
import org.springframework.web.servlet.support.SessionFlashMapManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link FlagonSessionAutoConfiguration}.
 *
 * @author Flagon team
 */
class FlagonSessionAutoConfigurationTests {

	private static final String SECRET = "flagon.secret-key=auto-configuration-test-secret-of-32-bytes";

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(FlagonSessionAutoConfiguration.class, FlagonAutoConfiguration.class));

	@Test
	void cookieStoreIsTheDefault() {
		this.contextRunner.withPropertyValues(SECRET).run((context) -> {
			assertThat(context).hasSingleBean(CookieSessionStore.class);
			assertThat(context.getBean(AppRuntime.class).getSessionStore()).isSameAs(context.getBean(SessionStore.class));
		});
	}

	@Test
	void cookieStoreWithoutASecretKeyFailsStartupSayingHowToFixIt() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("flagon.secret-key")
				.hasMessageContaining("at least 32 bytes");
		});
	}

	@Test
	void cookieStoreWithAShortSecretKeyFailsStartupWithoutShowingTheKey() {
		this.contextRunner.withPropertyValues("flagon.secret-key=too-short-secret").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("flagon.secret-key")
				.hasMessageContaining("at least 32 bytes")
				.hasMessageNotContaining("too-short-secret");
		});
	}

	@Test
	void unresolvedPlaceholderAsSecretKeyFailsStartupNamingTheVariable() {
		this.contextRunner.withPropertyValues("flagon.secret-key=${FLAGON_SECRET_KEY}").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("flagon.secret-key")
				.hasMessageContaining("set the environment variable FLAGON_SECRET_KEY")
				.hasMessageNotContaining("shorter");
		});
	}

	@Test
	void unresolvedPlaceholderLongerThanAKeyStillFailsStartup() {
		this.contextRunner.withPropertyValues("flagon.secret-key=${THIS_ENV_VAR_IS_NOT_SET_ANYWHERE_AT_ALL}")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("THIS_ENV_VAR_IS_NOT_SET_ANYWHERE_AT_ALL");
			});
		this.contextRunner.withPropertyValues(SECRET, "flagon.secret-key-fallbacks=${OLD_FLAGON_KEY_THAT_IS_NOT_SET}")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("flagon.secret-key-fallbacks[0]")
					.hasMessageContaining("OLD_FLAGON_KEY_THAT_IS_NOT_SET");
			});
	}

	@Test
	void shortFallbackKeyFailsStartupNamingIt() {
		this.contextRunner.withPropertyValues(SECRET, "flagon.secret-key-fallbacks=short").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("flagon.secret-key-fallbacks[0]");
		});
	}

	@Test
	void negativeCookieCacheSizeFailsStartupNamingIt() {
		this.contextRunner.withPropertyValues(SECRET, "flagon.session.cookie.cache-size=-1").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("flagon.session.cookie.cache-size");
		});
	}

	@Test
	void cookieCacheCanBeTurnedOff() {
		this.contextRunner.withPropertyValues(SECRET, "flagon.session.cookie.cache-size=0")
			.run((context) -> assertThat(context).hasSingleBean(CookieSessionStore.class));
	}

	@Test
	void storeNoneDisablesSessions() {
		this.contextRunner.withPropertyValues("flagon.session.store=none")
			.run((context) -> assertThat(context).hasSingleBean(DisabledSessionStore.class)
				.doesNotHaveBean(CookieSessionStore.class));
	}

	@Test
	void cookieStoreBacksOffWhenUserDefinesASessionStore() {
		this.contextRunner.withBean("userStore", SessionStore.class, UserStore::new).run((context) -> {
			assertThat(context).hasSingleBean(SessionStore.class).hasBean("userStore");
			assertThat(context.getBean(AppRuntime.class).getSessionStore()).isInstanceOf(UserStore.class);
		});
	}

	@Test
	void flashMapManagerReplacesSpringBootsAndFollowsTheSessionCookie() {
		this.contextRunner.withPropertyValues(SECRET, "flagon.session.cookie.name=sid")
			.withConfiguration(
					AutoConfigurations.of(WebMvcAutoConfiguration.class, DispatcherServletAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).hasSingleBean(FlashMapManager.class);
				assertThat(context.getBean(DispatcherServlet.FLASH_MAP_MANAGER_BEAN_NAME))
					.isInstanceOfSatisfying(FlagonFlashMapManager.class,
							(manager) -> assertThat(manager.getCookieName()).isEqualTo("sid_flash"));
			});
	}

	@Test
	void cookieStoreTravelsInTheSessionCookieConfiguredOnce() {
		this.contextRunner
			.withPropertyValues(SECRET, "flagon.session.cookie.name=sid", "flagon.session.cookie.path=/shop",
					"flagon.session.cookie.domain=example.com", "flagon.session.cookie.secure=true",
					"flagon.session.cookie.same-site=strict", "flagon.session.cookie.partitioned=true")
			.run((context) -> {
				SessionCookie cookie = context.getBean(SessionCookie.class);
				assertThat(context.getBean(CookieSessionStore.class).getCookie()).isSameAs(cookie);
				assertThat(cookie.header("v", null))
					.isEqualTo("sid=v; Path=/shop; Domain=example.com; Secure; HttpOnly; Partitioned; SameSite=Strict");
			});
	}

	@Test
	void flashMapManagerBacksOffWhenUserDefinesOne() {
		this.contextRunner.withPropertyValues(SECRET)
			.withBean(DispatcherServlet.FLASH_MAP_MANAGER_BEAN_NAME, FlashMapManager.class, SessionFlashMapManager::new)
			.run((context) -> assertThat(context.getBean(FlashMapManager.class)).isExactlyInstanceOf(SessionFlashMapManager.class));
	}

	@Test
	void sessionCookieHasFlasksDefaults() {
		this.contextRunner.withPropertyValues(SECRET)
			.run((context) -> assertThat(context.getBean(SessionCookie.class).header("v", null))
				.isEqualTo("session=v; Path=/; HttpOnly; SameSite=Lax"));
	}

	@Test
	void sameSiteOmittedSendsNoSameSiteAttribute() {
		this.contextRunner.withPropertyValues(SECRET, "flagon.session.cookie.same-site=omitted")
			.run((context) -> assertThat(context.getBean(SessionCookie.class).header("v", null))
				.isEqualTo("session=v; Path=/; HttpOnly"));
	}

	@Test
	void sessionCookieMaxAgeFailsStartupPointingToThePermanentLifetime() {
		this.contextRunner.withPropertyValues(SECRET, "flagon.session.cookie.max-age=1h").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("flagon.session.cookie.max-age")
				.hasMessageContaining("flagon.session.permanent-lifetime");
		});
	}

	@Test
	void sessionCookiePathNotStartingWithASlashFailsStartupNamingIt() {
		this.contextRunner.withPropertyValues(SECRET, "flagon.session.cookie.path=shop").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("flagon.session.cookie.path");
		});
	}

	@Test
	void sessionCookieBacksOffWhenUserDefinesOne() {
		SessionCookie cookie = new SessionCookie();
		this.contextRunner.withPropertyValues(SECRET, "flagon.session.cookie.name=ignored")
			.withBean(SessionCookie.class, () -> cookie)
			.run((context) -> {
				assertThat(context).hasSingleBean(SessionCookie.class);
				assertThat(context.getBean(CookieSessionStore.class).getCookie()).isSameAs(cookie);
			});
	}

	@Test
	void sessionValuesBackOffWhenUserDefinesThem() {
		SessionValues values = new SessionValues(java.util.List.of());
		this.contextRunner.withPropertyValues(SECRET)
			.withBean(SessionValues.class, () -> values)
			.run((context) -> assertThat(context.getBean(SessionValues.class)).isSameAs(values));
	}

	@Test
	void springSecurityTypesAreRegisteredWhenSpringSecurityIsPresent() {
		this.contextRunner.withPropertyValues(SECRET)
			.run((context) -> assertThat(context.getBeansOfType(SessionValueType.class)).hasSize(5));
		this.contextRunner.withPropertyValues(SECRET)
			.withClassLoader(new FilteredClassLoader(SecurityContext.class))
			.run((context) -> assertThat(context.getBeansOfType(SessionValueType.class)).hasSize(1));
	}

	@Test
	void nonWebApplicationsGetNoSessionStore() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(FlagonSessionAutoConfiguration.class, FlagonAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(SessionStore.class));
	}

	static class UserStore implements SessionStore<FlagonSession> {

		@Override
		public FlagonSession openSession(HttpServletRequest request) {
			throw new UnsupportedOperationException();
		}

		@Override
		public void saveSession(FlagonSession session, HttpServletRequest request, HttpServletResponse response) {
		}

	}

}
