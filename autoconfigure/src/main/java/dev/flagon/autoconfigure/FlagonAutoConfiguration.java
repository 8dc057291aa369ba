package dev.flagon.autoconfigure;

import java.util.EnumSet;
import java.util.List;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletRequestListener;

import dev.flagon.context.FlagonApp;
import dev.flagon.context.G;
import dev.flagon.dispatch.Mount;
import dev.flagon.internal.AppRouter;
import dev.flagon.internal.AppRuntime;
import dev.flagon.internal.ContextArgumentResolver;
import dev.flagon.internal.FlagonRequestFilter;
import dev.flagon.internal.HookInterceptor;
import dev.flagon.internal.RequestEndingValve;
import dev.flagon.session.FlagonSession;
import dev.flagon.session.SessionStore;
import dev.flagon.session.internal.DisabledSessionStore;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.SearchStrategy;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.boot.web.servlet.ServletListenerRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.support.ContextPropagatingTaskDecorator;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

/**
 * Auto-configuration for Flagon's contexts and hooks: the
 * root {@link FlagonApp}, the injectable {@link G}, {@link FlagonSession} and
 * {@link FlagonApp}, context propagation to task executors, and, in a servlet web
 * application, the request filter, the hook interceptor, and the servlet container's own
 * session tracking turned off.
 *
 * @author Flagon team
 * @since 0.1.0
 */
@AutoConfiguration(before = TaskExecutionAutoConfiguration.class,
		afterName = "dev.flagon.autoconfigure.FlagonSessionAutoConfiguration")
@EnableConfigurationProperties(FlagonProperties.class)
public final class FlagonAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	AppRouter flagonAppRouter() {
		return new AppRouter();
	}

	@Bean
	@ConditionalOnMissingBean(search = SearchStrategy.CURRENT)
	AppRuntime flagonAppRuntime(ApplicationContext applicationContext, Environment environment,
			FlagonProperties properties, ObjectProvider<SessionStore<?>> sessionStore, AppRouter router,
			ObjectProvider<Mount> mount) {
		// A mounted app's context holds its Mount; the root application's holds none
		Mount mounted = mount.getIfAvailable();
		String name = (mounted != null) ? mounted.getName()
				: environment.getProperty("spring.application.name", "application");
		SessionStore<?> store = (mounted != null) ? ownSessionStore(applicationContext)
				: sessionStore.getIfAvailable(DisabledSessionStore::new);
		AppRuntime runtime = new AppRuntime(name, (mounted != null) ? mounted.getPrefix() : "", applicationContext,
				store, properties.getSession().getPermanentLifetime());
		if (mounted != null) {
			router.mount(runtime);
		}
		else {
			router.setRoot(runtime);
		}
		return runtime;
	}

	private static SessionStore<?> ownSessionStore(ApplicationContext applicationContext) {
		// The parent's store is the root application's: a mounted app never shares it
		boolean own = applicationContext.getBeanNamesForType(SessionStore.class).length > 0;
		return own ? applicationContext.getBean(SessionStore.class) : new DisabledSessionStore();
	}

	@Bean
	@ConditionalOnMissingBean(search = SearchStrategy.CURRENT)
	FlagonApp flagonApp(AppRuntime runtime) {
		return new CurrentFlagonApp(runtime.getApp());
	}

	@Bean
	@ConditionalOnMissingBean
	G flagonG() {
		return new CurrentG();
	}

	@Bean
	@ConditionalOnMissingBean
	FlagonSession flagonSession() {
		return new CurrentFlagonSession();
	}

	@Bean
	@ConditionalOnMissingBean(TaskDecorator.class)
	ContextPropagatingTaskDecorator flagonContextPropagatingTaskDecorator() {
		return new ContextPropagatingTaskDecorator();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	static class ServletConfiguration {

		private static final String TOMCAT_VALVE = "org.apache.catalina.Valve";

		private static final String TOMCAT_FACTORY = "org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory";

		@Bean
		@ConditionalOnMissingBean
		FlagonRequestFilter flagonRequestFilter(AppRouter router) {
			return new FlagonRequestFilter(router);
		}

		@Bean
		@ConditionalOnMissingBean(name = "flagonRequestFilterRegistration")
		FilterRegistrationBean<FlagonRequestFilter> flagonRequestFilterRegistration(FlagonRequestFilter filter) {
			FilterRegistrationBean<FlagonRequestFilter> registration = new FilterRegistrationBean<>(filter);
			registration.setDispatcherTypes(EnumSet.allOf(DispatcherType.class));
			registration.setOrder(filter.getOrder());
			registration.setAsyncSupported(true);
			return registration;
		}

		@Bean
		@ConditionalOnMissingBean(name = "flagonContainerSessionTrackingInitializer")
		ServletContextInitializer flagonContainerSessionTrackingInitializer(Environment environment) {
			boolean configured = Binder.get(environment)
				.bind("server.servlet.session.tracking-modes", Bindable.setOf(String.class))
				.isBound();
			return new ContainerSessionTrackingInitializer(configured);
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(name = { TOMCAT_VALVE, TOMCAT_FACTORY })
		static class TomcatConfiguration {

			// On embedded Tomcat a valve ends abandoned requests; no listener is needed
			@Bean
			WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> flagonRequestEndingValveCustomizer() {
				return (factory) -> factory.addEngineValves(new RequestEndingValve());
			}

		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnMissingClass(TOMCAT_FACTORY)
		static class ListenerConfiguration {

			@Bean
			@ConditionalOnMissingBean(name = "flagonRequestListenerRegistration")
			ServletListenerRegistrationBean<ServletRequestListener> flagonRequestListenerRegistration() {
				return new ServletListenerRegistrationBean<>(FlagonRequestFilter.abandonedRequestListener());
			}

		}

		@Bean
		@ConditionalOnMissingBean(search = SearchStrategy.CURRENT)
		HookInterceptor flagonHookInterceptor(ObjectProvider<RequestMappingHandlerAdapter> handlerAdapter) {
			return new HookInterceptor(handlerAdapter);
		}

		@Bean
		WebMvcConfigurer flagonHookInterceptorConfigurer(HookInterceptor interceptor) {
			return new WebMvcConfigurer() {

				@Override
				public void addInterceptors(InterceptorRegistry registry) {
					registry.addInterceptor(interceptor).order(Integer.MIN_VALUE);
				}

				@Override
				public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
					resolvers.add(new ContextArgumentResolver());
				}

			};
		}

	}

}
