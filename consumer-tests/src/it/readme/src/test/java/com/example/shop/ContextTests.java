package com.example.shop;

import org.junit.jupiter.api.Test;

import dev.flagon.Flagon;
import dev.flagon.context.FlagonApp;
import dev.flagon.context.RequestContext;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ContextTests {

	@Autowired
	private FlagonApp app;

	@Autowired
	private NightlyReport report;

	@Test
	void aTestRequestContextHasTheRequest() {
		try (RequestContext ctx = this.app.testRequestContext("/users?page=2")) {   // test_request_context
			assertThat(Flagon.request().getParameter("page")).isEqualTo("2");
		}
	}

	@Test
	void aJobRunsInAnAppContextOfItsOwn() {
		assertThat(this.report.run("42")).isEqualTo("shop ran job 42");
		assertThat(Flagon.hasAppContext()).isFalse();
	}

}
