package dev.flagon.internal;

import java.lang.reflect.Method;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpEntity;
import org.springframework.util.Assert;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.method.support.HandlerMethodReturnValueHandler;
import org.springframework.web.method.support.HandlerMethodReturnValueHandlerComposite;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

/**
 * Runs the {@code @BeforeRequest} hooks once the handler is known (so that controller hooks
 * apply to their controller only), and renders a hook's result as the handler's would be.
 *
 * @author Flagon team
 */
public class HookInterceptor implements HandlerInterceptor {

	private static final MethodParameter BODY = returnType("body");

	private static final MethodParameter ENTITY = returnType("entity");

	private final ObjectProvider<RequestMappingHandlerAdapter> handlerAdapter;

	private volatile @Nullable HandlerMethodReturnValueHandler returnValueHandler;

	/**
	 * Create a new interceptor.
	 * @param handlerAdapter the application's handler adapter, whose return value handlers
	 * render the results of before-request hooks
	 */
	public HookInterceptor(ObjectProvider<RequestMappingHandlerAdapter> handlerAdapter) {
		this.handlerAdapter = handlerAdapter;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
			throws Exception {
		Lifecycle context = Lifecycle.of(request);
		if (context == null) {
			return true;
		}
		// Runs once per request; not at all for an error page rendered after the context ended
		Class<?> controllerType = (handler instanceof HandlerMethod handlerMethod) ? handlerMethod.getBeanType() : null;
		Object result = context.beforeRequest(controllerType);
		if (result == null) {
			return true;
		}
		render(result, request, response);
		return false;
	}

	private void render(Object result, HttpServletRequest request, HttpServletResponse response) throws Exception {
		MethodParameter returnType = (result instanceof HttpEntity<?>) ? ENTITY : BODY;
		ServletWebRequest webRequest = new ServletWebRequest(request, response);
		returnValueHandler().handleReturnValue(result, returnType, new ModelAndViewContainer(), webRequest);
		response.flushBuffer();
	}

	private HandlerMethodReturnValueHandler returnValueHandler() {
		HandlerMethodReturnValueHandler handler = this.returnValueHandler;
		if (handler == null) {
			HandlerMethodReturnValueHandlerComposite composite = new HandlerMethodReturnValueHandlerComposite();
			composite.addHandlers(this.handlerAdapter.getObject().getReturnValueHandlers());
			handler = composite;
			this.returnValueHandler = handler;
		}
		return handler;
	}

	private static MethodParameter returnType(String methodName) {
		Method method = ReflectionUtils.findMethod(HookResults.class, methodName);
		Assert.state(method != null, "Missing " + methodName);
		return new MethodParameter(method, -1);
	}

	/**
	 * Return types that select the handler rendering a hook's result.
	 */
	@SuppressWarnings("unused")
	private static final class HookResults {

		@ResponseBody
		static @Nullable Object body() {
			return null;
		}

		static @Nullable HttpEntity<?> entity() {
			return null;
		}

	}

}
