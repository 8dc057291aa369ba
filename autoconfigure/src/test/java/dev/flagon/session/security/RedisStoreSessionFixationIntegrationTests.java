package dev.flagon.session.security;

import dev.flagon.testsupport.WithRedisServer;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * Spring Security's session-fixation protection on the Redis store, against a real Redis.
 *
 * @author Flagon team
 */
@SpringBootTest(classes = SessionFixationProtectionTests.FixationApplication.class,
		webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "flagon.session.store=redis", "spring.security.user.name=alice",
				"spring.security.user.password=wonderland",
				"flagon.secret-key=fixation-test-secret-key-of-at-least-32-bytes" })
@WithRedisServer
class RedisStoreSessionFixationIntegrationTests extends SessionFixationProtectionTests {

}
