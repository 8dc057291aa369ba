package dev.flagon.events;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.flagon.context.FlagonApp;
import dev.flagon.context.RequestContext;
import dev.flagon.testsupport.HttpTestClient;
import dev.flagon.testsupport.Journal;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Flask's signals as Spring events, in Flask's order around the hooks, through a real HTTP
 * client: a normal request, one whose handler throws, a 404, and a request to a mounted app,
 * whose events reach its own listeners and then the root application's.
 *
 * @author Flagon team
 */
@SpringBootTest(classes = EventsTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.application.name=events", "flagon.session.store=none" })
class EventsIntegrationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private Journal journal;

	@Autowired
	private FlagonApp app;

	private HttpTestClient http;

	@BeforeEach
	void client() {
		this.http = HttpTestClient.withoutCookies(this.port);
	}

	@Test
	void eventsOfARequestAreSentInFlasksOrderAroundTheHooks() {
		String id = UUID.randomUUID().toString();
		HttpResponse<String> response = this.http.get("/hello?id=" + id);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(this.journal.awaitEntry(id, "root-listener:AppContextPopped")).containsExactly(
				"root-listener:AppContextPushed:events", "root-listener:RequestStarted:events", "root:before",
				"root:handler", "root:after:200", "root-listener:RequestFinished:events:200", "root:teardown:null",
				"root-listener:RequestTearingDown:events:null", "root:appTeardown:null",
				"root-listener:AppContextTearingDown:events:null:hasRequestContext=false",
				"root-listener:AppContextPopped:events");
	}

	@Test
	void exceptionOfAHandlerIsSentBeforeTheErrorResponseIsFinished() {
		String id = UUID.randomUUID().toString();
		HttpResponse<String> response = this.http.get("/boom?id=" + id, "Accept", "application/json");
		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(this.journal.awaitEntry(id, "root-listener:AppContextPopped")).containsExactly(
				"root-listener:AppContextPushed:events", "root-listener:RequestStarted:events", "root:before",
				"root:handler", "root-listener:RequestException:events:boom", "root:after:500",
				"root-listener:RequestFinished:events:500", "root:teardown:boom",
				"root-listener:RequestTearingDown:events:boom", "root:appTeardown:boom",
				"root-listener:AppContextTearingDown:events:boom:hasRequestContext=false",
				"root-listener:AppContextPopped:events");
	}

	@Test
	void notFoundResponseIsFinishedAndTornDownWithoutAnException() {
		String id = UUID.randomUUID().toString();
		HttpResponse<String> response = this.http.get("/nowhere?id=" + id, "Accept", "application/json");
		assertThat(response.statusCode()).isEqualTo(404);
		// The status the after-request hooks see is the lifecycle's business, not the events'
		List<String> entries = this.journal.awaitEntry(id, "root-listener:AppContextPopped")
			.stream()
			.map((entry) -> entry.replaceFirst(":\\d{3}$", ""))
			.toList();
		assertThat(entries).containsSubsequence("root-listener:AppContextPushed:events",
				"root-listener:RequestStarted:events", "root:after", "root-listener:RequestFinished:events",
				"root:teardown:null", "root-listener:RequestTearingDown:events:null", "root:appTeardown:null",
				"root-listener:AppContextTearingDown:events:null:hasRequestContext=false",
				"root-listener:AppContextPopped:events");
		assertThat(entries).noneMatch((entry) -> entry.contains("RequestException"));
		assertThat(entries).filteredOn((entry) -> entry.contains("RequestFinished")).hasSize(1);
	}

	@Test
	void eventsOfAMountedAppReachItsListenersThenTheRootApplicationsSayingWhichApp() {
		String id = UUID.randomUUID().toString();
		HttpResponse<String> response = this.http.get("/child/hello?id=" + id);
		assertThat(response.body()).isEqualTo("hello from child");
		assertThat(this.journal.awaitEntry(id, "root-listener:AppContextPopped")).containsExactly(
				"child-listener:AppContextPushed:child", "root-listener:AppContextPushed:child",
				"child-listener:RequestStarted:child", "root-listener:RequestStarted:child", "child:before",
				"child:handler", "child:after:200", "child-listener:RequestFinished:child:200",
				"root-listener:RequestFinished:child:200", "child:teardown:null",
				"child-listener:RequestTearingDown:child:null", "root-listener:RequestTearingDown:child:null",
				"child:appTeardown:null", "child-listener:AppContextTearingDown:child:null:hasRequestContext=false",
				"root-listener:AppContextTearingDown:child:null:hasRequestContext=false",
				"child-listener:AppContextPopped:child", "root-listener:AppContextPopped:child");
	}

	@Test
	void failingListenerOfTheLastEventNeitherFailsTheRequestNorTheNextOne() {
		String id = UUID.randomUUID().toString();
		HttpResponse<String> response = this.http.get("/hello?poppedFails&id=" + id);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(this.journal.awaitEntry(id, "root-listener:AppContextPopped")).endsWith("root:appTeardown:null",
				"root-listener:AppContextTearingDown:events:null:hasRequestContext=false",
				"root-listener:AppContextPopped:events");
		assertThat(this.http.get("/hello?id=" + UUID.randomUUID()).body()).isEqualTo("hello");
	}

	@Test
	void rootApplicationsEventsDoNotReachAMountedAppsListeners() {
		String id = UUID.randomUUID().toString();
		this.http.get("/hello?id=" + id);
		assertThat(this.journal.awaitEntry(id, "root-listener:AppContextPopped"))
			.noneMatch((entry) -> entry.startsWith("child"));
	}

	@Test
	void contextPushedOutsideARequestSendsTheContextEventsWhenPushedAndClosed() {
		String id = UUID.randomUUID().toString();
		try (RequestContext context = this.app.testRequestContext("/hello?id=" + id)) {
			assertThat(this.journal.get(id)).containsExactly("root-listener:AppContextPushed:events");
		}
		assertThat(this.journal.awaitEntry(id, "root-listener:AppContextPopped")).containsSubsequence(
				"root-listener:AppContextPushed:events", "root-listener:RequestTearingDown:events:null",
				"root-listener:AppContextTearingDown:events:null:hasRequestContext=false",
				"root-listener:AppContextPopped:events");
		assertThat(this.journal.get(id)).noneMatch((entry) -> entry.contains("RequestStarted")
				|| entry.contains("RequestFinished") || entry.contains("RequestException"));
	}

}
