package dev.flagon.session.redis;

import dev.flagon.session.SessionStoreContractTests;
import dev.flagon.session.SessionTestApplication;
import dev.flagon.testsupport.WithRedisServer;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The session store contract on the Redis store, against a real Redis.
 *
 * @author Flagon team
 */
@SpringBootTest(classes = SessionTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "flagon.session.store=redis")
@WithRedisServer
class RedisSessionStoreContractIntegrationTests extends SessionStoreContractTests {

	@Override
	protected boolean storesSessionsUnderTheirIds() {
		return true;
	}

}
