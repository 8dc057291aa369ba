package dev.flagon.context;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import dev.flagon.Flagon;
import dev.flagon.autoconfigure.FlagonAutoConfiguration;
import dev.flagon.hooks.TeardownAppContext;
import dev.flagon.hooks.TeardownRequest;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Contexts pushed without a server: in jobs, runners and tests.
 *
 * @author Flagon team
 */
class AppContextTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(FlagonAutoConfiguration.class))
		.withPropertyValues("spring.application.name=jobs")
		.withUserConfiguration(TeardownConfiguration.class);

	@Test
	void outsideAnyContextTheFacadeSaysHowToGetOne() {
		assertThat(Flagon.hasAppContext()).isFalse();
		assertThat(Flagon.hasRequestContext()).isFalse();
		assertThatExceptionOfType(OutsideOfContextException.class).isThrownBy(Flagon::g)
			.withMessageContaining("outside of application context")
			.withMessageContaining("app.appContext()");
		assertThatExceptionOfType(OutsideOfContextException.class).isThrownBy(Flagon::request)
			.withMessageContaining("outside of request context")
			.withMessageContaining("app.testRequestContext(");
		assertThatIllegalStateException().isThrownBy(Flagon::session).withMessageContaining("outside of request context");
		assertThatIllegalStateException().isThrownBy(Flagon::currentApp);
	}

	@Test
	void appContextGivesAFreshGAndRunsTeardownOnClose() {
		this.contextRunner.run((context) -> {
			FlagonApp app = context.getBean(FlagonApp.class);
			Recorder recorder = context.getBean(Recorder.class);
			try (AppContext ctx = app.appContext()) {
				assertThat(Flagon.hasAppContext()).isTrue();
				assertThat(Flagon.hasRequestContext()).isFalse();
				assertThat(Flagon.currentApp().getName()).isEqualTo("jobs");
				Flagon.g().set("job", 42);
				assertThat(ctx.getG().get("job")).isEqualTo(42);
				assertThat(context.getBean(G.class).get("job")).isEqualTo(42);
			}
			assertThat(Flagon.hasAppContext()).isFalse();
			assertThat(recorder.events).containsExactly("appTeardown:42:null");
			try (AppContext ctx = app.appContext()) {
				assertThat(Flagon.g().contains("job")).isFalse();
			}
		});
	}

	@Test
	void nestedContextsPopInOrderAndPoppingTheWrongOneFails() {
		this.contextRunner.run((context) -> {
			FlagonApp app = context.getBean(FlagonApp.class);
			AppContext outer = app.appContext();
			AppContext inner = app.appContext();
			Flagon.g().set("where", "inner");
			assertThatIllegalStateException().isThrownBy(outer::close).withMessageContaining("Popped wrong context");
			inner.close();
			assertThat(Flagon.g().contains("where")).isFalse();
			outer.close();
			assertThat(Flagon.hasAppContext()).isFalse();
		});
	}

	@Test
	void testRequestContextPushesARequestWithItsQueryAndRunsRequestTeardown() {
		this.contextRunner.run((context) -> {
			FlagonApp app = context.getBean(FlagonApp.class);
			Recorder recorder = context.getBean(Recorder.class);
			try (RequestContext ctx = app.testRequestContext("/users?page=2&name=Zo%C3%AB")) {
				assertThat(Flagon.request().getRequestURI()).isEqualTo("/users");
				assertThat(Flagon.request().getParameter("page")).isEqualTo("2");
				assertThat(Flagon.request().getParameter("name")).isEqualTo("Zoë");
				assertThat(Flagon.request().getQueryString()).isEqualTo("page=2&name=Zo%C3%AB");
				assertThat(Flagon.hasRequestContext()).isTrue();
				Flagon.g().set("job", "req");
			}
			assertThat(Flagon.hasAppContext()).isFalse();
			assertThat(recorder.events).containsExactly("teardownRequest:/users", "appTeardown:req:null");
		});
	}

	@Test
	void copiedContextRunsOnAnotherThreadWithTheSameG() {
		this.contextRunner.run((context) -> {
			FlagonApp app = context.getBean(FlagonApp.class);
			ExecutorService executor = Executors.newSingleThreadExecutor();
			try (AppContext ctx = app.appContext()) {
				Flagon.g().set("shared", "yes");
				Runnable task = Flagon.copyCurrentContext(() -> Flagon.g().set("fromWorker", Flagon.g().get("shared")));
				executor.submit(task).get(10, TimeUnit.SECONDS);
				assertThat(Flagon.g().get("fromWorker")).isEqualTo("yes");
				boolean workerClean = executor.submit(Flagon::hasAppContext).get(10, TimeUnit.SECONDS);
				assertThat(workerClean).as("worker thread keeps no context after the task").isFalse();
			}
			finally {
				executor.shutdownNow();
			}
		});
	}

	@Test
	void copiedTasksThatReturnValuesGoToExecutorsAndFuturesWithoutCasts() {
		this.contextRunner.run((context) -> {
			FlagonApp app = context.getBean(FlagonApp.class);
			ExecutorService executor = Executors.newSingleThreadExecutor();
			try (AppContext ctx = app.appContext()) {
				Flagon.g().set("shared", "yes");
				List<Object> results = new ArrayList<>();
				results.add(executor.submit(Flagon.copyCurrentContext(() -> shared())).get(10, TimeUnit.SECONDS));
				results.add(executor.submit(Flagon.copyCurrentContext(() -> {
					return shared();
				})).get(10, TimeUnit.SECONDS));
				results.add(executor.submit(Flagon.copyCurrentContext(AppContextTests::shared)).get(10, TimeUnit.SECONDS));
				results.add(CompletableFuture.supplyAsync(Flagon.copyCurrentContext(() -> shared()), executor).get(10,
						TimeUnit.SECONDS));
				results.add(CompletableFuture.supplyAsync(Flagon.copyCurrentContext(AppContextTests::shared), executor)
					.get(10, TimeUnit.SECONDS));
				assertThat(results).containsOnly("yes:jobs").hasSize(5);
				executor.submit(Flagon.copyCurrentContext(() -> record("submit"))).get(10, TimeUnit.SECONDS);
				CompletableFuture.runAsync(Flagon.copyCurrentContext(() -> record("runAsync")), executor)
					.get(10, TimeUnit.SECONDS);
				CompletableFuture<Void> executed = new CompletableFuture<>();
				executor.execute(Flagon.copyCurrentContext(() -> {
					record("execute");
					executed.complete(null);
				}));
				executed.get(10, TimeUnit.SECONDS);
				assertThat(Flagon.g().get("ran")).isEqualTo(List.of("submit", "runAsync", "execute"));
			}
			finally {
				executor.shutdownNow();
			}
		});
	}

	@Test
	void aCheckedExceptionOfACopiedTaskReachesTheFutureAsItsCause() {
		this.contextRunner.run((context) -> {
			FlagonApp app = context.getBean(FlagonApp.class);
			try (AppContext ctx = app.appContext()) {
				CompletableFuture<Object> future = CompletableFuture.supplyAsync(Flagon.copyCurrentContext(() -> {
					throw new IOException("disk full");
				}));
				assertThatExceptionOfType(ExecutionException.class).isThrownBy(future::get)
					.withCauseInstanceOf(IOException.class)
					.withMessageContaining("disk full");
			}
		});
	}

	private static String shared() {
		return Flagon.g().get("shared") + ":" + Flagon.currentApp().getName();
	}

	@SuppressWarnings("unchecked")
	private static void record(String how) {
		((List<String>) Flagon.g().setDefault("ran", new ArrayList<String>())).add(how);
	}

	@Test
	void copyCurrentContextOutsideAContextFails() {
		assertThatExceptionOfType(OutsideOfContextException.class)
			.isThrownBy(() -> Flagon.copyCurrentContext(() -> {
			}));
	}

	@Configuration(proxyBeanMethods = false)
	static class TeardownConfiguration {

		@Bean
		Recorder recorder() {
			return new Recorder();
		}

	}

	static class Recorder {

		final List<String> events = new ArrayList<>();

		@TeardownRequest
		void teardownRequest(jakarta.servlet.http.HttpServletRequest request) {
			this.events.add("teardownRequest:" + request.getRequestURI());
		}

		@TeardownAppContext
		void teardownAppContext(G g, @Nullable Throwable error) {
			this.events.add("appTeardown:" + g.get("job") + ":" + error);
		}

	}

}
