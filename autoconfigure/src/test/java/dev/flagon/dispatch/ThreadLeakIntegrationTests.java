package dev.flagon.dispatch;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;

import dev.flagon.Flagon;
import dev.flagon.testsupport.HttpTestClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On a server with one request thread, a request that threw leaves nothing behind for the
 * next one.
 *
 * @author Flagon team
 */
@SpringBootTest(classes = LifecycleTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.application.name=lifecycle", "flagon.session.store=none", "server.tomcat.threads.max=1",
				"server.tomcat.threads.min-spare=1" })
@Import(ThreadLeakIntegrationTests.ProbeConfiguration.class)
class ThreadLeakIntegrationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private Probe probe;

	@Test
	void requestAfterAFailedRequestOnTheSameThreadStartsWithNoContext() {
		HttpTestClient http = HttpTestClient.withoutCookies(this.port);
		assertThat(http.get("/boom", "Accept", "application/json").statusCode()).isEqualTo(500);
		assertThat(http.get("/deferred").statusCode()).isEqualTo(200);
		assertThat(http.get("/hello").statusCode()).isEqualTo(200);
		assertThat(http.get("/boom").statusCode()).isEqualTo(500);
		assertThat(http.get("/hello").statusCode()).isEqualTo(200);
		List<String> observations = this.probe.observations;
		assertThat(observations).isNotEmpty();
		assertThat(observations).allSatisfy((observation) -> assertThat(observation).endsWith("app=false request=false"));
		assertThat(observations.stream().filter((o) -> o.startsWith("REQUEST enter")).map((o) -> o.split(" ")[2])
			.distinct()).as("all requests ran on one thread").hasSize(1);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class ProbeConfiguration {

		@Bean
		Probe probe() {
			return new Probe();
		}

		@Bean
		FilterRegistrationBean<Probe> probeRegistration(Probe probe) {
			FilterRegistrationBean<Probe> registration = new FilterRegistrationBean<>(probe);
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
			return registration;
		}

	}

	/**
	 * Looks at the thread before Flagon's filter binds anything and after it returns.
	 */
	static class Probe implements Filter {

		final List<String> observations = new CopyOnWriteArrayList<>();

		@Override
		public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
				throws IOException, ServletException {
			String type = ((HttpServletRequest) request).getDispatcherType().name();
			observe(type + " enter");
			try {
				chain.doFilter(request, response);
			}
			finally {
				observe(type + " exit");
			}
		}

		private void observe(String when) {
			this.observations.add(when + " " + Thread.currentThread().getName() + " app=" + Flagon.hasAppContext()
					+ " request=" + Flagon.hasRequestContext());
		}

	}

}
