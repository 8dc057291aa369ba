package com.example.secured;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * Form login with {@code newSession()}: a new session with only Spring Security's own data.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "example.session-fixation=new-session")
class NewSessionFormLoginTests extends FormLoginTests {

	@Override
	boolean keepsTheVisitorsSession() {
		return false;
	}

}
