package dev.flagon.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import dev.flagon.context.G;
import dev.flagon.hooks.AfterRequest;
import dev.flagon.hooks.BeforeRequest;
import dev.flagon.internal.AppRouter;
import dev.flagon.internal.AppRuntime;
import dev.flagon.internal.FlagonRequestFilter;
import dev.flagon.internal.HookInterceptor;
import dev.flagon.session.internal.DisabledSessionStore;

import org.springframework.context.support.GenericApplicationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

/**
 * Flagon's whole per-request work without a server: the request filter, the hook
 * interceptor, a before-request hook setting {@code g} and an after-request hook setting a
 * header, around a "handler" that writes a body, as load test variant (c) does. The
 * {@code bare} variant runs the same handler, setting the header itself, without Flagon; the
 * difference is what Flagon adds to a request, allocation included ({@code -prof gc}). The
 * mock request and response are reused, so their own cost stays small.
 *
 * @author Flagon team
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class RequestLifecycleBenchmark {

	private static final byte[] BODY = "hello alice".getBytes(StandardCharsets.US_ASCII);

	// Where the filter keeps the request's lifecycle: removed, so that each invocation is a new request
	private static final String LIFECYCLE_ATTRIBUTE = "dev.flagon.internal.Lifecycle";

	@Param({ "bare", "flagon" })
	public String variant;

	private final MockHttpServletRequest request = new MockHttpServletRequest("GET", "/hello");

	private final MockHttpServletResponse response = new MockHttpServletResponse();

	private final Object handler = new Object();

	private GenericApplicationContext applicationContext;

	private FlagonRequestFilter filter;

	private FilterChain chain;

	@Setup
	public void setUp() {
		this.applicationContext = new GenericApplicationContext();
		this.applicationContext.registerBean(Hooks.class);
		this.applicationContext.refresh();
		AppRuntime runtime = new AppRuntime("bench", "", this.applicationContext, new DisabledSessionStore(),
				Duration.ofDays(31));
		runtime.afterSingletonsInstantiated();
		AppRouter router = new AppRouter();
		router.setRoot(runtime);
		this.filter = new FlagonRequestFilter(router);
		HookInterceptor interceptor = new HookInterceptor(
				this.applicationContext.getBeanProvider(RequestMappingHandlerAdapter.class));
		this.chain = "bare".equals(this.variant) ? this::bareHandler : (request, response) -> {
			HttpServletRequest httpRequest = (HttpServletRequest) request;
			HttpServletResponse httpResponse = (HttpServletResponse) response;
			try {
				if (interceptor.preHandle(httpRequest, httpResponse, this.handler)) {
					httpResponse.getOutputStream().write(BODY);
				}
			}
			catch (IOException | ServletException | RuntimeException ex) {
				throw ex;
			}
			catch (Exception ex) {
				throw new ServletException(ex);
			}
		};
	}

	@TearDown
	public void tearDown() {
		this.applicationContext.close();
	}

	private void bareHandler(jakarta.servlet.ServletRequest request, jakarta.servlet.ServletResponse response)
			throws IOException {
		HttpServletResponse httpResponse = (HttpServletResponse) response;
		httpResponse.setHeader("X-Bench", "1");
		httpResponse.getOutputStream().write(BODY);
	}

	@Benchmark
	public int request() throws Exception {
		this.request.removeAttribute(LIFECYCLE_ATTRIBUTE);
		this.response.reset();
		if ("bare".equals(this.variant)) {
			this.chain.doFilter(this.request, this.response);
		}
		else {
			this.filter.doFilter(this.request, this.response, this.chain);
		}
		return this.response.getContentLength();
	}

	/**
	 * What variant (c) of the load test declares.
	 */
	static class Hooks {

		@BeforeRequest
		void user(G g) {
			g.set("user", "alice");
		}

		@AfterRequest
		void header(HttpServletResponse response) {
			response.setHeader("X-Bench", "1");
		}

	}

}
