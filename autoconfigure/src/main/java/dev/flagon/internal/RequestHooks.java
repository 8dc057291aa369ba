package dev.flagon.internal;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.flagon.hooks.AfterRequest;
import dev.flagon.hooks.BeforeRequest;
import dev.flagon.hooks.TeardownAppContext;
import dev.flagon.hooks.TeardownRequest;

import org.springframework.aop.framework.autoproxy.AutoProxyUtils;
import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.core.annotation.OrderUtils;
import org.springframework.core.type.MethodMetadata;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.core.type.classreading.SimpleMetadataReaderFactory;
import org.springframework.stereotype.Controller;
import org.springframework.util.ClassUtils;

/**
 * The hooks of one application, found once at startup, run in Flask's order: the app's
 * {@code @BeforeRequest} hooks then the controller's, in order, until one returns a value;
 * the controller's {@code @AfterRequest} hooks then the app's, each in reverse; the same for
 * {@code @TeardownRequest}; then the app's {@code @TeardownAppContext} hooks, in reverse.
 * Every teardown hook runs even if an earlier one throws.
 *
 * @author Flagon team
 */
public final class RequestHooks {

	private static final Set<Class<? extends Annotation>> ANNOTATIONS = Set.of(BeforeRequest.class,
			AfterRequest.class, TeardownRequest.class, TeardownAppContext.class);

	private static final RequestHooks NONE = new RequestHooks(Hooks.EMPTY, Map.of());

	private final Hooks app;

	private final Map<Class<?>, Hooks> controllers;

	private RequestHooks(Hooks app, Map<Class<?>, Hooks> controllers) {
		this.app = app;
		this.controllers = controllers;
	}

	/**
	 * Return hooks that do nothing.
	 * @return no hooks
	 */
	public static RequestHooks none() {
		return NONE;
	}

	/**
	 * Find the hooks declared on the beans of the given bean factory (not of its parents),
	 * instantiating the beans that declare them.
	 * @param beanFactory the application's bean factory
	 * @return the hooks
	 * @throws IllegalStateException if a hook method takes a parameter that hooks cannot have
	 */
	public static RequestHooks discover(ConfigurableListableBeanFactory beanFactory) {
		MetadataReaderFactory metadataReaderFactory = new SimpleMetadataReaderFactory(beanFactory.getBeanClassLoader());
		List<DeclaringBean> declaringBeans = new ArrayList<>();
		for (String beanName : beanFactory.getBeanDefinitionNames()) {
			if (ScopedProxyUtils.isScopedTarget(beanName) || !isSingleton(beanFactory, beanName)) {
				continue;
			}
			Class<?> type = AutoProxyUtils.determineTargetClass(beanFactory, beanName);
			if (type == null || !AnnotationUtils.isCandidateClass(type, ANNOTATIONS)) {
				continue;
			}
			Class<?> userType = ClassUtils.getUserClass(type);
			Map<Method, HookType> methods = MethodIntrospector.selectMethods(userType,
					(MethodIntrospector.MetadataLookup<HookType>) RequestHooks::hookType);
			if (!methods.isEmpty()) {
				declaringBeans.add(new DeclaringBean(beanFactory.getBean(beanName), userType,
						inDeclarationOrder(methods, userType, metadataReaderFactory)));
			}
		}
		AnnotationAwareOrderComparator.sort(declaringBeans);
		Map<HookType, List<HookMethod>> app = new EnumMap<>(HookType.class);
		Map<Class<?>, Map<HookType, List<HookMethod>>> controllers = new LinkedHashMap<>();
		for (DeclaringBean declaringBean : declaringBeans) {
			boolean controller = AnnotatedElementUtils.hasAnnotation(declaringBean.type, Controller.class);
			declaringBean.methods.forEach((method, type) -> {
				HookMethod hook = HookMethod.of(declaringBean.bean, method, type);
				Map<HookType, List<HookMethod>> scope = (controller && type != HookType.TEARDOWN_APP_CONTEXT)
						? controllers.computeIfAbsent(declaringBean.type, (key) -> new EnumMap<>(HookType.class)) : app;
				scope.computeIfAbsent(type, (key) -> new ArrayList<>()).add(hook);
			});
		}
		Map<Class<?>, Hooks> controllerHooks = new HashMap<>();
		controllers.forEach((type, hooks) -> controllerHooks.put(type, new Hooks(hooks)));
		return new RequestHooks(new Hooks(app), controllerHooks);
	}

