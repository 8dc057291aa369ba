package dev.flagon.session.security;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * Spring Security's session-fixation protection on the cookie store in Flask's format.
 *
 * @author Flagon team
 */
@SpringBootTest(classes = SessionFixationProtectionTests.FixationApplication.class,
		webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "flagon.session.cookie.format=flask", "spring.security.user.name=alice",
				"spring.security.user.password=wonderland",
				"flagon.secret-key=fixation-test-secret-key-of-at-least-32-bytes" })
class FlaskStoreSessionFixationIntegrationTests extends SessionFixationProtectionTests {

}
