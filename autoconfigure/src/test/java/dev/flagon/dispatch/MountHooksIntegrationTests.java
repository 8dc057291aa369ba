package dev.flagon.dispatch;

import java.net.http.HttpResponse;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.flagon.dispatch.multiapp.MultiAppTestApplication;
import dev.flagon.testsupport.HttpTestClient;
import dev.flagon.testsupport.Journal;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hooks of one application never run for another's requests.
 *
 * @author Flagon team
 */
@SpringBootTest(classes = MultiAppTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.config.name=multiapp")
class MountHooksIntegrationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private Journal journal;

	private HttpTestClient http;

	@BeforeEach
	void client() {
		this.http = HttpTestClient.withoutCookies(this.port);
	}

	@Test
	void requestToAMountedAppRunsThatAppsHooksOnly() {
		String id = UUID.randomUUID().toString();
		HttpResponse<String> response = this.http.get("/app03/?id=" + id);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().allValues("X-App")).containsExactly("app03");
		assertThat(this.journal.awaitEntry(id, "app03:teardown")).containsExactly("app03:before", "app03:teardown");
	}

	@Test
	void requestToTheRootAppRunsTheRootAppsHooksOnly() {
		String id = UUID.randomUUID().toString();
		HttpResponse<String> response = this.http.get("/?id=" + id);
		assertThat(response.headers().allValues("X-App")).containsExactly("app01");
		assertThat(this.journal.awaitEntry(id, "app01:teardown")).containsExactly("app01:before", "app01:teardown");
	}

	@Test
	void nestedMountRunsItsOwnHooksNotThoseOfTheMountAroundIt() {
		String id = UUID.randomUUID().toString();
		HttpResponse<String> response = this.http.get("/app02/admin/?id=" + id);
		assertThat(response.headers().allValues("X-App")).containsExactly("admin");
		assertThat(this.journal.awaitEntry(id, "admin:teardown")).containsExactly("admin:before", "admin:teardown");
	}

	@Test
	void beforeRequestHookOfAnotherAppCannotStopTheRequest() {
		assertThat(this.http.get("/app02/?stop=app01").body()).isEqualTo("app02 index");
		assertThat(this.http.get("/app02/?stop=app02").body()).isEqualTo("app02 stopped the request");
		assertThat(this.http.get("/?stop=app02").body()).isEqualTo("app01 index");
	}

	@Test
	void unknownPathUnderAMountRunsOnlyThatAppsTeardownHooks() {
		String id = UUID.randomUUID().toString();
		HttpResponse<String> response = this.http.get("/app02/nowhere?id=" + id);
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(this.journal.awaitEntry(id, "app02:teardown")).containsExactly("app02:teardown");
	}

}
