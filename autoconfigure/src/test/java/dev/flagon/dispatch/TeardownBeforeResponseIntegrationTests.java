package dev.flagon.dispatch;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.flagon.testsupport.HttpTestClient;
import dev.flagon.testsupport.Journal;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every teardown has run before the client receives a byte of a response that is not
 * streamed, as in Flask, even though Spring's message converters flush the body they write.
 *
 * @author Flagon team
 */
@SpringBootTest(classes = RequestFeaturesTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.application.name=features",
				"flagon.secret-key=request-features-test-secret-of-32-bytes" })
class TeardownBeforeResponseIntegrationTests {

	private static final int REQUESTS = 1000;

	@LocalServerPort
	private int port;

	@Autowired
	private Journal journal;

	@Test
	void everyTeardownHasRunWhenTheClientHasTheResponse() {
		HttpTestClient http = HttpTestClient.withoutCookies(this.port);
		List<String> misses = new ArrayList<>();
		for (int i = 0; i < REQUESTS; i++) {
			String id = "teardown-" + i;
			String path = ((i % 2 == 0) ? "/text" : "/json") + "?id=" + id;
			HttpResponse<String> response = http.get(path);
			assertThat(response.statusCode()).isEqualTo(200);
			// Read at once, no waiting: what the teardowns recorded must be there already
			List<String> entries = this.journal.get(id);
			if (!entries.equals(List.of("afterRequest", "teardownRequest", "teardownAppContext"))) {
				misses.add(path + " " + entries);
			}
		}
		assertThat(misses).as("responses received before every teardown had run").isEmpty();
	}

}