	private static boolean isSingleton(ConfigurableListableBeanFactory beanFactory, String beanName) {
		BeanDefinition definition = beanFactory.getMergedBeanDefinition(beanName);
		return definition.isSingleton() && !definition.isAbstract();
	}

	private static @Nullable HookType hookType(Method method) {
		for (HookType type : HookType.values()) {
			if (AnnotatedElementUtils.hasAnnotation(method, type.annotation())) {
				return type;
			}
		}
		return null;
	}

	/**
	 * Orders methods as they stand in the source: the class file keeps that order, reflection
	 * does not promise it. Superclass methods come first.
	 */
	private static Map<Method, HookType> inDeclarationOrder(Map<Method, HookType> methods, Class<?> type,
			MetadataReaderFactory metadataReaderFactory) {
		List<String> order = new ArrayList<>();
		List<Class<?>> hierarchy = new ArrayList<>();
		for (Class<?> candidate = type; candidate != null && candidate != Object.class; candidate = candidate.getSuperclass()) {
			hierarchy.add(0, candidate);
		}
		for (Class<?> candidate : hierarchy) {
			try {
				for (MethodMetadata metadata : metadataReaderFactory.getMetadataReader(candidate.getName())
					.getAnnotationMetadata()
					.getDeclaredMethods()) {
					order.add(candidate.getName() + "#" + metadata.getMethodName());
				}
			}
			catch (IOException ex) {
				// No class file to read (a generated class): reflection's order is all there is
			}
		}
		List<Method> sorted = new ArrayList<>(methods.keySet());
		sorted.sort((a, b) -> Integer.compare(position(order, a), position(order, b)));
		Map<Method, HookType> result = new LinkedHashMap<>();
		sorted.forEach((method) -> result.put(method, methods.get(method)));
		return result;
	}

	private static int position(List<String> order, Method method) {
		int index = order.indexOf(method.getDeclaringClass().getName() + "#" + method.getName());
		return (index >= 0) ? index : Integer.MAX_VALUE;
	}

	/**
	 * Return whether the given controller type declares hooks of its own.
	 * @param controllerType the controller's user type
	 * @return whether it has hooks
	 */
	public boolean hasControllerHooks(Class<?> controllerType) {
		return this.controllers.containsKey(controllerType);
	}

	/**
	 * Run the {@code @BeforeRequest} hooks of the app, then those of the controller, until
	 * one returns a value.
	 * @param context the request context
	 * @param controllerType the handler's controller type, or {@code null}
	 * @return the first non-null value returned, or {@code null}
	 */
	public @Nullable Object beforeRequest(Lifecycle context, @Nullable Class<?> controllerType) {
		Object result = this.app.before(context);
		if (result == null && controllerType != null) {
			Hooks controller = this.controllers.get(controllerType);
			if (controller != null) {
				result = controller.before(context);
			}
		}
		return result;
	}

	/**
	 * Run the {@code @AfterRequest} hooks of the controller, then those of the app, each in
	 * reverse order.
	 * @param context the request context
	 * @param controllerType the handler's controller type, or {@code null}
	 */
	public void afterRequest(Lifecycle context, @Nullable Class<?> controllerType) {
		if (controllerType != null) {
			Hooks controller = this.controllers.get(controllerType);
			if (controller != null) {
				controller.run(controller.after, context, null, null);
			}
		}
		this.app.run(this.app.after, context, null, null);
	}

	/**
	 * Run every {@code @TeardownRequest} hook of the controller, then of the app, each in
	 * reverse order, even if some throw.
	 * @param context the request context
	 * @param controllerType the handler's controller type, or {@code null}
	 * @param error the exception that ended the request, or {@code null}
	 * @throws RuntimeException the first exception a hook threw, with the others suppressed
	 */
	public void teardownRequest(Lifecycle context, @Nullable Class<?> controllerType, @Nullable Throwable error) {
		List<RuntimeException> failures = new ArrayList<>(0);
		if (controllerType != null) {
			Hooks controller = this.controllers.get(controllerType);
			if (controller != null) {
				controller.run(controller.teardownRequest, context, error, failures);
			}
		}
		this.app.run(this.app.teardownRequest, context, error, failures);
		rethrow(failures);
	}

