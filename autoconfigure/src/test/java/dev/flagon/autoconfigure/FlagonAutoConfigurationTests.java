package dev.flagon.autoconfigure;

import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.flagon.context.FlagonApp;
import dev.flagon.context.G;
import dev.flagon.hooks.BeforeRequest;
import dev.flagon.internal.AppRouter;
import dev.flagon.internal.AppRuntime;
import dev.flagon.internal.FlagonRequestFilter;
import dev.flagon.internal.HookInterceptor;
import dev.flagon.internal.MountedApps;
import dev.flagon.session.FlagonSession;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.support.ContextPropagatingTaskDecorator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link FlagonAutoConfiguration}.
 *
 * @author Flagon team
 */
@ExtendWith(OutputCaptureExtension.class)
class FlagonAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(FlagonAutoConfiguration.class))
		.withPropertyValues("flagon.session.store=none");

	@Test
	void withoutTomcatAListenerEndsAbandonedRequestsAndOnTomcatNoneIsRegistered() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.boot.tomcat"))
			.run((context) -> assertThat(context).hasBean("flagonRequestListenerRegistration"));
		this.contextRunner.run((context) -> {
			assertThat(context).doesNotHaveBean("flagonRequestListenerRegistration");
			assertThat(context).hasBean("flagonRequestEndingValveCustomizer");
		});
	}

	@Test
	void startupLogsNothingThatReadsAsIfFlagonWereDisabled(CapturedOutput output) {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(PlainApplication.class)
			.properties("server.port=0", "flagon.secret-key=startup-log-test-secret-key-of-32-bytes",
					"logging.level.org.springframework.boot.web=debug")
			.run()) {
			assertThat(context.getBean(FlagonRequestFilter.class)).isNotNull();
		}
		assertThat(output).doesNotContain("was not registered").doesNotContainPattern("(?i)flagon[^\\n]*disabled");
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class PlainApplication {

	}

	@Test
	void servletApplicationGetsTheFilterTheInterceptorAndTheContextBeans() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(FlagonRequestFilter.class);
			assertThat(context).hasSingleBean(HookInterceptor.class);
			assertThat(context).hasSingleBean(AppRouter.class);
			assertThat(context).hasSingleBean(AppRuntime.class);
			assertThat(context).hasSingleBean(FlagonApp.class);
			assertThat(context).hasSingleBean(G.class);
			assertThat(context).hasSingleBean(FlagonSession.class);
			assertThat(context).hasSingleBean(ContextPropagatingTaskDecorator.class);
			assertThat(context.getBean(FlagonApp.class).getName()).isEqualTo("application");
			assertThat(context.getBean(AppRouter.class).getRoot()).isSameAs(context.getBean(AppRuntime.class));
		});
	}

	@Test
	void mountsBackOffWhenFlagonItselfIsExcluded() {
		// As with spring.autoconfigure.exclude=...FlagonAutoConfiguration
		new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(FlagonMountsAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(MountedApps.class);
				assertThat(context).doesNotHaveBean(AppRouter.class);
			});
	}

	@Test
	void mountsAreConfiguredWithFlagon() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(FlagonMountsAutoConfiguration.class))
			.run((context) -> assertThat(context).hasSingleBean(MountedApps.class));
	}

	@Test
	void rootAppIsNamedAfterTheSpringApplication() {
		this.contextRunner.withPropertyValues("spring.application.name=shop")
			.run((context) -> assertThat(context.getBean(FlagonApp.class).getName()).isEqualTo("shop"));
	}

	@Test
	void nonWebApplicationGetsNoFilterButCanPushContexts() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(FlagonAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).doesNotHaveBean(FlagonRequestFilter.class);
				assertThat(context).doesNotHaveBean(HookInterceptor.class);
				assertThat(context).hasSingleBean(FlagonApp.class);
			});
	}

	@Test
	void filterBacksOffWhenUserDefinesOne() {
		this.contextRunner.withUserConfiguration(UserFilterConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(FlagonRequestFilter.class);
			assertThat(context.getBean(FlagonRequestFilter.class).getOrder()).isEqualTo(-5);
		});
	}

	@Test
	void routerBacksOffWhenUserDefinesOne() {
		this.contextRunner.withBean("userRouter", AppRouter.class, AppRouter::new)
			.run((context) -> assertThat(context).hasSingleBean(AppRouter.class).hasBean("userRouter"));
	}

	@Test
	void contextProxiesBackOffWhenUserDefinesThem() {
		this.contextRunner.withBean("userG", G.class, () -> mock(G.class))
			.withBean("userSession", FlagonSession.class, () -> mock(FlagonSession.class))
			.withBean("userApp", FlagonApp.class, () -> mock(FlagonApp.class))
			.run((context) -> {
				assertThat(context).hasSingleBean(G.class).hasBean("userG");
				assertThat(context).hasSingleBean(FlagonSession.class).hasBean("userSession");
				assertThat(context).hasSingleBean(FlagonApp.class).hasBean("userApp");
			});
	}

	@Test
	void taskDecoratorBacksOffWhenUserDefinesOne() {
		this.contextRunner.withBean("userDecorator", TaskDecorator.class, () -> (runnable) -> runnable)
			.run((context) -> assertThat(context).doesNotHaveBean(ContextPropagatingTaskDecorator.class)
				.hasSingleBean(TaskDecorator.class));
	}

	@Test
	void hookWithAParameterHooksCannotHaveFailsStartupNamingTheMethod() {
		this.contextRunner.withBean(BadHook.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.hasMessageContaining("@BeforeRequest")
				.hasMessageContaining("BadHook.before")
				.hasMessageContaining("java.lang.String")
				.hasMessageContaining("HttpServletRequest");
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserFilterConfiguration {

		@Bean
		FlagonRequestFilter userFilter(AppRouter router) {
			FlagonRequestFilter filter = new FlagonRequestFilter(router);
			filter.setOrder(-5);
			return filter;
		}

	}

	static class BadHook {

		@BeforeRequest
		void before(HttpServletRequest request, String notAHookParameter) {
		}

	}

}
