package dev.flagon.hooks;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import dev.flagon.context.AppContext;
import dev.flagon.context.FlagonApp;
import dev.flagon.context.G;
import dev.flagon.context.RequestContext;
import dev.flagon.session.FlagonSession;
import dev.flagon.session.SessionUnavailableException;
import dev.flagon.session.internal.SessionRequestWrapper;

import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * One hook method of one bean, with its arguments worked out once, at startup.
 *
 * @author Flagon team
 */
final class HookMethod {

	private final Object bean;

	private final Method method;

	private final Argument[] arguments;

	private final String description;

	private HookMethod(Object bean, Method method, Argument[] arguments, String description) {
		this.bean = bean;
		this.method = method;
		this.arguments = arguments;
		this.description = description;
	}

	static HookMethod of(Object bean, Method method, HookType type) {
		String description = type.annotationName() + " " + ClassUtils.getQualifiedMethodName(method);
		Parameter[] parameters = method.getParameters();
		Argument[] arguments = new Argument[parameters.length];
		for (int i = 0; i < parameters.length; i++) {
			Argument argument = Argument.forType(parameters[i].getType());
			if (argument == null || !type.arguments().contains(argument)) {
				throw new IllegalStateException("Cannot resolve parameter " + i + " (" + parameters[i].getType().getName()
						+ ") of " + description + ": " + type.annotationName() + " methods may take "
						+ type.arguments().stream().map(Argument::typeName).collect(Collectors.joining(", ")));
			}
			arguments[i] = argument;
		}
		ReflectionUtils.makeAccessible(method);
		return new HookMethod(bean, method, arguments, description);
	}

	@Nullable Object invoke(AppContext appContext, @Nullable RequestContext requestContext, @Nullable Throwable error) {
		Object[] args = new Object[this.arguments.length];
		for (int i = 0; i < args.length; i++) {
			args[i] = this.arguments[i].resolve(appContext, requestContext, error);
		}
		try {
			return this.method.invoke(this.bean, args);
		}
		catch (InvocationTargetException ex) {
			ReflectionUtils.rethrowRuntimeException(ex.getTargetException());
			throw new IllegalStateException(ex);
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException("Cannot invoke " + this.description, ex);
		}
	}

	@Override
	public String toString() {
		return this.description;
	}

	/**
	 * What a hook method can ask for.
	 */
	enum Argument {

		REQUEST(HttpServletRequest.class), RESPONSE(HttpServletResponse.class), G(G.class),
		SESSION(FlagonSession.class), APP(FlagonApp.class), ERROR(Throwable.class);

		static final Set<Argument> REQUEST_ARGUMENTS = EnumSet.of(REQUEST, RESPONSE, G, SESSION, APP);

		static final Set<Argument> TEARDOWN_REQUEST_ARGUMENTS = EnumSet.of(REQUEST, RESPONSE, G, SESSION, APP, ERROR);

		static final Set<Argument> TEARDOWN_APP_ARGUMENTS = EnumSet.of(G, APP, ERROR);

		private final Class<?> type;

		Argument(Class<?> type) {
			this.type = type;
		}

		String typeName() {
			return (this == ERROR) ? "@Nullable Throwable" : this.type.getSimpleName();
		}

		static @Nullable Argument forType(Class<?> parameterType) {
			if (parameterType == ServletRequest.class) {
				return REQUEST;
			}
			if (parameterType == ServletResponse.class) {
				return RESPONSE;
			}
			if (Throwable.class.isAssignableFrom(parameterType)) {
				return (parameterType == Throwable.class || parameterType == Exception.class) ? ERROR : null;
			}
			return Arrays.stream(values()).filter((argument) -> argument.type == parameterType).findFirst().orElse(null);
		}

		@Nullable Object resolve(AppContext appContext, @Nullable RequestContext requestContext,
				@Nullable Throwable error) {
			return switch (this) {
				case G -> appContext.getG();
				case APP -> appContext.getApp();
				case ERROR -> error;
				case REQUEST -> (requestContext != null) ? requestContext.getRequest() : null;
				case RESPONSE -> (requestContext != null) ? requestContext.getResponse() : null;
				case SESSION -> (requestContext != null) ? session(requestContext) : null;
			};
		}

		private static FlagonSession session(RequestContext requestContext) {
			SessionRequestWrapper wrapper = SessionRequestWrapper.find(requestContext.getRequest());
			if (wrapper == null) {
				throw new SessionUnavailableException("No session support on " + requestContext);
			}
			return wrapper.getFlagonSession();
		}

	}

}