	/**
	 * Run every {@code @TeardownAppContext} hook of the app, in reverse order, even if some
	 * throw.
	 * @param context the application context
	 * @param error the exception that ended the context, or {@code null}
	 * @throws RuntimeException the first exception a hook threw, with the others suppressed
	 */
	public void teardownAppContext(Lifecycle context, @Nullable Throwable error) {
		List<RuntimeException> failures = new ArrayList<>(0);
		this.app.run(this.app.teardownAppContext, context, error, failures);
		rethrow(failures);
	}

	/**
	 * Describe the hooks, in the order they run, for the {@code flagon} actuator endpoint.
	 * @return hook descriptions keyed by scope ({@code "app"} or a controller class name),
	 * then by annotation name
	 */
	public Map<String, Map<String, List<String>>> describe() {
		Map<String, Map<String, List<String>>> description = new LinkedHashMap<>();
		description.put("app", this.app.describe());
		this.controllers.forEach((type, hooks) -> description.put(type.getName(), hooks.describe()));
		return description;
	}

	private static void rethrow(List<RuntimeException> failures) {
		if (!failures.isEmpty()) {
			RuntimeException first = failures.get(0);
			failures.subList(1, failures.size()).forEach(first::addSuppressed);
			throw first;
		}
	}

	/**
	 * The hooks of one scope, in the order they run.
	 */
	private static final class Hooks {

		static final Hooks EMPTY = new Hooks(Map.of());

		final HookMethod[] before;

		final HookMethod[] after;

		final HookMethod[] teardownRequest;

		final HookMethod[] teardownAppContext;

		Hooks(Map<HookType, List<HookMethod>> hooks) {
			this.before = inOrder(hooks, HookType.BEFORE_REQUEST, false);
			this.after = inOrder(hooks, HookType.AFTER_REQUEST, true);
			this.teardownRequest = inOrder(hooks, HookType.TEARDOWN_REQUEST, true);
			this.teardownAppContext = inOrder(hooks, HookType.TEARDOWN_APP_CONTEXT, true);
		}

		private static HookMethod[] inOrder(Map<HookType, List<HookMethod>> hooks, HookType type, boolean reversed) {
			List<HookMethod> list = new ArrayList<>(hooks.getOrDefault(type, List.of()));
			if (reversed) {
				Collections.reverse(list);
			}
			return list.toArray(new HookMethod[0]);
		}

		@Nullable Object before(Lifecycle context) {
			for (HookMethod hook : this.before) {
				Object result = hook.invoke(context, null);
				if (result != null) {
					return result;
				}
			}
			return null;
		}

		void run(HookMethod[] hooks, Lifecycle context, @Nullable Throwable error,
				@Nullable List<RuntimeException> failures) {
			for (HookMethod hook : hooks) {
				if (failures == null) {
					hook.invoke(context, error);
					continue;
				}
				try {
					hook.invoke(context, error);
				}
				catch (RuntimeException ex) {
					failures.add(ex);
				}
			}
		}

		Map<String, List<String>> describe() {
			Map<String, List<String>> description = new LinkedHashMap<>();
			describe(description, HookType.BEFORE_REQUEST, this.before);
			describe(description, HookType.AFTER_REQUEST, this.after);
			describe(description, HookType.TEARDOWN_REQUEST, this.teardownRequest);
			describe(description, HookType.TEARDOWN_APP_CONTEXT, this.teardownAppContext);
			return description;
		}

		private static void describe(Map<String, List<String>> description, HookType type, HookMethod[] hooks) {
			if (hooks.length > 0) {
				List<String> names = new ArrayList<>();
				for (HookMethod hook : hooks) {
					names.add(hook.toString().substring(type.annotationName().length() + 1));
				}
				description.put(type.annotationName(), names);
			}
		}

	}

	private record DeclaringBean(Object bean, Class<?> type, Map<Method, HookType> methods) implements Ordered {

		@Override
		public int getOrder() {
			if (this.bean instanceof Ordered ordered) {
				return ordered.getOrder();
			}
			Integer order = OrderUtils.getOrder(this.type);
			return (order != null) ? order : Ordered.LOWEST_PRECEDENCE;
		}

	}

}
