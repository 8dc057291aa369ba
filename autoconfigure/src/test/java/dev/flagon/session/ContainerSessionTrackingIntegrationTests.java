package dev.flagon.session;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Objects;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.flagon.testsupport.HttpTestClient;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Flagon answers every {@code getSession}, so the servlet container's own session tracking
 * is off: the container looks for no {@code JSESSIONID} and sends none, and says so when code
 * that bypasses Flagon makes a session of the container's, unless the application chose its
 * tracking itself.
 *
 * @author Flagon team
 */
@ExtendWith(OutputCaptureExtension.class)
class ContainerSessionTrackingIntegrationTests {

	private static final String WARNING = "The servlet container made a session of its own";

	private static final String REQUESTED = "X-Container-Requested-Session-Id";

	private static final String SENT = "JSESSIONID=0123456789ABCDEF0123456789ABCDEF";

	@Test
	void containerLooksForNoSessionIdAndSendsNoSessionCookie(CapturedOutput output) {
		try (ConfigurableApplicationContext context = start()) {
			for (int i = 0; i < 2; i++) {
				HttpResponse<String> response = put(context);
				assertThat(response.statusCode()).isEqualTo(200);
				assertThat(response.headers().firstValue(REQUESTED)).hasValue("none");
				assertThat(cookies(response, "JSESSIONID=")).isEmpty();
				assertThat(cookies(response, "session=")).hasSize(1);
			}
			// The filter made a container session on each request: said once
			assertThat(output.getOut()).containsOnlyOnce(WARNING);
		}
	}

	@Test
	void trackingChosenByTheApplicationIsKept(CapturedOutput output) {
		try (ConfigurableApplicationContext context = start("server.servlet.session.tracking-modes=cookie,url")) {
			HttpResponse<String> response = put(context);
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue(REQUESTED)).hasValue(SENT.substring(SENT.indexOf('=') + 1));
			assertThat(cookies(response, "JSESSIONID=")).hasSize(1);
			assertThat(cookies(response, "session=")).hasSize(1);
			assertThat(output).doesNotContain(WARNING);
		}
	}

	private static ConfigurableApplicationContext start(String... properties) {
		return new SpringApplicationBuilder(SessionTestApplication.class, ContainerSessionFilterConfiguration.class)
			.properties("server.port=0", "server.address=127.0.0.1",
					"flagon.secret-key=container-session-tracking-test-secret-key")
			.properties(properties)
			.run();
	}

	private static HttpResponse<String> put(ConfigurableApplicationContext context) {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		return HttpTestClient.withoutCookies(port).get("/session/put?key=user&value=ada", "Cookie", SENT);
	}

	private static List<String> cookies(HttpResponse<?> response, String prefix) {
		return response.headers().allValues("Set-Cookie").stream().filter((h) -> h.startsWith(prefix)).toList();
	}

	@Configuration(proxyBeanMethods = false)
	static class ContainerSessionFilterConfiguration {

		// Runs before Flagon's filter, on the container's own request, as code that
		// bypasses Flagon would
		@Bean
		FilterRegistrationBean<OncePerRequestFilter> containerSessionFilter() {
			FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
					new OncePerRequestFilter() {

						@Override
						protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
								FilterChain chain) throws ServletException, IOException {
							response.setHeader(REQUESTED, Objects.toString(request.getRequestedSessionId(), "none"));
							request.getSession(true);
							chain.doFilter(request, response);
						}

					});
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
			return registration;
		}

	}

}
