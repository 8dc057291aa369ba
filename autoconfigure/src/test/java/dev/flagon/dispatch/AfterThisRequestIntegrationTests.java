package dev.flagon.dispatch;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import dev.flagon.Flagon;
import dev.flagon.context.OutsideOfContextException;
import dev.flagon.testsupport.HttpTestClient;
import dev.flagon.testsupport.Journal;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code Flagon.afterThisRequest}, Flask's {@code after_this_request}, through a real HTTP
 * client.
 *
 * @author Flagon team
 */
@SpringBootTest(classes = RequestFeaturesTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.application.name=features",
				"flagon.secret-key=request-features-test-secret-of-32-bytes" })
class AfterThisRequestIntegrationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private Journal journal;

	@Test
	void functionsRunInOrderBeforeTheAfterRequestHooksForThisRequestOnly() {
		HttpTestClient http = HttpTestClient.withoutCookies(this.port);
		HttpResponse<String> response = http.get("/after-this-request?id=once");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("X-Once")).hasValue("1");
		assertThat(response.headers().firstValue("X-After-Request-Saw")).hasValue("1");
		assertThat(this.journal.get("once")).containsExactly("afterThisRequest1", "afterThisRequest2", "afterRequest",
				"teardownRequest", "teardownAppContext");
		HttpResponse<String> next = http.get("/text?id=next");
		assertThat(next.headers().firstValue("X-Once")).isEmpty();
		assertThat(next.headers().firstValue("X-After-Request-Saw")).hasValue("null");
		assertThat(this.journal.get("next")).containsExactly("afterRequest", "teardownRequest", "teardownAppContext");
	}

	@Test
	void outsideARequestItSaysHowToGetOne() {
		assertThatExceptionOfType(OutsideOfContextException.class)
			.isThrownBy(() -> Flagon.afterThisRequest((response) -> response.setHeader("X-Never", "1")))
			.withMessageContaining("outside of request context")
			.withMessageContaining("app.testRequestContext(");
	}

}
