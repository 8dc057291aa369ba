package dev.flagon.benchmarks.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.server.context.WebServerPortFileWriter;

/**
 * The app that {@code load.sh} measures. One Spring profile per variant selects what runs
 * around the same {@code /hello} endpoint, or which session the {@code /session/*} endpoints
 * use:
 * <ul>
 * <li>{@code bare}: Spring MVC alone (Flagon's auto-configuration excluded);</li>
 * <li>{@code interceptor}: a hand-written {@code HandlerInterceptor} and a
 * {@code @RequestScope} bean, doing what {@code hooks} does;</li>
 * <li>{@code hooks}: Flagon, a {@code @BeforeRequest} hook setting {@code g} and an
 * {@code @AfterRequest} hook setting a header;</li>
 * <li>{@code cookie}, {@code cookie-flask}: Flagon's cookie session, encrypted or
 * Flask-compatible;</li>
 * <li>{@code redis}: Flagon's Redis session store;</li>
 * <li>{@code spring-session}: Spring Session's own filter and {@code RedisSessionRepository},
 * Flagon's auto-configuration excluded;</li>
 * <li>{@code wrapped}: a control, {@code bare} (a profile group holding it) behind a filter
 * that only wraps the request and the response.</li>
 * </ul>
 * The port, random, is written to the file named by the {@code PORTFILE} system property.
 *
 * @author Flagon team
 */
@SpringBootApplication
public class BenchApplication {

	/**
	 * The value every variant's {@code /hello} answers with, and its before-work sets.
	 */
	static final String USER = "alice";

	/**
	 * The header every variant but {@code bare} sets on {@code /hello}.
	 */
	static final String HEADER = "X-Bench";

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(BenchApplication.class);
		application.addListeners(new WebServerPortFileWriter());
		application.run(args);
	}

}
