package dev.flagon.internal;

import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import dev.flagon.dispatch.Mount;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.web.filter.ServerHttpObservationFilter;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.FlashMapManager;
import org.springframework.web.servlet.HandlerAdapter;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.DelegatingWebMvcConfiguration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The infrastructure of a mounted application's context: its own Spring MVC, configured by
 * its own {@link WebMvcConfigurer} beans only, the handler mapping and adapter its
 * {@link MountDispatcherServlet} uses, observations that name paths with the prefix, and the
 * per-application auto-configurations.
 *
 * @author Flagon team
 */
@Configuration(proxyBeanMethods = false)
@ImportMountAutoConfiguration
@Import({ MountedAppConfiguration.LocalWebMvcConfiguration.class, MountedAppConfiguration.MessageConverters.class })
class MountedAppConfiguration {

	@Bean(DispatcherServlet.HANDLER_MAPPING_BEAN_NAME)
	HandlerMapping flagonMountHandlerMapping(ListableBeanFactory beanFactory) {
		return new LocalHandlerMappings(beanFactory);
	}

	@Bean(DispatcherServlet.HANDLER_ADAPTER_BEAN_NAME)
	HandlerAdapter flagonMountHandlerAdapter(ListableBeanFactory beanFactory) {
		return new LocalHandlerAdapters(beanFactory);
	}

	@Bean
	WebMvcConfigurer flagonMountObservations(Mount mount) {
		return new WebMvcConfigurer() {

			@Override
			public void addInterceptors(InterceptorRegistry registry) {
				registry.addInterceptor(new PrefixedPathPattern(mount.getPrefix())).order(Ordered.HIGHEST_PRECEDENCE);
			}

		};
	}

	/**
	 * Spring MVC for one mounted application. {@link DelegatingWebMvcConfiguration} would
	 * collect the {@link WebMvcConfigurer} beans of the parent context too: the root
	 * application's interceptors, resource handlers and view controllers would then apply
	 * under every prefix. An application is configured by its own beans only.
	 */
	@Configuration(proxyBeanMethods = false)
	static class LocalWebMvcConfiguration extends DelegatingWebMvcConfiguration {

		@Override
		public void setConfigurers(List<WebMvcConfigurer> configurers) {
			// Not autowired: the list would include the root application's configurers
		}

		@Autowired
		void setLocalConfigurers(ConfigurableListableBeanFactory beanFactory) {
			List<WebMvcConfigurer> configurers = new ArrayList<>(
					beanFactory.getBeansOfType(WebMvcConfigurer.class, false, true).values());
			AnnotationAwareOrderComparator.sort(configurers);
			super.setConfigurers(configurers);
		}

		/**
		 * None of Spring MVC's, which opens the session of every request: Flagon's session
		 * auto-configuration, imported into this context after this class, registers the
		 * application's own {@code flashMapManager}, as it does in the root application in
		 * place of Spring Boot's.
		 */
		@Override
		@Bean
		@Conditional(RegisteredByFlagon.class)
		public FlashMapManager flashMapManager() {
			return super.flashMapManager();
		}

		static final class RegisteredByFlagon implements Condition {

			@Override
			public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
				return false;
			}

		}

	}

	/**
	 * HTTP message converters as Spring Boot configures them for the root application
	 * (Jackson with Boot's {@code JsonMapper}, {@code spring.http.converters.*}).
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ServerHttpMessageConvertersCustomizer.class)
	static class MessageConverters {

		@Bean
		WebMvcConfigurer flagonMountMessageConverters(
				ObjectProvider<ServerHttpMessageConvertersCustomizer> customizers) {
			return new WebMvcConfigurer() {

				@Override
				public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
					customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
				}

			};
		}

	}

	/**
	 * The handler mappings of this application's context, not of its parent.
	 */
	static final class LocalHandlerMappings implements HandlerMapping {

		private final ListableBeanFactory beanFactory;

		private volatile @Nullable List<HandlerMapping> mappings;

		LocalHandlerMappings(ListableBeanFactory beanFactory) {
			this.beanFactory = beanFactory;
		}

		@Override
		public @Nullable HandlerExecutionChain getHandler(HttpServletRequest request) throws Exception {
			for (HandlerMapping mapping : mappings()) {
				HandlerExecutionChain handler = mapping.getHandler(request);
				if (handler != null) {
					return handler;
				}
			}
			return null;
		}

		@Override
		public boolean usesPathPatterns() {
			return mappings().stream().anyMatch(HandlerMapping::usesPathPatterns);
		}

		private List<HandlerMapping> mappings() {
			List<HandlerMapping> mappings = this.mappings;
			if (mappings == null) {
				mappings = local(this.beanFactory, HandlerMapping.class, this);
				this.mappings = mappings;
			}
			return mappings;
		}

	}

	/**
	 * The handler adapters of this application's context, not of its parent.
	 */
	static final class LocalHandlerAdapters implements HandlerAdapter {

		private final ListableBeanFactory beanFactory;

		private volatile @Nullable List<HandlerAdapter> adapters;

		LocalHandlerAdapters(ListableBeanFactory beanFactory) {
			this.beanFactory = beanFactory;
		}

		@Override
		public boolean supports(Object handler) {
			return adapter(handler) != null;
		}

		@Override
		public @Nullable ModelAndView handle(HttpServletRequest request, HttpServletResponse response, Object handler)
				throws Exception {
			HandlerAdapter adapter = adapter(handler);
			if (adapter == null) {
				throw new IllegalStateException("No adapter for handler " + handler);
			}
			return adapter.handle(request, response, handler);
		}

		private @Nullable HandlerAdapter adapter(Object handler) {
			List<HandlerAdapter> adapters = this.adapters;
			if (adapters == null) {
				adapters = local(this.beanFactory, HandlerAdapter.class, this);
				this.adapters = adapters;
			}
			for (HandlerAdapter adapter : adapters) {
				if (adapter.supports(handler)) {
					return adapter;
				}
			}
			return null;
		}

	}

	/**
	 * Puts the prefix in front of the path pattern that HTTP server observations (and so the
	 * {@code uri} tag of {@code http.server.requests}) report: the handler mapping knows the
	 * path within the application only, and {@code /whoami} of two applications would be one.
	 */
	static final class PrefixedPathPattern implements HandlerInterceptor {

		private final String prefix;

		PrefixedPathPattern(String prefix) {
			this.prefix = prefix;
		}

		@Override
		public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
			ServerHttpObservationFilter.findObservationContext(request).ifPresent((context) -> {
				String pattern = context.getPathPattern();
				if (pattern != null && !pattern.startsWith(this.prefix + "/")) {
					context.setPathPattern(this.prefix + pattern);
				}
			});
			return true;
		}

	}

	private static <T> List<T> local(ListableBeanFactory beanFactory, Class<T> type, T composite) {
		List<T> beans = new ArrayList<>(beanFactory.getBeansOfType(type).values());
		beans.remove(composite);
		AnnotationAwareOrderComparator.sort(beans);
		return List.copyOf(beans);
	}

}
