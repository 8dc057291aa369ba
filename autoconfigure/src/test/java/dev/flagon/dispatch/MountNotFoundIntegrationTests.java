package dev.flagon.dispatch;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.flagon.dispatch.multiapp.MultiAppTestApplication;
import dev.flagon.testsupport.HttpTestClient;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An unknown path under a prefix is the mounted application's 404: never the root
 * application's page (it has a catch-all handler here), never a 5xx.
 *
 * @author Flagon team
 */
@SpringBootTest(classes = MultiAppTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.config.name=multiapp")
class MountNotFoundIntegrationTests {

	@LocalServerPort
	private int port;

	private HttpTestClient http;

	@BeforeEach
	void client() {
		this.http = HttpTestClient.withoutCookies(this.port);
	}

	@Test
	void unknownPathUnderAMountIsNotFound() {
		HttpResponse<String> response = this.http.get("/app02/no/such/page", "Accept", "application/json");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).contains("\"path\":\"/app02/no/such/page\"").doesNotContain("app01");
	}

	@Test
	void unknownPathUnderANestedMountIsThatMountsNotFound() {
		HttpResponse<String> response = this.http.get("/app02/admin/nope", "Accept", "application/json");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).contains("\"path\":\"/app02/admin/nope\"");
	}

	@Test
	void mountedAppCanRenderItsOwnNotFoundPage() {
		HttpResponse<String> response = this.http.get("/app03/nope");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).isEqualTo("app03 has no page at /nope");
	}

	@Test
	void rootPathsOfTheRootAppAreNotServedUnderAPrefix() {
		HttpResponse<String> response = this.http.get("/app02/elsewhere", "Accept", "text/html");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).doesNotContain("app01 fallback");
	}

	@Test
	void rootApplicationsStaticResourcesAreNotServedUnderAPrefix() {
		assertThat(this.http.get("/app02/favicon.ico").statusCode()).isEqualTo(404);
	}

}
