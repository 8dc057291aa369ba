package dev.flagon.demo;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The demo's contract with Flask-compatible session cookies
 * ({@code FLAGON_SESSION_COOKIE_FORMAT=flask}).
 *
 * @author Flagon team
 */
@SpringBootTest(classes = DemoApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "flagon.session.cookie.format=flask")
class FlaskCookieDemoIntegrationTests extends AbstractDemoContractTests {

	@LocalServerPort
	private int port;

	@Override
	protected int port() {
		return this.port;
	}

}
