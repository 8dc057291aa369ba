package dev.flagon.dispatch;

import java.util.function.BiConsumer;

import org.junit.jupiter.api.Test;

import dev.flagon.Flagon;
import dev.flagon.autoconfigure.FlagonAutoConfiguration;
import dev.flagon.autoconfigure.FlagonMountsAutoConfiguration;
import dev.flagon.autoconfigure.FlagonProperties;
import dev.flagon.autoconfigure.FlagonSessionAutoConfiguration;
import dev.flagon.context.AppContext;
import dev.flagon.context.FlagonApp;
import dev.flagon.dispatch.fixtures.other.OtherApp;
import dev.flagon.dispatch.fixtures.plain.PlainApp;
import dev.flagon.dispatch.fixtures.plain.PlainComponent;
import dev.flagon.dispatch.fixtures.store.NamedSessionStore;
import dev.flagon.dispatch.fixtures.store.StoreApp;
import dev.flagon.internal.AppRouter;
import dev.flagon.internal.AppRuntime;
import dev.flagon.internal.MountedApps;
import dev.flagon.session.SessionCookie;
import dev.flagon.session.SessionStore;
import dev.flagon.session.cookie.CookieSessionStore;
import dev.flagon.session.internal.DisabledSessionStore;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a mounted application's Spring context holds and sees.
 *
 * @author Flagon team
 */
class MountedAppContextTests {

