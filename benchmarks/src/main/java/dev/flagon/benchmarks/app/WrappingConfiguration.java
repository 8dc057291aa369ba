package dev.flagon.benchmarks.app;

import java.io.IOException;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import dev.flagon.internal.FlagonRequestFilter;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * A control, not a variant of the issue's: bare Spring MVC behind one filter that wraps the
 * request and the response in the servlet API's own pass-through wrappers and does nothing
 * else. Every session filter (Flagon's, Spring Session's) must wrap both, the request to
 * answer {@code getSession} and the response to write the session before it is committed;
 * this measures what the wrapping alone costs, with no work done in it.
 *
 * @author Flagon team
 */
@Configuration(proxyBeanMethods = false)
@Profile("wrapped")
class WrappingConfiguration {

	@Bean
	FilterRegistrationBean<Filter> wrappingFilter() {
		FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new WrappingFilter());
		// Where Flagon's filter sits in the other variants
		registration.setOrder(FlagonRequestFilter.DEFAULT_ORDER);
		return registration;
	}

	private static final class WrappingFilter implements Filter {

		@Override
		public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
				throws IOException, ServletException {
			chain.doFilter(new HttpServletRequestWrapper((HttpServletRequest) request),
					new HttpServletResponseWrapper((HttpServletResponse) response));
		}

	}

}
