package dev.flagon.dispatch;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

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
 * Flask's request lifecycle, through a real HTTP client.
 *
 * @author Flagon team
 */
@SpringBootTest(classes = LifecycleTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.application.name=lifecycle", "flagon.session.store=none" })
class RequestLifecycleIntegrationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private Journal journal;

	private HttpTestClient http;

	@BeforeEach
	void client() {
		this.http = HttpTestClient.withoutCookies(this.port);
	}

	private static String newId() {
		return UUID.randomUUID().toString();
	}

	@Test
	void hooksRunInFlasksOrderAroundTheHandler() {
		String id = newId();
		HttpResponse<String> response = this.http.get("/hello?id=" + id);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("hello");
		List<String> entries = this.journal.awaitEntry(id, "appTeardown");
		assertThat(entries).containsExactly("before1", "before2", "before3", "handler", "after3", "after2", "after1",
				"teardown3", "teardown2", "teardown1:null", "appTeardown:g-of-" + id + ":lifecycle:hasRequestContext=false");
	}

	@Test
	void afterRequestHooksSetHeadersOnResponseBodyResponsesInReverseOrder() {
		HttpResponse<String> response = this.http.get("/json?id=" + newId());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().allValues("X-After")).containsExactly("2", "1");
		assertThat(response.body()).contains("\"marker\":\"g-of-");
	}

	@Test
	void beforeRequestReturningTextShortCircuitsTheHandler() {
		String id = newId();
		HttpResponse<String> response = this.http.get("/hello?stop=text&id=" + id);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("stopped by a hook");
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying((type) -> assertThat(type).startsWith("text/plain"));
		List<String> entries = this.journal.awaitEntry(id, "appTeardown");
		assertThat(entries).doesNotContain("handler", "before3").contains("after1", "teardown1:null");
		assertThat(response.headers().allValues("X-After")).containsExactly("2", "1");
	}

	@Test
	void beforeRequestReturningResponseEntityShortCircuitsWithItsStatusAndHeaders() {
		HttpResponse<String> response = this.http.get("/hello?stop=entity&id=" + newId());
		assertThat(response.statusCode()).isEqualTo(418);
		assertThat(response.body()).isEqualTo("teapot");
		assertThat(response.headers().firstValue("X-Stopped")).hasValue("yes");
	}

	@Test
	void beforeRequestReturningAnObjectShortCircuitsWithJson() {
		HttpResponse<String> response = this.http.get("/hello?stop=json&id=" + newId(), "Accept", "application/json");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		assertThat(response.body()).contains("\"stopped\":true").contains("\"by\":\"hook\"");
	}

	@Test
	void controllerHooksApplyToTheirControllerOnlyAfterTheAppHooks() {
		String scopedId = newId();
		HttpResponse<String> scoped = this.http.get("/scoped?id=" + scopedId);
		assertThat(scoped.body()).isEqualTo("scoped");
		assertThat(scoped.headers().firstValue("X-Scoped")).hasValue("yes");
		assertThat(this.journal.awaitEntry(scopedId, "appTeardown")).containsSubsequence("before1", "before2", "before3",
				"scopedBefore", "handler", "scopedAfter", "after3", "after2", "after1", "scopedTeardown", "teardown3");
		String plainId = newId();
		HttpResponse<String> plain = this.http.get("/hello?id=" + plainId);
		assertThat(plain.headers().firstValue("X-Scoped")).isEmpty();
		assertThat(this.journal.awaitEntry(plainId, "appTeardown")).doesNotContain("scopedBefore", "scopedAfter",
				"scopedTeardown");
	}

	@Test
	void controllerBeforeRequestHookCanDenyItsHandler() {
		String id = newId();
		HttpResponse<String> response = this.http.get("/scoped?deny&id=" + id);
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.body()).isEqualTo("denied");
		assertThat(this.journal.awaitEntry(id, "appTeardown")).doesNotContain("handler");
	}

	@Test
	void teardownHooksReceiveTheExceptionAndTheErrorPageSeesTheSameG() {
		String id = newId();
		HttpResponse<String> response = this.http.get("/boom?id=" + id, "Accept", "application/json");
		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(response.body()).doesNotContain("IllegalStateException").doesNotContain("at dev.flagon");
		assertThat(response.headers().firstValue("X-G-Marker")).hasValue("g-of-" + id);
		List<String> entries = this.journal.awaitEntry(id, "appTeardown");
		assertThat(entries).containsSubsequence("before1", "handler", "after1", "teardown1:boom",
				"appTeardown:g-of-" + id + ":lifecycle:hasRequestContext=false");
		assertThat(entries).filteredOn((entry) -> entry.startsWith("teardown1")).hasSize(1);
		assertThat(entries).filteredOn((entry) -> entry.startsWith("before1")).hasSize(1);
	}

	@Test
	void everyTeardownRunsEvenIfAnEarlierOneThrows() {
		String id = newId();
		HttpResponse<String> response = this.http.get("/hello?teardownFails&id=" + id);
		assertThat(response.statusCode()).isEqualTo(200);
		List<String> entries = this.journal.awaitEntry(id, "appTeardown");
		assertThat(entries).containsSubsequence("teardown3", "teardown2", "teardown1:null");
		assertThat(entries.get(entries.size() - 1)).startsWith("appTeardown");
	}

	@Test
	void callableHandlersSeeTheSameGOnTheAsyncThreadAndDispatch() {
		String id = newId();
		HttpResponse<String> response = this.http.get("/callable?id=" + id);
		assertThat(response.body()).isEqualTo("callable:g-of-" + id);
		assertThat(response.headers().firstValue("X-G-Marker")).hasValue("g-of-" + id);
		List<String> entries = this.journal.awaitEntry(id, "appTeardown");
		assertThat(entries).filteredOn((entry) -> entry.startsWith("before1")).hasSize(1);
		assertThat(entries).filteredOn((entry) -> entry.startsWith("teardown1")).hasSize(1);
		assertThat(entries).filteredOn((entry) -> entry.startsWith("after1")).hasSize(1);
	}

	@Test
	void deferredResultsCompletedWithACopiedContextSeeTheSameG() {
		String id = newId();
		HttpResponse<String> response = this.http.get("/deferred?id=" + id);
		assertThat(response.body()).isEqualTo("deferred:g-of-" + id);
		assertThat(response.headers().firstValue("X-G-Marker")).hasValue("g-of-" + id);
		assertThat(this.journal.awaitEntry(id, "appTeardown")).filteredOn((entry) -> entry.startsWith("teardown1"))
			.hasSize(1);
	}

	@Test
	void asyncMethodsSeeTheCallersG() {
		String id = newId();
		HttpResponse<String> response = this.http.get("/async?id=" + id);
		assertThat(response.body()).isEqualTo("async:g-of-" + id + ":true");
	}

	@Test
	void handlersCanTakeTheCurrentAppAndReadTheRequest() {
		assertThat(this.http.get("/app").body()).isEqualTo("lifecycle|lifecycle");
		assertThat(this.http.get("/request?x=1").body()).isEqualTo("/request");
	}

	@Test
	void unknownPathsAre404AndStillRunTheHooks() {
		String id = newId();
		HttpResponse<String> response = this.http.get("/nowhere?id=" + id);
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(this.journal.awaitEntry(id, "appTeardown")).contains("before1", "after1");
	}

}