	private static final String SECRET_KEY = "a-test-secret-key-of-at-least-32-bytes";

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(FlagonAutoConfiguration.class, FlagonSessionAutoConfiguration.class,
				FlagonMountsAutoConfiguration.class))
		.withPropertyValues("spring.application.name=root", "flagon.secret-key=" + SECRET_KEY,
				"flagon.mounts[0].name=plain",
				"flagon.mounts[0].prefix=/plain", "flagon.mounts[0].sources=" + PlainApp.class.getName());

	@Test
	void mountedAppIsAChildContextHoldingItsScannedComponents() {
		this.runner.run(withPlain((root, plain) -> {
			assertThat(plain.getParent()).isSameAs(root);
			assertThat(plain.getBeansOfType(PlainComponent.class)).hasSize(1);
			assertThat(root.getBeansOfType(PlainComponent.class)).isEmpty();
			assertThat(plain.getBean("plainGreeting")).isEqualTo("hello from plain");
		}));
	}

	@Test
	void mountedAppHasItsOwnSpringMvc() {
		this.runner.run(withPlain((root, plain) -> assertThat(plain.getBeanFactory()
			.getBeanNamesForType(RequestMappingHandlerMapping.class)).containsExactly("requestMappingHandlerMapping")));
	}

	@Test
	void routerKnowsTheRootAndTheMountedApp() {
		this.runner.run((context) -> {
			AppRouter router = context.getBean(AppRouter.class);
			assertThat(router.getRoot()).satisfies((root) -> {
				assertThat(root.getName()).isEqualTo("root");
				assertThat(root.getPrefix()).isEmpty();
			});
			assertThat(router.getMounts()).singleElement().satisfies((mount) -> {
				assertThat(mount.getName()).isEqualTo("plain");
				assertThat(mount.getPrefix()).isEqualTo("/plain");
			});
		});
	}

	@Test
	void mountedAppsInjectableFlagonAppPushesContextsOfThatApp() {
		this.runner.run(withPlain((root, plain) -> {
			FlagonApp app = plain.getBean(FlagonApp.class);
			assertThat(app.getName()).isEqualTo("plain");
			try (AppContext context = app.appContext()) {
				assertThat(Flagon.currentApp().getName()).isEqualTo("plain");
				assertThat(Flagon.currentApp().getApplicationContext()).isSameAs(plain);
			}
			assertThat(root.getBean(FlagonApp.class).getName()).isEqualTo("root");
		}));
	}

	@Test
	void mountedAppsSessionCookieDefaultsToANameAndPathOfItsOwn() {
		this.runner.run(withPlain((root, plain) -> {
			FlagonProperties.Cookie cookie = plain.getBean(FlagonProperties.class).getSession().getCookie();
			assertThat(cookie.getName()).isEqualTo("session_plain");
			assertThat(cookie.getPath()).isEqualTo("/plain");
			assertThat(plain.getBean(FlagonProperties.class).getSession().getRedis().getNamespace())
				.isEqualTo("flagon:session:plain");
			FlagonProperties.Cookie rootCookie = root.getBean(FlagonProperties.class).getSession().getCookie();
			assertThat(rootCookie.getName()).isEqualTo("session");
			assertThat(rootCookie.getPath()).isEqualTo("/");
		}));
	}

	@Test
	void mountedAppsSessionDefaultsFollowTheRootsSettingsAndContextPath() {
		this.runner
			.withPropertyValues("flagon.session.cookie.name=sid", "flagon.session.redis.namespace=shop",
					"server.servlet.context-path=/ctx")
			.run(withPlain((root, plain) -> {
				FlagonProperties properties = plain.getBean(FlagonProperties.class);
				assertThat(properties.getSession().getCookie().getName()).isEqualTo("sid_plain");
				assertThat(properties.getSession().getCookie().getPath()).isEqualTo("/ctx/plain");
				assertThat(properties.getSession().getRedis().getNamespace()).isEqualTo("shop:plain");
			}));
	}

	@Test
	void mountedAppHasACookieSessionStoreOfItsOwnWithItsOwnCookieName() {
		this.runner.run((context) -> {
			AppRouter router = context.getBean(AppRouter.class);
			SessionStore<?> rootStore = router.getRoot().getSessionStore();
			SessionStore<?> plainStore = mount(router, "plain").getSessionStore();
			assertThat(plainStore).isInstanceOf(CookieSessionStore.class).isNotSameAs(rootStore);
			assertThat(((CookieSessionStore) rootStore).getCookie().getName()).isEqualTo("session");
			assertThat(((CookieSessionStore) plainStore).getCookie().getName()).isEqualTo("session_plain");
			// One cookie per application, configured from its own properties, used by its store
			SessionCookie plainCookie = mount(router, "plain").getApp()
				.getApplicationContext()
				.getBean(SessionCookie.class);
			assertThat(((CookieSessionStore) plainStore).getCookie()).isSameAs(plainCookie);
			assertThat(plainCookie.header("v", null)).startsWith("session_plain=v; Path=/plain;");
			assertThat(context.getBean(SessionCookie.class)).isSameAs(((CookieSessionStore) rootStore).getCookie());
		});
	}

	@Test
	void mountedAppWithSessionsDisabledHasADisabledStore() {
		this.runner.withPropertyValues("flagon.mounts[0].properties[flagon.session.store]=none")
			.run((context) -> {
				AppRouter router = context.getBean(AppRouter.class);
				assertThat(router.getRoot().getSessionStore()).isInstanceOf(CookieSessionStore.class);
				assertThat(mount(router, "plain").getSessionStore()).isInstanceOf(DisabledSessionStore.class);
			});
	}

	@Test
	void mountedAppWithASecretKeyTooShortFailsToStartNamingTheMount() {
		this.runner.withPropertyValues("flagon.mounts[0].properties[flagon.secret-key]=short")
			.run((context) -> {
				assertThat(context).getFailure().hasMessageContaining("Mounted app 'plain' at /plain failed to start");
				assertThat(context).getFailure().rootCause().hasMessageContaining("flagon.secret-key");
			});
	}

	@Test
	void mountPropertiesOverrideTheDefaultsAndTheRootsProperties() {
		this.runner
			.withPropertyValues("flagon.mounts[0].properties[flagon.secret-key]=plain-key-of-at-least-32-bytes-long",
					"flagon.mounts[0].properties[flagon.session.cookie.name]=plain_cookie",
					"flagon.mounts[0].properties[flagon.session.cookie.format]=flask")
			.run(withPlain((root, plain) -> {
				FlagonProperties properties = plain.getBean(FlagonProperties.class);
				assertThat(properties.getSecretKey()).isEqualTo("plain-key-of-at-least-32-bytes-long");
				assertThat(properties.getSession().getCookie().getName()).isEqualTo("plain_cookie");
				assertThat(properties.getSession().getCookie().getPath()).isEqualTo("/plain");
				assertThat(properties.getSession().getCookie().getFormat())
					.isEqualTo(FlagonProperties.CookieFormat.FLASK);
				assertThat(root.getBean(FlagonProperties.class).getSecretKey()).isEqualTo(SECRET_KEY);
			}));
	}

	@Test
	void mountedAppSeesTheRootsBeans() {
		this.runner.withUserConfiguration(RootBeans.class)
			.run(withPlain((root, plain) -> assertThat(plain.getBean("sharedThing")).isEqualTo("shared")));
	}

	@Test
	void mountedAppUsesItsOwnSessionStoreNotTheRootsOne() {
		this.runner.withUserConfiguration(RootSessionStore.class)
			.withPropertyValues("flagon.mounts[1].name=store", "flagon.mounts[1].prefix=/store",
					"flagon.mounts[1].sources=" + StoreApp.class.getName())
			.run((context) -> {
				AppRouter router = context.getBean(AppRouter.class);
				assertThat(router.getRoot().getSessionStore()).isEqualTo(new NamedSessionStore("root"));
				assertThat(mount(router, "store").getSessionStore()).isEqualTo(new NamedSessionStore("store-app"));
			});
	}

	@Test
	void mountedAppsAreDeclaredWithTheBuilderToo() {
		this.runner.withUserConfiguration(BuilderMounts.class).run((context) -> {
			MountedApps apps = context.getBean(MountedApps.class);
			assertThat(apps.getMounts()).extracting(Mount::getName).containsExactly("plain", "other");
			assertThat(apps.getApplicationContext("other")).isNotNull();
			assertThat(mount(context.getBean(AppRouter.class), "other").getSessionStore())
				.isInstanceOf(CookieSessionStore.class);
		});
	}

	@Test
	void closingTheRootClosesTheMountedApps() {
		this.runner.run(withPlain((root, plain) -> {
			root.close();
			assertThat(plain.isActive()).isFalse();
		}));
	}

	@Test
	void pausingTheRootStopsTheMountedAppsWithoutClosingThem() {
		this.runner.run(withPlain((root, plain) -> {
			root.stop();
			assertThat(plain.isActive()).isTrue();
			root.start();
			assertThat(plain.isActive()).isTrue();
			assertThat(plain.getBean(PlainComponent.class)).isNotNull();
		}));
	}

	private static AppRuntime mount(AppRouter router, String name) {
		return router.getMounts().stream().filter((mount) -> mount.getName().equals(name)).findFirst().orElseThrow();
	}

	private static ContextConsumer<AssertableWebApplicationContext> withPlain(
			BiConsumer<ConfigurableApplicationContext, ConfigurableApplicationContext> assertions) {
		return (context) -> {
			assertThat(context).hasNotFailed();
			ConfigurableApplicationContext plain = context.getBean(MountedApps.class).getApplicationContext("plain");
			assertThat(plain).isNotNull();
			assertions.accept(context.getSourceApplicationContext(), plain);
		};
	}

	@Configuration(proxyBeanMethods = false)
	static class RootBeans {

		@Bean
		String sharedThing() {
			return "shared";
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RootSessionStore {

		@Bean
		NamedSessionStore rootSessionStore() {
			return new NamedSessionStore("root");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BuilderMounts {

		@Bean
		FlagonMounts mounts() {
			return FlagonMounts.builder().mount("other", "/other", OtherApp.class).build();
		}

	}

}
