package dev.flagon.dispatch;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.flagon.testsupport.HttpTestClient;
import dev.flagon.testsupport.Journal;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Streamed bodies keep the request's context on their own threads, as Flask's
 * {@code stream_with_context}, built in: {@code g}, the session and the current app; the
 * teardown runs once, when the stream ends.
 *
 * @author Flagon team
 */
@SpringBootTest(classes = RequestFeaturesTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.application.name=features",
				"flagon.secret-key=request-features-test-secret-of-32-bytes" })
class StreamingContextIntegrationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private Journal journal;

	private HttpTestClient http;

	@BeforeEach
	void logIn() {
		this.http = HttpTestClient.withCookies(this.port);
		assertThat(this.http.post("/login?id=login", HttpTestClient.form("user", "zoe")).statusCode()).isEqualTo(200);
	}

	@Test
	void streamingResponseBodySeesTheContextOnItsOwnThreadAndRefusesLateSessionChanges() {
		HttpResponse<String> response = this.http.get("/stream?id=stream");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("g=stream user=zoe app=features ownThread=true change=refused");
		assertThat(this.journal.awaitEntry("stream", "teardownAppContext")).containsExactly("afterRequest",
				"streamed", "teardownRequest", "teardownAppContext");
	}

	@Test
	void sseSendsFromBootsExecutorAndFromCopiedContextsSeeTheContext() {
		HttpResponse<String> response = this.http.get("/sse?id=sse");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("data:boot executor g=sse user=zoe app=features\n\n"
				+ "data:copied g=sse user=zoe app=features\n\n");
		// Sends made before Spring has set the emitter up are written later, on the request
		// thread: the after-request hooks run before the first byte, not necessarily before
		// the sends; the teardown runs once, after the stream completed
		assertThat(this.journal.awaitEntry("sse", "teardownAppContext")).hasSize(4)
			.contains("afterRequest", "streamed")
			.endsWith("teardownRequest", "teardownAppContext");
	}

}
