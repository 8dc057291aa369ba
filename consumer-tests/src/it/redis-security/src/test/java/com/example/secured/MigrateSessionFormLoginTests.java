package com.example.secured;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * Form login with {@code migrateSession()}: a new session with the old one's data.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "example.session-fixation=migrate-session")
class MigrateSessionFormLoginTests extends FormLoginTests {

	@Override
	boolean keepsTheVisitorsSession() {
		return true;
	}

}
