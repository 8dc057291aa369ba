package dev.flagon.benchmarks.app;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.annotation.RequestScope;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Variant (b): what variant (c) does, written by hand with a {@link HandlerInterceptor} and
 * a {@link RequestScope @RequestScope} bean. The header is set in {@code preHandle}: by
 * {@code postHandle} a {@code @ResponseBody} is written and the response committed, so that
 * is the cheapest way that works.
 *
 * @author Flagon team
 */
@Configuration(proxyBeanMethods = false)
@Profile("interceptor")
class HandWrittenConfiguration implements WebMvcConfigurer {

	private final RequestData requestData;

	HandWrittenConfiguration(RequestData requestData) {
		this.requestData = requestData;
	}

	@Bean
	@RequestScope
	static RequestData requestData() {
		return new RequestData();
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new HandlerInterceptor() {

			@Override
			public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
				HandWrittenConfiguration.this.requestData.setUser(BenchApplication.USER);
				response.setHeader(BenchApplication.HEADER, "1");
				return true;
			}

		});
	}

	/**
	 * Per-request data, in place of {@code g}.
	 */
	static class RequestData {

		private @Nullable String user;

		@Nullable String getUser() {
			return this.user;
		}

		void setUser(@Nullable String user) {
			this.user = user;
		}

	}

	@RestController
	@Profile("interceptor")
	static class HelloController {

		private final RequestData requestData;

		HelloController(RequestData requestData) {
			this.requestData = requestData;
		}

		@GetMapping("/hello")
		String hello() {
			return "hello " + this.requestData.getUser();
		}

	}

}
