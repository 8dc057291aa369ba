package dev.flagon.demo;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The demo's contract with its default session store: the whole session in an encrypted
 * cookie.
 *
 * @author Flagon team
 */
@SpringBootTest(classes = DemoApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class CookieStoreDemoIntegrationTests extends AbstractDemoContractTests {

	@LocalServerPort
	private int port;

	@Override
	protected int port() {
		return this.port;
	}

}
