package dev.flagon.dispatch;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.ServletRequestListener;
import org.junit.jupiter.api.Test;

import dev.flagon.testsupport.HttpTestClient;
import dev.flagon.testsupport.Journal;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.ServletListenerRegistrationBean;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request that leaves with an exception when no error page follows (Spring Boot's error
 * pages are switched off here) still ends its contexts, once, on embedded Tomcat, where a
 * valve and not a request listener does it.
 *
 * @author Flagon team
 */
@SpringBootTest(classes = LifecycleTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.application.name=lifecycle", "flagon.session.store=none",
				"spring.autoconfigure.exclude=org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration" })
class AbandonedRequestIntegrationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private Journal journal;

	@Autowired
	private ApplicationContext context;

	@Test
	void requestThatThrewWithNoErrorPageRunsItsTeardownsOnce() {
		String id = UUID.randomUUID().toString();
		HttpResponse<String> response = HttpTestClient.withoutCookies(this.port).get("/boom?id=" + id);
		assertThat(response.statusCode()).as("Tomcat's own error report").isEqualTo(500);
		List<String> entries = this.journal.awaitEntry(id, "appTeardown");
		assertThat(entries).containsSubsequence("before1", "handler", "teardown2", "teardown1:boom",
				"appTeardown:g-of-" + id + ":lifecycle:hasRequestContext=false");
		assertThat(entries).filteredOn((entry) -> entry.startsWith("teardown1")).hasSize(1);
	}

	@Test
	void onEmbeddedTomcatNoRequestListenerIsRegistered() {
		assertThat(this.context.getBeansOfType(ServletListenerRegistrationBean.class)).isEmpty();
		assertThat(this.context.getBeansOfType(ServletRequestListener.class)).isEmpty();
	}

}
