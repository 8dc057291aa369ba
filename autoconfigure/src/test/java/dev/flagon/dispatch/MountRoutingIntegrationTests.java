package dev.flagon.dispatch;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.flagon.dispatch.multiapp.MultiAppTestApplication;
import dev.flagon.dispatch.multiapp.app02.App02Controller;
import dev.flagon.internal.MountedApps;
import dev.flagon.testsupport.HttpTestClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which application serves which path: the mounted application with the longest matching
 * prefix, else the root application.
 *
 * @author Flagon team
 */
@SpringBootTest(classes = MultiAppTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.config.name=multiapp")
class MountRoutingIntegrationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private ConfigurableApplicationContext context;

	private HttpTestClient http;

	@BeforeEach
	void client() {
		this.http = HttpTestClient.withoutCookies(this.port);
	}

	@Test
	void rootApplicationServesPathsOutsideEveryPrefix() {
		assertThat(body("/")).isEqualTo("app01 index");
		assertThat(body("/elsewhere")).isEqualTo("app01 fallback: /elsewhere");
	}

	@Test
	void eachMountedApplicationServesItsPrefix() {
		assertThat(body("/app02/")).isEqualTo("app02 index");
		assertThat(body("/app03/")).isEqualTo("app03 index");
		assertThat(body("/app02/admin/")).isEqualTo("admin index");
	}

	@Test
	void longestPrefixWins() {
		assertThat(body("/app02/admin/whoami")).contains("\"current\":\"admin\"");
		assertThat(body("/app02/whoami")).contains("\"current\":\"app02\"");
	}

	@Test
	void prefixesMatchWholePathSegmentsOnly() {
		assertThat(body("/app02/administrator")).isEqualTo("app02 administrator");
		assertThat(body("/app02x")).isEqualTo("app01 fallback: /app02x");
		assertThat(body("/app03-extra/whoami")).isEqualTo("app01 fallback: /app03-extra/whoami");
	}

	@Test
	void barePrefixRedirectsToTheApplicationsRootKeepingTheQuery() {
		HttpResponse<String> response = this.http.get("/app02?page=2");
		assertThat(response.statusCode()).isEqualTo(308);
		assertThat(response.headers().firstValue("Location")).hasValue("/app02/?page=2");
		HttpResponse<String> nested = this.http.get("/app02/admin");
		assertThat(nested.statusCode()).isEqualTo(308);
		assertThat(nested.headers().firstValue("Location")).hasValue("/app02/admin/");
	}

	@Test
	void mountedApplicationsSeeTheirOwnPropertiesOverTheRootApplications() {
		assertThat(body("/app02/property?name=demo.greeting")).isEqualTo("hello from app02");
		assertThat(body("/app03/property?name=demo.greeting")).isEqualTo("<unset>");
		assertThat(body("/property?name=demo.greeting")).isEqualTo("<unset>");
		assertThat(body("/app03/property?name=spring.application.name")).isEqualTo("app01");
	}

	@Test
	void rootComponentScanSkipsThePackagesOfMountedApps() {
		assertThat(this.context.getBeanNamesForType(App02Controller.class)).isEmpty();
		ConfigurableApplicationContext app02 = this.context.getBean(MountedApps.class).getApplicationContext("app02");
		assertThat(app02.getBeanNamesForType(App02Controller.class)).hasSize(1);
	}

	private String body(String path) {
		HttpResponse<String> response = this.http.get(path);
		assertThat(response.statusCode()).as("status of %s", path).isEqualTo(200);
		return response.body();
	}

}
