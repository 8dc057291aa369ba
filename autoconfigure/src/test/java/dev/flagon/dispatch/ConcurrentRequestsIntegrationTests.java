package dev.flagon.dispatch;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.flagon.testsupport.HttpTestClient;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each request sees its own {@code g}, however many run at once.
 *
 * @author Flagon team
 */
@SpringBootTest(classes = LifecycleTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.application.name=lifecycle", "flagon.session.store=none" })
class ConcurrentRequestsIntegrationTests {

	private static final int CLIENTS = 32;

	private static final int REQUESTS_PER_CLIENT = 500;

	@LocalServerPort
	private int port;

	@Test
	void concurrentClientsNeverSeeAnotherRequestsG() throws Exception {
		ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
		try {
			List<Future<List<String>>> results = new ArrayList<>();
			for (int client = 0; client < CLIENTS; client++) {
				int clientId = client;
				results.add(clients.submit(() -> {
					HttpTestClient http = HttpTestClient.withoutCookies(this.port);
					List<String> mismatches = new ArrayList<>();
					for (int i = 0; i < REQUESTS_PER_CLIENT; i++) {
						String value = clientId + "-" + i;
						HttpResponse<String> response = http.get("/echo?v=" + value);
						String expected = value + "|" + value + "|" + value;
						if (response.statusCode() != 200 || !expected.equals(response.body())) {
							mismatches.add(value + " -> " + response.statusCode() + " " + response.body());
						}
					}
					return mismatches;
				}));
			}
			int total = 0;
			for (Future<List<String>> result : results) {
				List<String> mismatches = result.get(5, TimeUnit.MINUTES);
				assertThat(mismatches).isEmpty();
				total += REQUESTS_PER_CLIENT;
			}
			assertThat(total).isEqualTo(CLIENTS * REQUESTS_PER_CLIENT);
		}
		finally {
			clients.shutdownNow();
		}
	}

}
