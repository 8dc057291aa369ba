package dev.flagon.session.cookie;

import dev.flagon.session.SessionStoreContractTests;
import dev.flagon.session.SessionTestApplication;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The session store contract on the cookie store, encrypted format.
 *
 * @author Flagon team
 */
@SpringBootTest(classes = SessionTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "flagon.secret-key=contract-test-secret-key-with-32-bytes-or-more")
class EncryptedCookieStoreContractIntegrationTests extends SessionStoreContractTests {

}
