package dev.flagon.internal;

import org.jspecify.annotations.Nullable;

import dev.flagon.context.FlagonApp;
import dev.flagon.context.G;
import dev.flagon.session.FlagonSession;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Lets handler methods take the current {@link G}, {@link FlagonSession} and
 * {@link FlagonApp} as parameters, as hook methods can.
 *
 * @author Flagon team
 */
public class ContextArgumentResolver implements HandlerMethodArgumentResolver {

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		Class<?> type = parameter.getParameterType();
		return type == G.class || type == FlagonSession.class || type == FlagonApp.class;
	}

	@Override
	public @Nullable Object resolveArgument(MethodParameter parameter, @Nullable ModelAndViewContainer mavContainer,
			NativeWebRequest webRequest, @Nullable WebDataBinderFactory binderFactory) {
		Class<?> type = parameter.getParameterType();
		if (type == FlagonSession.class) {
			return ContextHolder.currentRequest().session();
		}
		Lifecycle context = ContextHolder.currentApp();
		return (type == G.class) ? context.getG() : context.getApp();
	}

}
